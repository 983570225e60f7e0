using CloudGov.Cluster.Tests.Support;

namespace CloudGov.Cluster.Tests;

/// <summary>The single-node control plane (SQLite file) as a real OS process, stopped and started again.</summary>
[TestFixture]
public sealed class SingleNodeRestartTests : ClusterTest
{
    [Test]
    public async Task Restart_SqliteHostWithReportingAgents_KeepsZonesWorkloadsAndSequences()
    {
        var database = Path.Combine(Path.GetTempPath(), "cloudgov-cluster-tests", $"{Guid.NewGuid():N}", "cloudgov.db");
        var overrides = Hosts.FastZones();
        overrides["Storage:Mode"] = "Sqlite";
        overrides["Storage:SqlitePath"] = database;
        overrides["Storage:ClusterId"] = $"restart-{Guid.NewGuid():N}";
        var settings = HostProcess.FreshSettings(overrides);
        var first = await Hosts.StartAsync(settings, "sqlite-first");
        string[] zones = ["restart-nanning", "restart-liuzhou", "restart-guilin"];
        foreach (var zone in zones)
        {
            await Agents.StartAsync(zone, [first.AgentAddress]);
        }

        await Eventually.HoldsAsync(
            () => Agents.ByZone.Values.All(a => a.State.Acknowledged >= 5),
            "every agent has at least 5 reports acknowledged by the first host");

        // The ledger has adopted every reported workload; one more is registered by an operator (written at once).
        await Eventually.HoldsAsync(
            async () => (await Operations.ListWorkloadsAsync(first.Channel)).Count(r => zones.Contains(r.ZoneId)) == zones.Length * Agents.WorkloadsPerZone,
            "the ledger to hold every reported workload");
        var operations = new Proto.Operations.V1.OperationsService.OperationsServiceClient(first.Channel);
        await operations.SetWorkloadIntentAsync(new Proto.Operations.V1.SetWorkloadIntentRequest
        {
            Selector = new Proto.Operations.V1.WorkloadSelector { WorkloadIds = { "restart-registered-01" } },
            Patch = new Proto.Operations.V1.IntentPatch
            {
                TenantId = "nn-dsj",
                MlpsLevel = Proto.Common.V1.MlpsLevel._2,
                AllowedRegions = new Proto.Operations.V1.RegionList { Codes = { "4501" } },
                NetworkPlane = Proto.Common.V1.NetworkPlane.EgovExtranet,
                Requests = new Proto.Common.V1.ResourceVector { CpuMillicores = 1000, MemoryMib = 2048 },
            },
        });

        // Stop the agents first: from here on nothing reports, so what the restarted host shows came from the file.
        var acknowledged = Agents.ByZone.ToDictionary(a => a.Key, a => a.Value.State.Acknowledged);
        await Agents.DisposeAsync();
        var before = new Dictionary<string, Proto.Operations.V1.GetZoneResponse>();
        foreach (var zone in zones)
        {
            before[zone] = await Operations.GetZoneAsync(first.Channel, zone);
        }

        var ledgerBefore = (await Operations.ListWorkloadsAsync(first.Channel)).ToDictionary(r => r.WorkloadId);
        await first.StopAsync();
        Assert.That(first.HasExited, Is.True, "the first host exits after SIGTERM");

        var second = await Hosts.StartAsync(first.Settings, "sqlite-second");
        var ledgerAfter = (await Operations.ListWorkloadsAsync(second.Channel)).ToDictionary(r => r.WorkloadId);
        Assert.That(ledgerAfter.Keys, Is.EquivalentTo(ledgerBefore.Keys), "every ledger record after the restart");
        foreach (var (id, was) in ledgerBefore)
        {
            var now = ledgerAfter[id];
            Assert.That((now.Intent, now.Managed, now.ZoneId, now.History.Count), Is.EqualTo((was.Intent, was.Managed, was.ZoneId, was.History.Count)), $"{id}: the same record");
        }

        Assert.That(ledgerAfter["restart-registered-01"].Intent.AllowedRegions, Is.EqualTo(new[] { "4501" }));
        foreach (var zone in zones)
        {
            var after = await Operations.GetZoneAsync(second.Channel, zone);
            var was = before[zone];
            Assert.Multiple(() =>
            {
                Assert.That(after.Zone.LastSequence, Is.EqualTo(was.Zone.LastSequence), $"{zone}: last sequence after the restart");
                Assert.That(after.Zone.LastSequence, Is.GreaterThanOrEqualTo(acknowledged[zone]), $"{zone}: nothing acknowledged is lost");
                Assert.That(after.Zone.DisplayName, Is.EqualTo(was.Zone.DisplayName), $"{zone}: display name");
                Assert.That(after.Zone.Capacity, Is.EqualTo(was.Zone.Capacity), $"{zone}: capacity");
                Assert.That(after.Workloads.Select(w => w.WorkloadId), Is.EqualTo(was.Workloads.Select(w => w.WorkloadId)), $"{zone}: workloads");
                Assert.That(after.Workloads, Has.Count.EqualTo(Agents.WorkloadsPerZone), $"{zone}: workload count");
                Assert.That(after.Zone.AgentConnected, Is.False, $"{zone}: no agent is connected yet");
            });
        }

        var listed = await Operations.ListZonesAsync(second.Channel);
        Assert.That(listed.Zones.Select(z => z.ZoneId), Is.SupersetOf(zones), "the one-cloud list after the restart");

        // The agents come back (new processes, no memory of their sequence) and resume after what the host stored.
        foreach (var zone in zones)
        {
            await Agents.StartAsync(zone, [second.AgentAddress]);
        }

        await Eventually.HoldsAsync(
            async () =>
            {
                foreach (var zone in zones)
                {
                    var now = await Operations.GetZoneAsync(second.Channel, zone);
                    if (!now.Zone.AgentConnected || now.Zone.LastSequence < before[zone].Zone.LastSequence + 3
                        || Agents.ByZone[zone].State.Acknowledged <= before[zone].Zone.LastSequence)
                    {
                        return false;
                    }
                }

                return true;
            },
            "every restarted agent reconnects and its reports continue past the stored sequence and are acknowledged");
    }
}
