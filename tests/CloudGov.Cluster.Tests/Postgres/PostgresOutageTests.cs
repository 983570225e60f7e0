using System.Diagnostics;
using CloudGov.Cluster.Tests.Support;
using CloudGov.Testing.Postgres;
using Grpc.Core;

namespace CloudGov.Cluster.Tests.Postgres;

/// <summary>PostgreSQL stopped and started again under a 2-host cluster with reporting agents.</summary>
[TestFixture]
public sealed class PostgresOutageTests : ClusterTest
{
    private static readonly TimeSpan CallBound = TimeSpan.FromSeconds(10);

    [Test]
    public async Task PostgresRestart_UnderReportingAgents_CallsFailClearlyNothingUnstoredIsAckedAndAllRecovers()
    {
        // A private server: this test stops PostgreSQL, which must never touch the shared one.
        var server = await PostgresServer.StartPrivateAsync();
        Backend(server);
        OnFailureWrite(server.ReadLog);

        var database = await server.CreateDatabaseAsync("outage");
        var clusterId = $"outage-{Guid.NewGuid():N}";
        var hosts = await Hosts.StartClusterAsync([Hosts.PostgresHost(database, clusterId), Hosts.PostgresHost(database, clusterId)], "pg-outage");
        string[] zones = [.. Enumerable.Range(0, 4).Select(i => $"outage-zone-{i}")];
        for (int i = 0; i < zones.Length; i++)
        {
            await Agents.StartAsync(zones[i], Agents.Rotated(hosts, i));
        }

        await Eventually.HoldsAsync(
            () => Agents.ByZone.Values.All(a => a.State.Connected && a.State.Acknowledged >= 5),
            "all 4 agents connected, each with at least 5 reports acknowledged", TimeSpan.FromSeconds(60));

        await server.StopAsync();
        try
        {
            // A call that needs storage (activating a zone nobody has loaded) fails with a clear status, within a bound.
            var watch = Stopwatch.StartNew();
            var failure = await Assert.ThrowsAsync<RpcException>(async () => await Operations.GetZoneAsync(hosts[0].Channel, "outage-never-seen", CallBound));
            Assert.Multiple(() =>
            {
                Assert.That(failure!.StatusCode, Is.EqualTo(StatusCode.Unavailable), $"status while PostgreSQL is down: {failure.Status}");
                Assert.That(watch.Elapsed, Is.LessThan(CallBound), "the failure comes before the call's deadline");
            });

            // Nothing is acknowledged while nothing can be stored: read the acks once the outage is visible, then let
            // every agent send 10 more reports; the acks must not move.
            var acknowledged = Agents.ByZone.ToDictionary(a => a.Key, a => a.Value.State.Acknowledged);
            var sent = Agents.ByZone.ToDictionary(a => a.Key, a => a.Value.State.LastSent);
            await Eventually.HoldsAsync(
                () => Agents.ByZone.All(a => a.Value.State.LastSent >= sent[a.Key] + 10),
                "every agent sends 10 more reports while PostgreSQL is down");
            Assert.Multiple(() =>
            {
                foreach (var (zone, agent) in Agents.ByZone)
                {
                    Assert.That(agent.State.Acknowledged, Is.EqualTo(acknowledged[zone]), $"{zone}: no ack while PostgreSQL is down");
                    Assert.That(agent.State.Backlog.Count, Is.GreaterThanOrEqualTo(10), $"{zone}: unacknowledged reports stay in the agent's backlog");
                }
            });
        }
        finally
        {
            await server.StartAgainAsync();
        }

        // Everything recovers: acks advance past what was sent during the outage, PostgreSQL holds at least what was
        // acknowledged, and the operations API answers again (an unknown zone is NotFound, not an error).
        var sentDuringOutage = Agents.ByZone.ToDictionary(a => a.Key, a => a.Value.State.LastSent);
        await Eventually.HoldsAsync(
            () => Agents.ByZone.All(a => a.Value.State.Connected && a.Value.State.Acknowledged > sentDuringOutage[a.Key]),
            "every agent's reports sent during the outage are acknowledged after PostgreSQL is back", TimeSpan.FromSeconds(60));
        var acked = Agents.ByZone.ToDictionary(a => a.Key, a => a.Value.State.Acknowledged);
        var stored = await Stored.LastSequencesAsync(database, zones);
        foreach (var zone in zones)
        {
            Assert.That(stored[zone], Is.GreaterThanOrEqualTo(acked[zone]), $"{zone}: PostgreSQL holds every acknowledged report");
        }

        await Eventually.HoldsAsync(
            async () =>
            {
                try
                {
                    await Operations.GetZoneAsync(hosts[1].Channel, "outage-never-seen", TimeSpan.FromSeconds(2));
                    return false;
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
                {
                    return true;
                }
            },
            "the operations API answers an unknown zone with NotFound again");
        foreach (var host in hosts)
        {
            var listed = await Operations.ListZonesAsync(host.Channel);
            Assert.That(listed.Zones.Select(z => z.ZoneId), Is.SupersetOf(zones), $"{host.Name} lists every zone after the outage");
        }
    }
}
