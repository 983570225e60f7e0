using CloudGov.ControlPlane.Grains.Plans;
using CloudGov.Testing;
using static CloudGov.ControlPlane.Tests.Plans.PlanRecords;

namespace CloudGov.ControlPlane.Tests.Plans;

/// <summary>The rebalancer builds a snapshot from the zone grains, proposes, stores and auto-approves within policy.</summary>
public sealed class RebalancerGrainTests
{
    private static readonly ResourceVector Capacity = new(64_000, 262_144, 4_000);

    private static async Task ReportZoneAsync(string zoneId, string region, int workloads)
    {
        var zone = PlanClusterFixture.Grains.GetGrain<IZoneGrain>(zoneId);
        await zone.RegisterAsync(Zone(region), Guid.NewGuid());
        var observations = Enumerable.Range(0, workloads).Select(i => PlanClouds.Workload($"{zoneId}-w{i:D2}")).ToImmutableArray();
        await zone.ReportAsync(new ZoneReportData(1, PlanClusterFixture.Time.GetUtcNow(), Capacity, new ResourceVector(30_000, 100_000, 1_000), observations, [], Degraded: false));
        await PlanClouds.InLedgerAsync(ReconciliationState.InSync, [.. observations.Select(o => o.WorkloadId)]);
    }

    [Test]
    public async Task Propose_HotAndColdZoneInOneCity_DryRunThenStoredAutoApprovedAndNextRoundSkipped()
    {
        string hot = $"rb-hot-{Guid.NewGuid():N}"[..16], cold = $"rb-cold-{Guid.NewGuid():N}"[..16];
        await ReportZoneAsync(hot, "450102", workloads: 15);   // 60 of 64 cores requested: 94% > 80% target
        await ReportZoneAsync(cold, "450103", workloads: 2);
        var index = PlanClusterFixture.Grains.GetGrain<IOneCloudIndexGrain>(0);
        await Eventually.HoldsAsync(
            async () => (await index.ListAsync()).Count(z => (z.ZoneId == hot || z.ZoneId == cold) && z.WorkloadCount > 0) == 2,
            "both zones to reach the one-cloud index");
        var rebalancer = PlanClusterFixture.Grains.GetGrain<IRebalancerGrain>(0);

        var dryRun = await rebalancer.ProposeAsync(PlanTrigger.Manual, dryRun: true);

        Assert.That(dryRun.Stored, Is.False);
        var preview = dryRun.Plan!;
        Assert.That(preview.PlanId, Is.Empty);
        Assert.That(preview.Moves, Has.Length.EqualTo(3), "three 4-core workloads bring 60 cores under 0.8 × 64");
        Assert.That(preview.Moves.Select(m => (m.FromZoneId, m.ToZoneId, m.Reason.Code, m.State)).Distinct(),
            Is.EqualTo(new[] { (hot, cold, "ZONE_OVER_TARGET", MoveState.Pending) }));
        var hotZone = preview.Zones.Single(z => z.ZoneId == hot);
        Assert.That(hotZone.Before.Cpu, Is.EqualTo(60_000 / 64_000.0).Within(1e-9));
        Assert.That(hotZone.After.Dominant, Is.LessThanOrEqualTo(hotZone.Target));
        Assert.That(preview.BalanceIndexAfter, Is.GreaterThan(preview.BalanceIndexBefore));
        Assert.That(await rebalancer.ListAsync(), Is.Empty, "a dry run stores nothing");

        var proposed = await rebalancer.ProposeAsync(PlanTrigger.Manual, dryRun: false);

        var plan = proposed.Plan!;
        Assert.That(proposed.Stored, Is.True);
        Assert.That(PlanIds.IsValid(plan.PlanId), Is.True);
        Assert.That(plan.State, Is.EqualTo(PlanState.Approved));
        Assert.That(plan.AutoApproved, Is.True);
        Assert.That(plan.PolicyVerdict.Single().Code, Is.EqualTo(AutoApprovalPolicy.Codes.WithinPolicy));
        Assert.That(plan.History.Select(d => (d.To, d.By)), Is.EqualTo(new[] { (PlanState.Proposed, PlanActors.Scheduler), (PlanState.Approved, PlanActors.AutoApproval) }));
        Assert.That((await rebalancer.ListAsync()).Select(p => p.PlanId), Is.EqualTo(new[] { plan.PlanId }));
        var recorded = await FakeClockCluster.Audit.Store.QueryAsync(
            FakeClockCluster.AuditChain, new Abstractions.Audit.AuditQuery(null, null, null, null, plan.PlanId, 0, 10), CancellationToken.None);
        Assert.That(recorded.Select(e => (e.Action, e.Actor.Subject, e.Actor.Role)), Is.EqualTo(new[]
        {
            ("plan_proposed", PlanActors.Scheduler, "system"),
            ("plan_auto_approved", PlanActors.AutoApproval, "system"),
        }), "the proposal and its auto-approval are recorded in the audit trail");
        Assert.That(recorded[0].Detail["move_count"], Is.EqualTo("3"));

        var next = await rebalancer.ProposeAsync(PlanTrigger.Manual, dryRun: false);

        Assert.That(next.Stored, Is.False);
        Assert.That(next.SkippedReason, Does.Contain(plan.PlanId).And.Match("is (Approved|Executing)"));
    }

    [Test]
    public async Task Propose_ScheduledTriggersFromTwoHostsAtOnce_OneRoundRunsTheOtherIsSkipped()
    {
        var rebalancer = PlanClusterFixture.Grains.GetGrain<IRebalancerGrain>(0);

        var rounds = await Task.WhenAll(
            rebalancer.ProposeAsync(PlanTrigger.Scheduled, dryRun: false),
            rebalancer.ProposeAsync(PlanTrigger.Scheduled, dryRun: false));

        Assert.That(rounds.Count(r => r.SkippedReason.Contains("Plans:MinScheduledRoundGap", StringComparison.Ordinal)), Is.EqualTo(1));
    }
}
