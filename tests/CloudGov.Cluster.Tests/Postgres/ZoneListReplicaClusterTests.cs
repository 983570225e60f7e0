using CloudGov.Cluster.Tests.Support;

namespace CloudGov.Cluster.Tests.Postgres;

/// <summary>
/// Two hosts of one PostgreSQL cluster: each answers <c>ListZones</c> from its own copy of the zone list, which the
/// one-cloud index (wherever it lives) pushes to every host.
/// </summary>
[TestFixture]
public sealed class ZoneListReplicaClusterTests : ClusterTest
{
    [Test]
    public async Task ListZones_ZoneRegisteredAndDisconnectedOnHostA_SeenOnHostB()
    {
        var database = await PostgresTestServer.Server.CreateDatabaseAsync("zonelist");
        var clusterId = $"zonelist-{Guid.NewGuid():N}";

        // The safety re-read is pushed far out, so only the index's pushes can bring host B the changes in time.
        var extra = new Dictionary<string, string?> { ["Zones:ListFromHostCopy"] = "true", ["Zones:ListResyncInterval"] = "00:10:00" };
        var hosts = await Hosts.StartClusterAsync([Hosts.PostgresHost(database, clusterId, extra), Hosts.PostgresHost(database, clusterId, extra)], "pg-zonelist");
        var (a, b) = (hosts[0], hosts[1]);
        await Operations.ListZonesAsync(b.Channel, TimeSpan.FromSeconds(15)); // host B holds its first copy

        const string zone = "zonelist-zone-1";
        var agent = await AgentProcess.StartAsync(AgentProcess.ZoneSettings(a.AgentAddress, zone, Agents.WorkloadsPerZone));
        bool stopped = false;
        try
        {
            var seen = await Eventually.ReturnsAsync(
                async () => (await Operations.ListZonesAsync(b.Channel)).Zones.FirstOrDefault(z => z.ZoneId == zone),
                z => z is { AgentConnected: true, WorkloadCount: Agents.WorkloadsPerZone },
                "host B lists the zone registered through host A, connected, with its 25 workloads");
            Assert.That(seen!.Status, Is.EqualTo(Proto.Common.V1.ZoneStatus.Ready));

            await agent.DisposeAsync();
            stopped = true;

            await Eventually.HoldsAsync(
                async () => (await Operations.ListZonesAsync(b.Channel)).Zones.Single(z => z.ZoneId == zone) is { AgentConnected: false },
                "host B lists the zone as disconnected once its agent left host A");
            var onB = (await Operations.ListZonesAsync(b.Channel)).Zones.Single(z => z.ZoneId == zone);
            Assert.That(onB.LastSequence, Is.GreaterThanOrEqualTo(seen.LastSequence));
            await Eventually.HoldsAsync(
                async () => (await Operations.ListZonesAsync(a.Channel)).Zones.Single(z => z.ZoneId == zone) is { AgentConnected: false } onA
                    && onA.LastSequence == onB.LastSequence,
                "host A's copy agrees with host B's");
        }
        finally
        {
            if (!stopped)
            {
                await agent.DisposeAsync();
            }
        }
    }
}
