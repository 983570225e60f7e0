using CloudGov.ControlPlane.Grains.Plans;
using static CloudGov.ControlPlane.Tests.Plans.PlanRecords;

namespace CloudGov.ControlPlane.Tests.Plans;

/// <summary>The pure plan lifecycle: every allowed step records who, when and why; every other step is refused.</summary>
public sealed class PlanLifecycleTests
{
    private static readonly DateTimeOffset Soon = ProposedAt.AddMinutes(5);

    [Test]
    public void Approve_ProposedPlan_ApprovedWithDecisionRecorded()
    {
        var plan = Proposed(null, Move(0, "a", "b"));

        var next = PlanLifecycle.Approve(plan, "张工", Soon, "reviewed").Next!;

        Assert.That(next.State, Is.EqualTo(PlanState.Approved));
        Assert.That(next.History[^1], Is.EqualTo(new PlanDecision(PlanState.Proposed, PlanState.Approved, "张工", Soon, "reviewed")));
        Assert.That(plan.State, Is.EqualTo(PlanState.Proposed), "the input record is never changed");
    }

    [Test]
    public void FullPath_ApprovedExecutedAllMovesCompleted_Completed()
    {
        var approved = PlanLifecycle.Approve(Proposed(null, Move(0, "a", "b")), "op", Soon, "ok").Next!;
        var executing = PlanLifecycle.StartExecution(approved, "executor", Soon).Next!;
        var done = executing with { Moves = [.. executing.Moves.Select(m => m with { State = MoveState.Completed })] };

        var finished = PlanLifecycle.Finish(done, "executor", Soon).Next!;

        Assert.That(finished.State, Is.EqualTo(PlanState.Completed));
        Assert.That(finished.History.Select(d => d.To), Is.EqualTo(new[] { PlanState.Proposed, PlanState.Approved, PlanState.Executing, PlanState.Completed }));
    }

    [Test]
    public void Finish_SomeMoveRolledBack_PartiallyFailed()
    {
        var executing = PlanLifecycle.StartExecution(PlanLifecycle.Approve(Proposed(null, Move(0, "a", "b"), Move(1, "a", "b")), "op", Soon, "ok").Next!, "executor", Soon).Next!;
        var mixed = executing with { Moves = [executing.Moves[0] with { State = MoveState.Completed }, executing.Moves[1] with { State = MoveState.RolledBack }] };

        var finished = PlanLifecycle.Finish(mixed, "executor", Soon).Next!;

        Assert.That(finished.State, Is.EqualTo(PlanState.PartiallyFailed));
        Assert.That(finished.History[^1].Reason, Does.Contain("1 of 2"));
    }

    [Test]
    public void Cancel_ApprovedPlan_Cancelled()
    {
        var approved = PlanLifecycle.Approve(Proposed(), "op", Soon, "ok").Next!;

        Assert.That(PlanLifecycle.Cancel(approved, "李工", Soon, "freeze").Next!.State, Is.EqualTo(PlanState.Cancelled));
    }

    [Test]
    public void Approve_ApprovedPlan_RefusedNamingCurrentState()
    {
        var approved = PlanLifecycle.Approve(Proposed("plan-0000000000000001"), "op", Soon, "ok").Next!;

        var again = PlanLifecycle.Approve(approved, "op", Soon, "again");

        Assert.That(again.Succeeded, Is.False);
        Assert.That(again.Error, Does.Contain("plan-0000000000000001").And.Contain("is Approved"));
    }

    [TestCase(PlanState.Cancelled)]
    [TestCase(PlanState.Expired)]
    [TestCase(PlanState.Completed)]
    [TestCase(PlanState.PartiallyFailed)]
    public void ApproveOrCancel_NotProposed_Refused(PlanState state)
    {
        var plan = Proposed() with { State = state };

        Assert.That(PlanLifecycle.Approve(plan, "op", Soon, "x").Error, Does.Contain($"is {state}"));
        Assert.That(PlanLifecycle.Cancel(plan, "op", Soon, "x").Error, Does.Contain($"is {state}"));
    }

    [Test]
    public void Cancel_ExecutingPlan_StaysExecutingWithStopRecorded_FinishesCancelledByTheRequester()
    {
        var executing = PlanLifecycle.StartExecution(PlanLifecycle.Approve(Proposed(null, Move(0, "a", "b"), Move(1, "a", "b")), "op", Soon, "ok").Next!, "executor", Soon).Next!;

        var stopping = PlanLifecycle.Cancel(executing, "李工", Soon, "冻结期").Next!;
        var again = PlanLifecycle.Cancel(stopping, "王工", Soon, "again");
        var ended = PlanLifecycle.Finish(
            stopping with { Moves = [stopping.Moves[0] with { State = MoveState.Completed }, stopping.Moves[1] with { State = MoveState.Skipped }] }, "executor", Soon).Next!;

        Assert.That(stopping.State, Is.EqualTo(PlanState.Executing));
        Assert.That((stopping.StopRequestedBy, stopping.StopReason), Is.EqualTo(("李工", "冻结期")));
        Assert.That(stopping.History[^1], Is.EqualTo(new PlanDecision(PlanState.Executing, PlanState.Executing, "李工", Soon, "stop requested: 冻结期")));
        Assert.That(again.Error, Does.Contain("already stopping").And.Contain("李工"));
        Assert.That(ended.State, Is.EqualTo(PlanState.Cancelled));
        Assert.That(ended.History[^1].By, Is.EqualTo("李工"));
        Assert.That(ended.History[^1].Reason, Does.Contain("1 completed, 0 rolled back, 1 skipped"));
    }

    [Test]
    public void Finish_MoveStillInFlight_Refused()
    {
        var executing = PlanLifecycle.StartExecution(PlanLifecycle.Approve(Proposed(null, Move(0, "a", "b")), "op", Soon, "ok").Next!, "executor", Soon).Next!;

        var result = PlanLifecycle.Finish(executing with { Moves = [executing.Moves[0] with { State = MoveState.Removing }] }, "executor", Soon);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Error, Does.Contain("move 0 Removing"));
    }

    [Test]
    public void StartExecutionAndFinish_WrongState_Refused()
    {
        Assert.That(PlanLifecycle.StartExecution(Proposed(), "executor", Soon).Succeeded, Is.False);
        Assert.That(PlanLifecycle.Finish(Proposed(), "executor", Soon).Succeeded, Is.False);
    }

    [Test]
    public void Expire_ProposedPastExpiry_ExpiredByClockAtExpiryTime()
    {
        var plan = Proposed();

        var expired = PlanLifecycle.Expire(plan, ProposedAt.AddHours(2));

        Assert.That(expired.State, Is.EqualTo(PlanState.Expired));
        Assert.That(expired.History[^1], Is.EqualTo(new PlanDecision(PlanState.Proposed, PlanState.Expired, PlanActors.Clock, plan.ExpiresAt, "not decided before it expired")));
    }

    [Test]
    public void Expire_BeforeExpiryOrApproved_Unchanged()
    {
        var plan = Proposed();
        var approved = PlanLifecycle.Approve(plan, "op", Soon, "ok").Next!;

        Assert.That(PlanLifecycle.Expire(plan, plan.ExpiresAt.AddTicks(-1)), Is.SameAs(plan));
        Assert.That(PlanLifecycle.Expire(approved, ProposedAt.AddDays(1)), Is.SameAs(approved));
    }

    [Test]
    public void Approve_PastExpiry_RefusedAsExpired()
    {
        var result = PlanLifecycle.Approve(Proposed(), "op", ProposedAt.AddMinutes(31), "late");

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Error, Does.Contain("is Expired"));
    }
}
