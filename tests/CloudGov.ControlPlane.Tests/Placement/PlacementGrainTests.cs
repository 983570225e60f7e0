using CloudGov.ControlPlane.Abstractions.Placement;
using CloudGov.ControlPlane.Grains.Plans;
using CloudGov.Scheduling;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Rebalancing;
using static CloudGov.ControlPlane.Tests.Placement.PlacementZones;

namespace CloudGov.ControlPlane.Tests.Placement;

/// <summary>
/// The placement grain places where the scheduler says, sends the chosen zone a place command, and holds the room of
/// commanded placements until the zone reports them, so quick placements never overshoot.
/// </summary>
public sealed class PlacementGrainTests
{
    private static readonly ResourceVector Large = new(64_000, 262_144, 4_000);
    private static readonly ResourceVector Small = new(10_000, 40_960, 1_000);
    private static readonly ResourceVector SixCores = new(6_000, 8_192, 100);

    [Test]
    public async Task Place_ThreeZonesOneTooLowLevel_ChoosesTheSchedulersZoneAndSendsItAPlaceCommand()
    {
        string region = NewRegion();
        string empty = NewZoneId(), busy = NewZoneId(), lowLevel = NewZoneId();
        await ReportAsync(empty, region + "01", Large);
        await ReportAsync(busy, region + "02", Large, workloads: [.. Enumerable.Range(0, 8).Select(i => Running($"{busy}-w{i}", new ResourceVector(4_000, 16_384, 100)))]);
        await ReportAsync(lowLevel, region + "03", Large, level: MlpsLevel.Level2);
        await IndexedAsync(empty, busy, lowLevel);
        var request = Request($"wl-{Guid.NewGuid():N}", region);
        var expected = await SchedulersChoiceAsync(request, empty, busy, lowLevel);
        var now = PlacementClusterFixture.Time.GetUtcNow();

        var decision = await Placer.PlaceAsync(request, dryRun: false);

        Assert.That(decision.Outcome, Is.EqualTo(PlacementOutcome.Placed), decision.Message);
        Assert.That(decision.ZoneId, Is.EqualTo(expected.ZoneId));
        Assert.That(decision.ZoneId, Is.EqualTo(empty), "the balance score prefers the zone left emptiest");
        Assert.That(decision.Candidates.Select(c => (c.ZoneId, c.TotalScore)),
            Is.EqualTo(expected.Candidates.Select(c => (c.ZoneId, c.TotalScore))), "the same ranking and scores as the scheduler");
        Assert.That(decision.Candidates[0].Scores.Select(s => s.Name), Does.Contain("balance"));
        var rejected = decision.Rejections.Single(r => r.ZoneId == lowLevel);
        Assert.That(rejected.Reasons.Select(r => r.Code), Is.EqualTo(new[] { "MLPS_LEVEL_TOO_LOW" }));
        Assert.That(rejected.Reasons[0].Chinese, Does.Contain("等保"));
        Assert.That(decision.CommandDeadline, Is.EqualTo(now + PlacementClusterFixture.CommandDeadline));
        var command = (await Zone(empty).GetPendingCommandsAsync()).Single();
        Assert.That(command, Is.EqualTo(new ZoneCommand(decision.CommandId, ZoneCommandKind.Place, request, decision.CommandDeadline!.Value)));
        Assert.That(await Zone(busy).GetPendingCommandsAsync(), Is.Empty);
    }

    [Test]
    public async Task Place_IdRunningInAZoneOrAlreadyBeingPlaced_AlreadyExistsAndNothingSent()
    {
        string region = NewRegion(), zone = NewZoneId(), running = $"wl-{Guid.NewGuid():N}";
        await ReportAsync(zone, region + "01", Large, workloads: [Running(running, SixCores)]);
        await IndexedAsync(zone);
        await LedgerObservedAsync(running, zone);

        var duplicate = await Placer.PlaceAsync(Request(running, region), dryRun: false);

        Assert.That(duplicate.Outcome, Is.EqualTo(PlacementOutcome.AlreadyExists));
        Assert.That(duplicate.Message, Does.Contain(zone).And.Contain("already runs"));
        Assert.That(await Zone(zone).GetPendingCommandsAsync(), Is.Empty);

        var request = Request($"wl-{Guid.NewGuid():N}", region);
        var first = await Placer.PlaceAsync(request, dryRun: false);
        var again = await Placer.PlaceAsync(request, dryRun: false);
        var againDryRun = await Placer.PlaceAsync(request, dryRun: true);

        Assert.That(first.Outcome, Is.EqualTo(PlacementOutcome.Placed), first.Message);
        Assert.That(again.Outcome, Is.EqualTo(PlacementOutcome.AlreadyExists));
        Assert.That(again.Message, Does.Contain("already being placed").And.Contain(first.CommandId));
        Assert.That(againDryRun.Outcome, Is.EqualTo(PlacementOutcome.AlreadyExists));
        Assert.That((await Zone(zone).GetPendingCommandsAsync()).Select(c => c.CommandId), Is.EqualTo(new[] { first.CommandId }));
    }

    [Test]
    public async Task Place_TwoQuickPlacementsForTheLastRoom_SecondFindsNoRoomUntilTheFirstCommandFails()
    {
        string region = NewRegion(), zone = NewZoneId();
        await ReportAsync(zone, region + "01", Small);   // 9.5 cores under 5% headroom: room for one 6-core workload
        await IndexedAsync(zone);

        var first = await Placer.PlaceAsync(Request($"wl-{Guid.NewGuid():N}", region, SixCores), dryRun: false);
        var second = await Placer.PlaceAsync(Request($"wl-{Guid.NewGuid():N}", region, SixCores), dryRun: false);

        Assert.That(first.Outcome, Is.EqualTo(PlacementOutcome.Placed), first.Message);
        Assert.That(second.Outcome, Is.EqualTo(PlacementOutcome.NoZoneFits), "the first placement's room is reserved until the zone reports it");
        Assert.That(second.Rejections.Single(r => r.ZoneId == zone).Reasons.Select(r => r.Code), Is.EqualTo(new[] { "CAPACITY_INSUFFICIENT" }));
        Assert.That(await Zone(zone).GetPendingCommandsAsync(), Has.Length.EqualTo(1));

        await Zone(zone).CompleteCommandAsync(first.CommandId, succeeded: false, "quota of the zone's cloud account exhausted");
        var third = await Placer.PlaceAsync(Request($"wl-{Guid.NewGuid():N}", region, SixCores), dryRun: false);

        Assert.That(third.Outcome, Is.EqualTo(PlacementOutcome.Placed), "a failed command releases its room");
        Assert.That(third.ZoneId, Is.EqualTo(zone));
    }

    [Test]
    public async Task Place_AfterThePlacedWorkloadIsReported_TheReportHoldsTheRoomAndTheIdIsTaken()
    {
        string region = NewRegion(), zone = NewZoneId();
        await ReportAsync(zone, region + "01", Small);
        await IndexedAsync(zone);
        var request = Request($"wl-{Guid.NewGuid():N}", region, SixCores);
        var placed = await Placer.PlaceAsync(request, dryRun: false);
        Assert.That(placed.Outcome, Is.EqualTo(PlacementOutcome.Placed), placed.Message);

        await Zone(zone).CompleteCommandAsync(placed.CommandId, succeeded: true, string.Empty);
        await ReportAsync(zone, region + "01", Small, sequence: 2, workloads: [Running(request.WorkloadId, SixCores, MlpsLevel.Level3)]);
        var another = await Placer.PlaceAsync(Request($"wl-{Guid.NewGuid():N}", region, SixCores), dryRun: false);
        var same = await Placer.PlaceAsync(request, dryRun: false);

        Assert.That(another.Outcome, Is.EqualTo(PlacementOutcome.NoZoneFits), "the reported workload takes the room (counted once)");
        Assert.That(same.Outcome, Is.EqualTo(PlacementOutcome.AlreadyExists));
        Assert.That(same.Message, Does.Contain("already runs in zone"));

        var small = await Placer.PlaceAsync(Request($"wl-{Guid.NewGuid():N}", region, new ResourceVector(3_000, 4_096, 10)), dryRun: true);

        Assert.That(small.Outcome, Is.EqualTo(PlacementOutcome.WouldPlace), "6 + 3 cores fit under 9.5: the reservation is gone, not counted twice");
    }

    [Test]
    public async Task Place_AfterTheCommandDeadlinePassed_TheRoomIsFreeAgain()
    {
        string region = NewRegion(), zone = NewZoneId();
        await ReportAsync(zone, region + "01", Small);
        await IndexedAsync(zone);
        var first = await Placer.PlaceAsync(Request($"wl-{Guid.NewGuid():N}", region, SixCores), dryRun: false);
        Assert.That(first.Outcome, Is.EqualTo(PlacementOutcome.Placed), first.Message);

        PlacementClusterFixture.Time.Advance(PlacementClusterFixture.CommandDeadline + TimeSpan.FromSeconds(1));
        // The agent never carried the command out; its next report (a new workload set, so the index hears at once) keeps the zone Ready.
        await ReportAsync(zone, region + "01", Small, sequence: 2, workloads: [Running($"{zone}-small", new ResourceVector(1_000, 1_024, 10))]);
        await IndexedAsync(2, zone);
        var second = await Placer.PlaceAsync(Request($"wl-{Guid.NewGuid():N}", region, SixCores), dryRun: false);

        Assert.That(second.Outcome, Is.EqualTo(PlacementOutcome.Placed), second.Message);
    }

    [Test]
    public async Task Place_DryRun_SaysWhereAndSendsAndReservesNothing()
    {
        string region = NewRegion(), zone = NewZoneId();
        await ReportAsync(zone, region + "01", Small);
        await IndexedAsync(zone);
        var request = Request($"wl-{Guid.NewGuid():N}", region, SixCores);

        var dryRun = await Placer.PlaceAsync(request, dryRun: true);
        var dryRunAgain = await Placer.PlaceAsync(Request($"wl-{Guid.NewGuid():N}", region, SixCores), dryRun: true);

        Assert.That(dryRun.Outcome, Is.EqualTo(PlacementOutcome.WouldPlace));
        Assert.That(dryRun.ZoneId, Is.EqualTo(zone));
        Assert.That(dryRun.CommandId, Is.Empty);
        Assert.That(dryRun.CommandDeadline, Is.Null);
        Assert.That(dryRunAgain.Outcome, Is.EqualTo(PlacementOutcome.WouldPlace), "a dry run holds no room");
        Assert.That(await Zone(zone).GetPendingCommandsAsync(), Is.Empty);

        var placed = await Placer.PlaceAsync(request, dryRun: false);

        Assert.That(placed.Outcome, Is.EqualTo(PlacementOutcome.Placed), "a dry run does not take the id");
    }

    [Test]
    public async Task Place_NoZoneMeetsTheLevel_NoZoneFitsWithEveryZonesReasonsAndNothingSent()
    {
        string region = NewRegion();
        string level2 = NewZoneId("aa"), level3 = NewZoneId("aa");   // "aa-" sorts first: the message names the first zones
        await ReportAsync(level2, region + "01", Large, level: MlpsLevel.Level2);
        await ReportAsync(level3, region + "02", Large, level: MlpsLevel.Level3);
        await IndexedAsync(level2, level3);

        var decision = await Placer.PlaceAsync(Request($"wl-{Guid.NewGuid():N}", region, level: MlpsLevel.Level4), dryRun: false);

        Assert.That(decision.Outcome, Is.EqualTo(PlacementOutcome.NoZoneFits));
        Assert.That(decision.ZoneId, Is.Null);
        Assert.That(decision.Candidates, Is.Empty);
        Assert.That(decision.Summary!.Code, Is.EqualTo("NO_ZONE_FITS"));
        Assert.That(decision.Rejections.Where(r => r.ZoneId == level2 || r.ZoneId == level3).SelectMany(r => r.Reasons).Select(r => r.Code),
            Is.EqualTo(new[] { "MLPS_LEVEL_TOO_LOW", "MLPS_LEVEL_TOO_LOW" }));
        Assert.That(decision.Message, Does.StartWith("NO_ZONE_FITS: no zone fits workload"));
        Assert.That(decision.Message, Does.Contain($"{level2}: MLPS_LEVEL_TOO_LOW (zone {level2} is certified for MLPS level 2"));
        Assert.That(decision.Message, Does.Contain($"{level3}: MLPS_LEVEL_TOO_LOW"));
        Assert.That(decision.CommandId, Is.Empty);
        Assert.That(await Zone(level2).GetPendingCommandsAsync(), Is.Empty);
        Assert.That(await Zone(level3).GetPendingCommandsAsync(), Is.Empty);
    }

    [Test]
    public async Task Place_MalformedRequest_InvalidNamingEveryFieldAndNothingSent()
    {
        var request = new WorkloadSpec("has space", "", "x", Requests: new ResourceVector(-1, 0, 0), MlpsLevel: MlpsLevel.Unspecified, NetworkPlane: (NetworkPlane)9, AllowedRegions: ["4501", "45x"]);

        var decision = await Placer.PlaceAsync(request, dryRun: false);

        Assert.That(decision.Outcome, Is.EqualTo(PlacementOutcome.Invalid));
        foreach (var field in new[] { "workload_id", "tenant_id", "requests.cpu_millicores", "mlps_level", "network_plane", "allowed_regions[1]" })
        {
            Assert.That(decision.Message, Does.Contain(field));
        }
    }

    /// <summary>What the scheduler itself chooses for the request among the given zones, from what they reported.</summary>
    private static async Task<Scheduling.Placement.PlacementResult> SchedulersChoiceAsync(WorkloadSpec request, params string[] zoneIds)
    {
        var index = await PlacementClusterFixture.Grains.GetGrain<IOneCloudIndexGrain>(0).ListAsync();
        var zones = index.Where(z => zoneIds.Contains(z.ZoneId)).ToList();
        var records = new List<WorkloadRecord>();
        foreach (var shard in Grains.Ledger.LedgerShards.All(PlacementClusterFixture.Grains))
        {
            records.AddRange((await shard.SnapshotAsync()).Where(r => zoneIds.Contains(r.CountedZone)));
        }

        var snapshot = SnapshotMapper.Map(zones, records, PlacementClusterFixture.Time.GetUtcNow(), TimeSpan.FromSeconds(30), 0.80);
        var workload = new WorkloadSnapshot
        {
            Id = request.WorkloadId,
            TenantId = request.TenantId,
            Requests = request.Requests,
            RequiredLevel = request.MlpsLevel,
            NetworkPlane = request.NetworkPlane,
            AllowedRegions = [.. request.AllowedRegions],
        };
        return new Scheduler(new SchedulingOptions(), new CloudGovRebalanceOptions()).Place(snapshot, workload);
    }
}
