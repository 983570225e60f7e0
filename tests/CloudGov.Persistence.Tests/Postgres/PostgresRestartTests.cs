using CloudGov.Persistence.Tests.Grains;
using CloudGov.Persistence.Tests.Support;
using CloudGov.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace CloudGov.Persistence.Tests.Postgres;

/// <summary>A silo on a private PostgreSQL that is restarted underneath it (its own server: the shared one stays up).</summary>
[TestFixture]
public sealed class PostgresRestartTests
{
    [Test]
    public async Task GrainWrites_PostgresRestarted_FailWhileDownAndSucceedAfter()
    {
        await using var server = await PostgresServer.StartPrivateAsync();
        var database = await server.CreateDatabaseAsync("restart");
        using var host = SiloHosts.Build(SiloHosts.Postgres(database, "restart"));
        await host.StartAsync();
        var grain = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IProbeGrain>("zone-restart");
        await grain.SetAsync("before");

        await server.StopAsync();
        var whileDown = Assert.CatchAsync(() => grain.SetAsync("while down"));
        await server.StartAgainAsync();
        var after = await Eventually.ReturnsAsync(
            async () =>
            {
                await grain.SetAsync("after");
                return await grain.GetAsync();
            },
            state => state.Note == "after",
            "a grain write to succeed after PostgreSQL came back",
            TimeSpan.FromSeconds(30));

        Assert.That(whileDown, Is.Not.Null);
        Assert.That(after.Note, Is.EqualTo("after"));
        await host.StopAsync();
    }
}
