using CloudGov.ControlPlane.Grains.Plans;
using static CloudGov.ControlPlane.Tests.Plans.PlanRecords;

namespace CloudGov.ControlPlane.Tests.Plans;

/// <summary>
/// The pure make-before-break executor: a move removes from the source only after the target reports the workload
/// Running, rolls back (removes the target's copy) on failure or timeout, and respects the concurrency limits.
/// </summary>
public sealed class PlanExecutorTests
{
    private const string PlanId = "plan-00000000000000ab";
    private static readonly DateTimeOffset Now = ProposedAt.AddMinutes(5);
    private static readonly PlanExecutionOptions Options = new() { MoveTimeout = TimeSpan.FromMinutes(2), RemoveTimeout = TimeSpan.FromHours(1), MaxConcurrentMoves = 3, MaxConcurrentMovesPerZone = 2 };

    [Test]
    public void Step_PendingMovesWithHealthyZones_StartWithinPlanAndZoneLimits_AndPlaceOnTheTarget()
    {
        var plan = Executing(Move(0, "a", "b"), Move(1, "a", "c"), Move(2, "a", "d"), Move(3, "e", "f"), Move(4, "e", "f"));
        var probes = Probes(plan);

        var step = PlanExecutor.Step(plan, probes, Now, Options);

        Assert.That(step.Plan.Moves.Select(m => m.State), Is.EqualTo(new[] { MoveState.Placing, MoveState.Placing, MoveState.Pending, MoveState.Placing, MoveState.Pending }),
            "zone a allows two at once; the plan allows three");
        Assert.That(step.Commands.Select(c => (c.ZoneId, c.Command.CommandId, c.Command.Kind)), Is.EqualTo(new[]
        {
            ("b", $"{PlanId}.0.place", ZoneCommandKind.Place),
            ("c", $"{PlanId}.1.place", ZoneCommandKind.Place),
            ("f", $"{PlanId}.3.place", ZoneCommandKind.Place),
        }));
        Assert.That(step.Commands[0].Command.Deadline, Is.EqualTo(Now + Options.MoveTimeout));
        Assert.That(step.Plan.Moves[0].StartedAt, Is.EqualTo(Now));
    }

    [TestCase("gone", "the workload is no longer running in the source")]
    [TestCase("source-unreachable", "the source zone is Unreachable")]
    [TestCase("target-unreachable", "the target zone is Unreachable")]
    [TestCase("target-draining", "the target zone is not Ready")]
    [TestCase("already-there", "the target already has the workload")]
    public void Step_PendingMoveThatNoLongerApplies_SkippedWithTheReasonAndNothingSent(string situation, string why)
    {
        var plan = Executing(Move(0, "a", "b"));
        var source = Probe(
            "a",
            workloads: situation == "gone" ? [] : [("w-0", WorkloadState.Running)],
            connected: situation != "source-unreachable",
            status: situation == "source-unreachable" ? ZoneStatus.Unreachable : ZoneStatus.Ready);
        var target = Probe(
            "b",
            workloads: situation == "already-there" ? [("w-0", WorkloadState.Running)] : [],
            connected: situation != "target-unreachable",
            status: situation switch { "target-draining" => ZoneStatus.Draining, "target-unreachable" => ZoneStatus.Unreachable, _ => ZoneStatus.Ready });

        var step = PlanExecutor.Step(plan, Map(source, target), Now, Options);

        Assert.That(step.Plan.Moves[0].State, Is.EqualTo(MoveState.Skipped), why);
        Assert.That(step.Plan.Moves[0].Message, Does.StartWith("not started"));
        Assert.That(step.Commands, Is.Empty);
        Assert.That(step.Plan.State, Is.EqualTo(PlanState.PartiallyFailed), "the only move did not complete");
        Assert.That(step.Finished.Single().Index, Is.EqualTo(0));
    }

    [TestCase(false, true)]
    [TestCase(true, false)]
    public void Step_AgentReconnectingWithinTheStalenessWindow_MoveWaitsPending(bool sourceConnected, bool targetConnected)
    {
        var plan = Executing(Move(0, "a", "b"));
        var source = Probe("a", workloads: [("w-0", WorkloadState.Running)], connected: sourceConnected);

        var step = PlanExecutor.Step(plan, Map(source, Probe("b", connected: targetConnected)), Now, Options);

        Assert.That(step.Plan.Moves[0].State, Is.EqualTo(MoveState.Pending));
        Assert.That(step.Commands, Is.Empty);
    }

    [Test]
    public void Step_PlacedAndReportedRunning_RemovesFromTheSource()
    {
        var plan = Executing(Placing(Move(0, "a", "b")));
        var target = Probe("b", workloads: [("w-0", WorkloadState.Running)], commands: [Done($"{PlanId}.0.place")]);

        var step = PlanExecutor.Step(plan, Map(Probe("a"), target), Now, Options);

        Assert.That(step.Plan.Moves[0].State, Is.EqualTo(MoveState.Removing));
        var remove = step.Commands.Single();
        Assert.That((remove.ZoneId, remove.Command.CommandId, remove.Command.Kind, remove.Command.WorkloadId), Is.EqualTo(("a", $"{PlanId}.0.remove", ZoneCommandKind.Remove, "w-0")));
        Assert.That(remove.Command.Deadline, Is.EqualTo(Now + Options.RemoveTimeout));
    }

    [Test]
    public void Step_PlaceAnsweredButNotYetReported_Waits_NothingRemoved()
    {
        var plan = Executing(Placing(Move(0, "a", "b")));
        var target = Probe("b", commands: [Done($"{PlanId}.0.place")]);

        var step = PlanExecutor.Step(plan, Map(Probe("a"), target), Now, Options);

        Assert.That(step.Plan.Moves[0].State, Is.EqualTo(MoveState.Placing));
        Assert.That(step.Commands, Is.Empty, "never remove from the source before the target reports it running");
    }

    [Test]
    public void Step_PlaceUnknownToTheTarget_SentAgain()
    {
        var plan = Executing(Placing(Move(0, "a", "b")));

        var step = PlanExecutor.Step(plan, Map(Probe("a"), Probe("b")), Now, Options);

        Assert.That(step.Commands.Single().Command.CommandId, Is.EqualTo($"{PlanId}.0.place"));
        Assert.That(step.Commands.Single().Command.Deadline, Is.EqualTo(plan.Moves[0].Deadline), "the original deadline");
    }

    [Test]
    public void Step_PlaceFailed_RollsBackByRemovingFromTheTarget()
    {
        var plan = Executing(Placing(Move(0, "a", "b")));
        var target = Probe("b", commands: [Failed($"{PlanId}.0.place", "no room")]);

        var step = PlanExecutor.Step(plan, Map(Probe("a"), target), Now, Options);

        Assert.That(step.Plan.Moves[0].State, Is.EqualTo(MoveState.RollingBack));
        Assert.That(step.Plan.Moves[0].Message, Does.Contain("could not place it: no room"));
        Assert.That(step.Commands.Select(c => (c.ZoneId, c.Command.CommandId, c.Command.Kind)), Is.EqualTo(new[] { ("b", $"{PlanId}.0.rollback.1", ZoneCommandKind.Remove) }));
    }

    [Test]
    public void Step_PastTheDeadlineNotRunning_RollsBackEvenWhenTheTargetDoesNotAnswer()
    {
        var plan = Executing(Placing(Move(0, "a", "b")));

        var step = PlanExecutor.Step(plan, new Dictionary<string, ZoneProbe>(), Now + Options.MoveTimeout, Options);

        Assert.That(step.Plan.Moves[0].State, Is.EqualTo(MoveState.RollingBack));
        Assert.That(step.Plan.Moves[0].Message, Does.Contain("not running in b within"));
        Assert.That(step.Commands.Single().Command.CommandId, Is.EqualTo($"{PlanId}.0.rollback.1"));
    }

    [Test]
    public void Step_RemoveDone_MoveCompleted_PlanCompleted()
    {
        var plan = Executing(Placing(Move(0, "a", "b")) with { State = MoveState.Removing });
        var source = Probe("a", commands: [Done($"{PlanId}.0.remove")]);

        var step = PlanExecutor.Step(plan, Map(source, Probe("b")), Now, Options);

        Assert.That(step.Plan.Moves[0].State, Is.EqualTo(MoveState.Completed));
        Assert.That(step.Plan.Moves[0].FinishedAt, Is.EqualTo(Now));
        Assert.That(step.Plan.State, Is.EqualTo(PlanState.Completed));
        Assert.That(step.Plan.History[^1].By, Is.EqualTo(PlanActors.Executor));
    }

    [Test]
    public void Step_RemovePendingWithTheSourceAway_WaitsPastTheMoveDeadline_NoRollback()
    {
        var plan = Executing(Placing(Move(0, "a", "b")) with { State = MoveState.Removing });
        var source = Probe("a", connected: false, status: ZoneStatus.Unreachable, commands: [Pending($"{PlanId}.0.remove")]);

        var step = PlanExecutor.Step(plan, Map(source, Probe("b")), Now + TimeSpan.FromHours(2), Options);

        Assert.That(step.Plan.Moves[0].State, Is.EqualTo(MoveState.Removing), "the remove may have run: rolling back now could leave the workload nowhere");
        Assert.That(step.Plan.Moves[0].Message, Does.StartWith("waiting for the agent of a"));
        Assert.That(step.Commands, Is.Empty);
    }

    [Test]
    public void Step_RemoveRefused_RollsBackTheTargetCopy()
    {
        var plan = Executing(Placing(Move(0, "a", "b")) with { State = MoveState.Removing });
        var source = Probe("a", commands: [Failed($"{PlanId}.0.remove", "the command's deadline passed before it arrived")]);

        var step = PlanExecutor.Step(plan, Map(source, Probe("b")), Now, Options);

        Assert.That(step.Plan.Moves[0].State, Is.EqualTo(MoveState.RollingBack));
        Assert.That(step.Commands.Single().ZoneId, Is.EqualTo("b"));
    }

    [Test]
    public void Step_RollbackRemoveFailed_RetriedWithANewCommand_ThenRolledBack()
    {
        var plan = Executing(Placing(Move(0, "a", "b")) with { State = MoveState.RollingBack, RollbackAttempts = 1, Message = "rolled back: x" });

        var retry = PlanExecutor.Step(plan, Map(Probe("a"), Probe("b", commands: [Failed($"{PlanId}.0.rollback.1", "api error")])), Now, Options);
        var done = PlanExecutor.Step(retry.Plan, Map(Probe("a"), Probe("b", commands: [Done($"{PlanId}.0.rollback.2")])), Now, Options);

        Assert.That(retry.Plan.Moves[0].State, Is.EqualTo(MoveState.RollingBack));
        Assert.That(retry.Commands.Single().Command.CommandId, Is.EqualTo($"{PlanId}.0.rollback.2"));
        Assert.That(done.Plan.Moves[0].State, Is.EqualTo(MoveState.RolledBack));
        Assert.That(done.Plan.State, Is.EqualTo(PlanState.PartiallyFailed));
    }

    [Test]
    public void Step_StopRequested_PendingSkipped_InFlightContinues()
    {
        var plan = Executing(Placing(Move(0, "a", "b")), Move(1, "a", "c")) with { StopRequestedBy = "李工", StopReason = "冻结期" };
        var target = Probe("b", workloads: [("w-0", WorkloadState.Running)], commands: [Done($"{PlanId}.0.place")]);

        var step = PlanExecutor.Step(plan, Map(Probe("a"), target, Probe("c")), Now, Options);

        Assert.That(step.Plan.Moves.Select(m => m.State), Is.EqualTo(new[] { MoveState.Removing, MoveState.Skipped }));
        Assert.That(step.Plan.State, Is.EqualTo(PlanState.Executing), "it ends once the move in flight ends");
    }

    [Test]
    public void ProbesFor_AsksEachZoneOnlyForWhatItsMovesNeed()
    {
        var plan = Executing(Placing(Move(0, "a", "b")), Placing(Move(1, "c", "d")) with { State = MoveState.Removing }, Move(2, "e", "f"));

        var probes = PlanExecutor.ProbesFor(plan, Options);

        Assert.That(probes.Select(p => (p.ZoneId, string.Join(",", p.WorkloadIds), string.Join(",", p.CommandIds))), Is.EqualTo(new[]
        {
            ("b", "w-0", $"{PlanId}.0.place"),
            ("c", "", $"{PlanId}.1.remove"),
            ("e", "w-2", ""),
            ("f", "w-2", ""),
        }));
    }

    private static PlanRecord Executing(params PlanMove[] moves) =>
        Proposed(PlanId, moves) with { State = PlanState.Executing };

    private static PlanMove Placing(PlanMove move) =>
        move with { State = MoveState.Placing, StartedAt = Now.AddSeconds(-10), Deadline = Now.AddSeconds(-10) + Options.MoveTimeout };

    private static Dictionary<string, ZoneProbe> Probes(PlanRecord plan)
    {
        var zones = plan.Moves.SelectMany(m => new[] { m.FromZoneId, m.ToZoneId }).Distinct();
        return zones.ToDictionary(z => z, z => Probe(z, workloads: [.. plan.Moves.Where(m => m.FromZoneId == z).Select(m => (m.WorkloadId, WorkloadState.Running))]));
    }

    private static Dictionary<string, ZoneProbe> Map(params ZoneProbe[] probes) => probes.ToDictionary(p => p.ZoneId);

    private static ZoneProbe Probe(
        string zone,
        (string Id, WorkloadState State)[]? workloads = null,
        bool connected = true,
        ZoneStatus status = ZoneStatus.Ready,
        ZoneCommandOutcome[]? commands = null) => new(
        zone,
        true,
        status,
        connected,
        (workloads ?? []).ToImmutableDictionary(w => w.Id, w => w.State),
        (commands ?? []).ToImmutableDictionary(c => c.CommandId));

    private static ZoneCommandOutcome Done(string id) => new(id, true, true, string.Empty, Now);

    private static ZoneCommandOutcome Failed(string id, string message) => new(id, true, false, message, Now);

    private static ZoneCommandOutcome Pending(string id) => new(id, false, false, string.Empty, null);
}
