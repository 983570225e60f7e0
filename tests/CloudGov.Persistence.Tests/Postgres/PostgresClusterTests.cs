using CloudGov.Persistence.Tests.Grains;
using CloudGov.Persistence.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;

namespace CloudGov.Persistence.Tests.Postgres;

/// <summary>Two real silos on the project's PostgreSQL schema, wired only through UseCloudGovStorage.</summary>
[TestFixture]
public sealed class PostgresClusterTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly List<IHost> _hosts = [];
    private string _database = "";

    [SetUp]
    public async Task CreateDatabaseAsync() => _database = await PostgresTestServer.Server.CreateDatabaseAsync("cluster");

    [TearDown]
    public async Task StopHostsAsync()
    {
        foreach (var host in _hosts)
        {
            try
            {
                await host.StopAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                // Already stopped by the test.
            }

            host.Dispose();
        }

        _hosts.Clear();
    }

    [Test]
    public async Task TwoSilos_SameClusterId_FormOneCluster()
    {
        var (first, second) = await StartPairAsync("pair");

        var active = await Eventually.ReturnsAsync(
            () => first.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true),
            hosts => hosts.Count == 2,
            "both silos to be Active in the membership table",
            Patience);

        Assert.That(active.Values, Is.All.EqualTo(SiloStatus.Active));
        Assert.That(await PostgresSchemaTests.ScalarAsync<long>(_database, "SELECT count(*) FROM orleans_membership WHERE status = 3;"),
            Is.EqualTo(2));
        _ = second;
    }

    [Test]
    public async Task GrainState_WrittenThroughOneSilo_IsReadAfterThatSiloStops()
    {
        var (first, second) = await StartPairAsync("failover");
        var key = $"zone-{Guid.NewGuid():N}";
        var throughFirst = first.Services.GetRequiredService<IGrainFactory>().GetGrain<IProbeGrain>(key);
        await throughFirst.SetAsync("南宁");
        await throughFirst.SetAsync("柳州");
        var firstSilo = await throughFirst.SiloAsync();

        await first.StopAsync(TimeSpan.FromSeconds(30));

        var throughSecond = second.Services.GetRequiredService<IGrainFactory>().GetGrain<IProbeGrain>(key);
        var state = await Eventually.ReturnsAsync(
            async () => (Silo: await throughSecond.SiloAsync(), State: await throughSecond.GetAsync()),
            r => r.Silo != firstSilo,
            "the grain to answer from the surviving silo",
            Patience);
        Assert.That(state.State.Note, Is.EqualTo("柳州"));
        Assert.That(state.State.Counter, Is.EqualTo(2));
    }

    [Test]
    public async Task Reminders_Registered_AreListedAndStoredInPostgres()
    {
        var (first, _) = await StartPairAsync("reminders");
        var grain = first.Services.GetRequiredService<IGrainFactory>().GetGrain<IProbeGrain>($"rem-{Guid.NewGuid():N}");

        await grain.RegisterReminderAsync("audit");
        await grain.RegisterReminderAsync("sweep");

        Assert.That(await grain.ReminderNamesAsync(), Is.EqualTo(new[] { "audit", "sweep" }));
        Assert.That(await PostgresSchemaTests.ScalarAsync<long>(_database, "SELECT count(*) FROM orleans_reminder;"), Is.EqualTo(2));
    }

    private async Task<(IHost First, IHost Second)> StartPairAsync(string clusterId)
    {
        var first = SiloHosts.Build(SiloHosts.Postgres(_database, clusterId));
        _hosts.Add(first);
        await first.StartAsync();
        var second = SiloHosts.Build(SiloHosts.Postgres(_database, clusterId));
        _hosts.Add(second);
        await second.StartAsync();
        return (first, second);
    }
}
