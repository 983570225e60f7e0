using CloudGov.ControlPlane.Grains.Plans;
using static CloudGov.ControlPlane.Tests.Plans.PlanRecords;

namespace CloudGov.ControlPlane.Tests.Plans;

/// <summary>The plan grain: lifecycle through grain calls, refused commands change nothing, expiry on fake time.</summary>
public sealed class RebalancePlanGrainTests
{
    private static PlanRecord NewPlan() => Proposed(null, Move(0, "nn-a", "nn-b")) with
    {
        ProposedAt = PlanClusterFixture.Time.GetUtcNow(),
        ExpiresAt = PlanClusterFixture.Time.GetUtcNow() + PlanClusterFixture.ExpireAfter,
    };

    /// <summary>A plan moving a real, managed workload between two real zones, so that approval's revalidation passes.</summary>
    private static async Task<PlanRecord> NewValidPlanAsync()
    {
        var (from, to, workload) = await PlanClouds.TwoZonesAsync();
        return Proposed(null, Move(0, from, to) with { WorkloadId = workload }) with
        {
            ProposedAt = PlanClusterFixture.Time.GetUtcNow(),
            ExpiresAt = PlanClusterFixture.Time.GetUtcNow() + PlanClusterFixture.ExpireAfter,
        };
    }

    private static (IRebalancePlanGrain Grain, GrainId Id) Grain(string planId)
    {
        var grain = PlanClusterFixture.Grains.GetGrain<IRebalancePlanGrain>(planId);
        return (grain, ((GrainReference)grain).GrainId);
    }

    [Test]
    public async Task Approve_ProposedPlan_ApprovedStoredWithApproverAndReason()
    {
        var plan = await NewValidPlanAsync();
        var (grain, id) = Grain(plan.PlanId);
        await grain.CreateAsync(plan);

        var result = await grain.ApproveAsync("张工", "变更窗口内执行");

        Assert.That(result.Outcome, Is.EqualTo(PlanCommandOutcome.Done));
        Assert.That(result.Plan!.State, Is.EqualTo(PlanState.Approved));
        // Execution starts right after approval, so the stored plan may already be further along.
        var approval = PlanClusterFixture.Storage.Stored<RebalancePlanState>("plan", id)!.Plan!.History.Single(d => d.To == PlanState.Approved);
        Assert.That(approval.By, Is.EqualTo("张工"));
        Assert.That(approval.Reason, Is.EqualTo("变更窗口内执行"));
        Assert.That(approval.At, Is.EqualTo(PlanClusterFixture.Time.GetUtcNow()));
    }

    [Test]
    public async Task Approve_WorkloadNotInItsSourceZone_RefusedAsInvalidAndPlanStaysProposed()
    {
        var plan = NewPlan();
        var (grain, id) = Grain(plan.PlanId);
        await grain.CreateAsync(plan);

        var result = await grain.ApproveAsync("张工", "变更窗口内执行");

        Assert.That(result.Outcome, Is.EqualTo(PlanCommandOutcome.Invalid));
        Assert.That(result.Message, Does.Contain("no longer holds").And.Contain("propose a new plan"));
        Assert.That(result.Message, Does.Contain("w-0"));
        Assert.That((await grain.GetAsync())!.State, Is.EqualTo(PlanState.Proposed));
        Assert.That(PlanClusterFixture.Storage.Stored<RebalancePlanState>("plan", id)!.Plan!.History, Has.Length.EqualTo(1), "nothing stored");
    }

    [Test]
    public async Task Approve_CancelledPlan_WrongStateNamingStateAndNothingStored()
    {
        var plan = NewPlan();
        var (grain, id) = Grain(plan.PlanId);
        await grain.CreateAsync(plan);
        await grain.CancelAsync("李工", "冻结期");
        long version = PlanClusterFixture.Storage.StoredVersion("plan", id);

        var result = await grain.ApproveAsync("张工", "too late");

        Assert.That(result.Outcome, Is.EqualTo(PlanCommandOutcome.WrongState));
        Assert.That(result.Message, Does.Contain("is Cancelled"));
        Assert.That(result.Plan!.State, Is.EqualTo(PlanState.Cancelled));
        Assert.That(PlanClusterFixture.Storage.StoredVersion("plan", id), Is.EqualTo(version));
    }

    [Test]
    public async Task Create_SameIdTwice_WrongStateAndFirstKept()
    {
        var plan = NewPlan();
        var (grain, _) = Grain(plan.PlanId);
        await grain.CreateAsync(plan);

        var again = await grain.CreateAsync(plan with { Moves = [] });

        Assert.That(again.Outcome, Is.EqualTo(PlanCommandOutcome.WrongState));
        Assert.That((await grain.GetAsync())!.Moves, Has.Length.EqualTo(1));
    }

    [Test]
    public async Task ApproveAndGet_UnknownPlan_NotFoundAndNull()
    {
        var (grain, _) = Grain(PlanIds.New());

        Assert.That((await grain.ApproveAsync("op", "x")).Outcome, Is.EqualTo(PlanCommandOutcome.NotFound));
        Assert.That(await grain.GetAsync(), Is.Null);
    }

    [Test]
    public async Task Approve_WriteFails_CallFailsAndPlanStaysProposed()
    {
        var plan = await NewValidPlanAsync();
        var (grain, id) = Grain(plan.PlanId);
        await grain.CreateAsync(plan);
        PlanClusterFixture.Storage.FailWritesFor(plan.PlanId);
        try
        {
            await Assert.ThrowsAsync<Orleans.Runtime.OrleansException>(async () => await grain.ApproveAsync("op", "x"));
            Assert.That((await grain.GetAsync())!.State, Is.EqualTo(PlanState.Proposed));
        }
        finally
        {
            PlanClusterFixture.Storage.Heal(plan.PlanId);
        }

        Assert.That(PlanClusterFixture.Storage.Stored<RebalancePlanState>("plan", id)!.Plan!.State, Is.EqualTo(PlanState.Proposed));
        Assert.That((await grain.ApproveAsync("op", "retry")).Plan!.State, Is.EqualTo(PlanState.Approved));
    }

    [Test]
    public async Task Get_UndecidedPastExpireAfter_ExpiredStoredAndApproveRefused()
    {
        var plan = NewPlan();
        var (grain, id) = Grain(plan.PlanId);
        await grain.CreateAsync(plan);

        PlanClusterFixture.Time.Advance(PlanClusterFixture.ExpireAfter + TimeSpan.FromSeconds(1));
        var read = await grain.GetAsync();
        var approve = await grain.ApproveAsync("op", "late");

        Assert.That(read!.State, Is.EqualTo(PlanState.Expired));
        Assert.That(read.History[^1].By, Is.EqualTo(PlanActors.Clock));
        Assert.That(PlanClusterFixture.Storage.Stored<RebalancePlanState>("plan", id)!.Plan!.State, Is.EqualTo(PlanState.Expired));
        Assert.That(approve.Outcome, Is.EqualTo(PlanCommandOutcome.WrongState));
        Assert.That(approve.Message, Does.Contain("is Expired"));
    }

    [Test]
    public async Task Get_ApprovedPastExpireAfter_NeverExpires()
    {
        var plan = await NewValidPlanAsync();
        var (grain, _) = Grain(plan.PlanId);
        await grain.CreateAsync(plan);
        await grain.ApproveAsync("op", "ok");

        PlanClusterFixture.Time.Advance(PlanClusterFixture.ExpireAfter * 2);

        Assert.That((await grain.GetAsync())!.History.Select(d => d.To), Does.Not.Contain(PlanState.Expired), "only an undecided plan expires");
    }
}
