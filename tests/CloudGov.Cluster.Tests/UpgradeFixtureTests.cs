using System.Collections.Immutable;
using CloudGov.Cluster.Tests.Support;
using CloudGov.Cluster.Tests.Support.Upgrade;
using CloudGov.ControlPlane.Abstractions.Zones;
using CloudGov.Proto.Agent.V1;
using CloudGov.Proto.Operations.V1;
using CloudGov.Upgrade.Fixtures;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Common = CloudGov.Proto.Common.V1;

namespace CloudGov.Cluster.Tests;

/// <summary>
/// Upgrades keep state: the current build, started on what an earlier release stored (every committed fixture under
/// <c>tests/fixtures/upgrade</c>: its SQLite file and its PostgreSQL dump), finds every zone with its last sequence,
/// every ledger record, every plan and every pending command the release wrote, and can go on writing. No agent runs:
/// everything found comes from storage.
/// </summary>
[TestFixture]
public sealed class UpgradeFixtureTests
{
    /// <summary>Every database of every committed release.</summary>
    public static IEnumerable<TestCaseData> Fixtures() =>
        UpgradeFixture.Releases().SelectMany(r => r.Manifest.Fixtures.Select(f =>
            new TestCaseData(r.Release, f.Storage).SetName($"Start_{r.Release}{f.Storage}Fixture_FindsEveryZoneRecordPlanAndPendingCommand")));

    [Test]
    public void Fixtures_Committed_FirstReleaseHasSqliteAndPostgres()
    {
        var releases = UpgradeFixture.Releases().ToList();

        Assert.That(releases.Select(r => r.Release), Does.Contain("v1"), $"the fixtures are copied next to the tests ({UpgradeFixture.Root})");
        Assert.That(releases.Single(r => r.Release == "v1").Manifest.Fixtures.Select(f => f.Storage), Is.EquivalentTo(new[] { "Sqlite", "Postgres" }));
        Assert.That(releases.Select(r => r.Manifest.FormatVersion), Has.All.LessThanOrEqualTo(UpgradeManifest.CurrentFormat));
    }

    [TestCaseSource(nameof(Fixtures))]
    public async Task Start_CurrentBuildOnFixture_FindsEveryZoneRecordPlanAndPendingCommand(string release, string storage)
    {
        await using var fixture = await UpgradeFixture.PrepareAsync(release, storage);
        var expected = fixture.Expected;
        await using var host = await ControlPlaneProcess.StartAsync(fixture.Settings);
        var operations = new OperationsService.OperationsServiceClient(host.Channel);

        // The ledger first: every record with its intent, zone, state and the history it had.
        var records = await Operations.ListWorkloadsAsync(host.Channel);
        var recordProblems = UpgradeComparison.Records(expected.Workloads, records, DateTimeOffset.UtcNow);
        foreach (var workload in expected.Workloads)
        {
            var read = (await FoundAsync(async () => await operations.GetWorkloadAsync(new GetWorkloadRequest { WorkloadId = workload.WorkloadId }, deadline: Deadline())))?.Workload;
            if (read is null || read.Managed != workload.Managed || read.ZoneId != workload.ZoneId)
            {
                recordProblems.Add(read is null
                    ? $"GetWorkload {workload.WorkloadId}: NotFound"
                    : $"GetWorkload {workload.WorkloadId}: managed {read.Managed}, zone '{read.ZoneId}'");
            }
        }

        // Zones as the one-cloud index lists them and as each zone grain holds them.
        var listed = (await operations.ListZonesAsync(new ListZonesRequest(), deadline: Deadline())).Zones;
        var details = new Dictionary<string, GetZoneResponse>(StringComparer.Ordinal);
        foreach (var zone in expected.Zones)
        {
            if (await FoundAsync(async () => await operations.GetZoneAsync(new GetZoneRequest { ZoneId = zone.ZoneId }, deadline: Deadline())) is { } detail)
            {
                details[zone.ZoneId] = detail;
            }
        }

        // Plans, newest first, each with its moves and decisions.
        var planProblems = new List<string>();
        var planIds = (await operations.ListPlansAsync(new ListPlansRequest(), deadline: Deadline())).Plans.Select(p => p.PlanId).ToList();
        if (!planIds.SequenceEqual(expected.Plans.Select(p => p.PlanId)))
        {
            planProblems.Add($"plans listed: expected [{string.Join(", ", expected.Plans.Select(p => p.PlanId))}], read [{string.Join(", ", planIds)}]");
        }

        foreach (var plan in expected.Plans)
        {
            var before = DateTimeOffset.UtcNow;
            var read = (await FoundAsync(async () => await operations.GetPlanAsync(new GetPlanRequest { PlanId = plan.PlanId }, deadline: Deadline())))?.Plan;
            planProblems.AddRange(UpgradeComparison.Plan(plan, read, before, DateTimeOffset.UtcNow));
        }

        // Pending commands have no RPC of their own: the zone grains hold them.
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var pending = new Dictionary<string, ImmutableArray<ZoneCommand>>(StringComparer.Ordinal);
        foreach (var zone in expected.Zones)
        {
            pending[zone.ZoneId] = await grains.GetGrain<IZoneGrain>(zone.ZoneId).GetPendingCommandsAsync();
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(recordProblems, Is.Empty, "ledger records");
            Assert.That(UpgradeComparison.Zones(expected.Zones, listed, details), Is.Empty, "zones");
            Assert.That(planProblems, Is.Empty, "plans");
            Assert.That(UpgradeComparison.Commands(expected.PendingCommands, pending), Is.Empty, "pending commands");
        }

        await AssertStillWritableAsync(host, operations, expected);
    }

    /// <summary>
    /// The stored state is not only readable: an agent reconnecting is told the stored sequence and gets its zone's
    /// pending commands again, and a ledger shard writes over the version it read.
    /// </summary>
    private static async Task AssertStillWritableAsync(ControlPlaneProcess host, OperationsService.OperationsServiceClient operations, FixtureExpectation expected)
    {
        foreach (var zone in expected.Zones.Where(z => expected.PendingCommands.Any(c => c.ZoneId == z.ZoneId)))
        {
            await using var agent = await FakeAgent.ConnectAsync(host.AgentChannel(zone.ZoneId), Hello(zone));
            Assert.That(agent.Welcome.LastAcceptedSequence, Is.EqualTo(zone.LastSequence), $"zone {zone.ZoneId}: Welcome names the stored sequence");
            var commands = expected.PendingCommands.Where(c => c.ZoneId == zone.ZoneId).Select(c => c.CommandId).ToList();
            await Eventually.HoldsAsync(() => commands.All(agent.Commands.ContainsKey), $"zone {zone.ZoneId}'s pending commands {string.Join(", ", commands)} delivered to its agent again");
        }

        var managed = expected.Workloads.First(w => w.Managed);
        int priority = managed.Intent.Priority + 1;
        var change = await operations.SetWorkloadIntentAsync(new SetWorkloadIntentRequest
        {
            Selector = new WorkloadSelector { WorkloadIds = { managed.WorkloadId } },
            Patch = new IntentPatch { Priority = priority },
            Reason = "the upgraded ledger takes writes",
        }, deadline: Deadline());
        var read = (await operations.GetWorkloadAsync(new GetWorkloadRequest { WorkloadId = managed.WorkloadId }, deadline: Deadline())).Workload;

        Assert.That(change.Changed, Is.EqualTo(1), $"record {managed.WorkloadId} takes an intent change");
        Assert.That(read.Intent.Priority, Is.EqualTo(priority));
    }

    private static Hello Hello(ZoneExpectation zone) => new()
    {
        ZoneId = zone.ZoneId,
        AgentVersion = "upgrade-test",
        Provider = Common.ProviderKind.Simulated,
        Zone = new Proto.Agent.V1.ZoneDescriptor
        {
            DisplayName = zone.DisplayName,
            AdministrativeLevel = ProtoNames.Parse<Common.AdministrativeLevel>(zone.AdministrativeLevel),
            RegionCode = zone.RegionCode,
            Vendor = "upgrade-test",
            MlpsLevel = ProtoNames.Parse<Common.MlpsLevel>(zone.MlpsLevel),
            NetworkPlane = ProtoNames.Parse<Common.NetworkPlane>(zone.NetworkPlane),
        },
    };

    /// <summary>The answer, or null for NotFound (which the comparison then names).</summary>
    private static async Task<T?> FoundAsync<T>(Func<Task<T>> call)
        where T : class
    {
        try
        {
            return await call();
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    private static DateTime Deadline() => DateTime.UtcNow.AddSeconds(30);
}
