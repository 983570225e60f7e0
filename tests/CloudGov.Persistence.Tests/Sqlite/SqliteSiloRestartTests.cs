using CloudGov.Persistence.Tests.Grains;
using CloudGov.Persistence.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CloudGov.Persistence.Tests.Sqlite;

/// <summary>The single-node default, wired only through UseCloudGovStorage, across a host restart.</summary>
[TestFixture]
public sealed class SqliteSiloRestartTests
{
    [Test]
    public async Task SingleNodeSilo_StoppedAndStartedAgain_KeepsGrainStateAndReminders()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"cloudgov-node-{Guid.NewGuid():N}");
        var path = Path.Combine(directory, "data", "cloudgov.db");
        try
        {
            using (var host = SiloHosts.Build(SiloHosts.Sqlite(path)))
            {
                await host.StartAsync();
                var grain = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IProbeGrain>("zone-nanning");
                await grain.SetAsync("南宁 ready");
                await grain.RegisterReminderAsync("staleness");
                await host.StopAsync();
            }

            using (var host = SiloHosts.Build(SiloHosts.Sqlite(path)))
            {
                await host.StartAsync();
                var grain = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IProbeGrain>("zone-nanning");

                var state = await grain.GetAsync();

                Assert.That(state.Note, Is.EqualTo("南宁 ready"));
                Assert.That(state.Counter, Is.EqualTo(1));
                Assert.That(await grain.ReminderNamesAsync(), Is.EqualTo(new[] { "staleness" }));
                await host.StopAsync();
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
