using System.Diagnostics;
using CloudGov.Cluster.Tests.Support;

namespace CloudGov.Cluster.Tests.Postgres;

/// <summary>Three control-plane processes, one cluster on PostgreSQL; one is SIGKILLed while agents report.</summary>
[TestFixture]
public sealed class ClusterFailoverTests : ClusterTest
{
    [Test]
    public async Task Sigkill_OneOfThreeHostsWhileAgentsReport_ZonesAnswerFromSurvivorsAndNoAcknowledgedReportIsLost()
    {
        var database = await PostgresTestServer.Server.CreateDatabaseAsync("failover");
        var clusterId = $"failover-{Guid.NewGuid():N}";
        var hosts = await Hosts.StartClusterAsync([.. Enumerable.Range(0, 3).Select(_ => Hosts.PostgresHost(database, clusterId))], "pg-failover");
        string[] zones = [.. Enumerable.Range(0, 9).Select(i => $"failover-zone-{i}")];
        for (int i = 0; i < zones.Length; i++)
        {
            // Agent i starts at host i % 3 and moves on to the next host when a session fails.
            await Agents.StartAsync(zones[i], Agents.Rotated(hosts, i));
        }

        await Eventually.HoldsAsync(
            () => Agents.ByZone.Values.All(a => a.State.Connected && a.State.Acknowledged >= 5),
            "all 9 agents connected, each with at least 5 reports acknowledged", TimeSpan.FromSeconds(60));

        // The ledger holds every workload; operators registered intent for one zone's workloads (written at once).
        await Eventually.HoldsAsync(
            async () => (await Operations.ListWorkloadsAsync(hosts[1].Channel)).Count(r => zones.Contains(r.ZoneId)) == zones.Length * Agents.WorkloadsPerZone,
            "the ledger to hold every reported workload", TimeSpan.FromSeconds(30));
        var operations = new Proto.Operations.V1.OperationsService.OperationsServiceClient(hosts[1].Channel);
        var registered = await operations.SetWorkloadIntentAsync(new Proto.Operations.V1.SetWorkloadIntentRequest
        {
            Selector = new Proto.Operations.V1.WorkloadSelector { ZoneId = zones[0] },
            Patch = new Proto.Operations.V1.IntentPatch
            {
                AllowedRegions = new Proto.Operations.V1.RegionList { Codes = { "45" } },
                NetworkPlane = Proto.Common.V1.NetworkPlane.EgovExtranet,
                Project = "failover-project",
            },
        });
        Assert.That(registered.Changed, Is.EqualTo(Agents.WorkloadsPerZone));

        var victim = hosts[0];
        HostProcess[] survivors = [hosts[1], hosts[2]];
        var sessionsBefore = Agents.ByZone.ToDictionary(a => a.Key, a => a.Value.State.Sessions);
        var watch = Stopwatch.StartNew();
        victim.KillNow();

        // Acks are read before storage: an ack is only sent after the write, and storage only moves forward, so every
        // acknowledged sequence must already be in PostgreSQL — including the zones whose grains died with the host.
        var acknowledged = Agents.ByZone.ToDictionary(a => a.Key, a => a.Value.State.Acknowledged);
        var storedAtKill = await Stored.LastSequencesAsync(database, zones);
        Assert.Multiple(() =>
        {
            foreach (var zone in zones)
            {
                Assert.That(storedAtKill[zone], Is.GreaterThanOrEqualTo(acknowledged[zone]),
                    $"{zone}: PostgreSQL holds sequence {storedAtKill[zone]} but the agent had {acknowledged[zone]} acknowledged at the kill");
            }
        });

        // Every zone answers through the surviving hosts, with its state.
        await Eventually.HoldsAsync(
            async () =>
            {
                for (int i = 0; i < zones.Length; i++)
                {
                    var zone = await Operations.TryGetZoneAsync(survivors[i % 2].Channel, zones[i], TimeSpan.FromSeconds(1));
                    if (zone is null || zone.Workloads.Count != Agents.WorkloadsPerZone || zone.Zone.LastSequence < acknowledged[zones[i]])
                    {
                        return false;
                    }
                }

                return true;
            },
            "every zone answers through a surviving host with its 25 workloads and at least its acknowledged sequence",
            TimeSpan.FromSeconds(45));
        var failover = watch.Elapsed;
        await TestContext.Out.WriteLineAsync($"all zones answered through the survivors {failover.TotalSeconds:F2} s after the SIGKILL");

        // The killed host's agents reconnect to a survivor; every agent's reports are acknowledged again.
        string[] victimsAgents = [.. zones.Where((_, i) => i % 3 == 0)];
        await Eventually.HoldsAsync(
            () => Agents.ByZone.All(a => a.Value.State.Connected && a.Value.State.Acknowledged >= acknowledged[a.Key] + 5)
                && victimsAgents.All(z => Agents.ByZone[z].State.Sessions > sessionsBefore[z]),
            "every agent connected (the killed host's agents through a new session on a survivor) with 5 more reports acknowledged",
            TimeSpan.FromSeconds(45));

        // No record is lost with the host: intent written before the kill is there, and every workload is recorded.
        string seen = "nothing read yet";
        try
        {
            await Eventually.HoldsAsync(
                async () =>
                {
                    var records = await Operations.ListWorkloadsAsync(survivors[0].Channel);
                    seen = string.Join(", ", records.GroupBy(r => r.ZoneId).OrderBy(g => g.Key).Select(g => $"{g.Key}={g.Count()}"));
                    return records.Count(r => zones.Contains(r.ZoneId)) == zones.Length * Agents.WorkloadsPerZone;
                },
                "the ledger on a survivor to hold every workload", TimeSpan.FromSeconds(45));
        }
        finally
        {
            await TestContext.Out.WriteLineAsync($"ledger records by zone on a survivor: {seen}");
        }

        var ledger = await Operations.ListWorkloadsAsync(survivors[0].Channel);
        Assert.That(ledger.Where(r => r.ZoneId == zones[0]).Select(r => (r.Managed, r.Intent.Project)), Has.All.EqualTo((true, "failover-project")));

        var listed = await Operations.ListZonesAsync(survivors[0].Channel);
        Assert.That(listed.Zones.Select(z => z.ZoneId), Is.SupersetOf(zones), "the one-cloud list on a survivor");
        Assert.That(failover, Is.LessThan(TimeSpan.FromSeconds(7.5)), "with the tuned membership settings (about 1-2 s measured; Orleans defaults 6-15 s) the zones answer again quickly");
    }
}
