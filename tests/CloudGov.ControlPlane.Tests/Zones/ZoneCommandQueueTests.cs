using CloudGov.ControlPlane.Grains.Zones;

namespace CloudGov.ControlPlane.Tests.Zones;

/// <summary>The zone's command queue as pure functions: idempotent by id, queue order kept, outcomes bounded.</summary>
public sealed class ZoneCommandQueueTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static ZoneCommand Command(string id, ZoneCommandKind kind = ZoneCommandKind.Place, string? workload = null) => new(
        id, kind, new WorkloadSpec(workload ?? $"w-{id}", "nn-rsj", "社保核心", Requests: new ResourceVector(4000, 8192, 100), MlpsLevel: MlpsLevel.Level2),
        Now.AddMinutes(5));

    [Test]
    public void Enqueue_SeveralCommands_PendingInQueueOrder_AndAnsweringOneKeepsTheOthersInOrder()
    {
        var state = new ZoneState();
        foreach (var id in new[] { "c3", "c1", "c2", "c4" })
        {
            state = ZoneCommandQueue.Enqueue(state, Command(id))!;
        }

        Assert.That(ZoneCommandQueue.Pending(state).Select(c => c.CommandId), Is.EqualTo(new[] { "c3", "c1", "c2", "c4" }), "stored order, not id order");

        state = ZoneCommandQueue.Complete(state, "c1", succeeded: true, "placed", Now)!.Value.Next;
        state = ZoneCommandQueue.Enqueue(state, Command("c0"))!;
        Assert.That(ZoneCommandQueue.Pending(state).Select(c => c.CommandId), Is.EqualTo(new[] { "c3", "c2", "c4", "c0" }));
    }

    [Test]
    public void Enqueue_KnownId_PendingOrFinished_ReturnsNull()
    {
        var state = ZoneCommandQueue.Enqueue(new ZoneState(), Command("c1"))!;
        Assert.That(ZoneCommandQueue.Enqueue(state, Command("c1")), Is.Null, "pending");

        state = ZoneCommandQueue.Complete(state, "c1", succeeded: false, "no room", Now)!.Value.Next;
        Assert.That(ZoneCommandQueue.Enqueue(state, Command("c1")), Is.Null, "finished: an answered command is never queued again");
    }

    [Test]
    public void Complete_PendingPlace_RecordsOutcomeAndPlacement_ARepeatIsNull()
    {
        var state = ZoneCommandQueue.Enqueue(new ZoneState(), Command("c1", workload: "w-a"))!;

        var (next, command) = ZoneCommandQueue.Complete(state, "c1", succeeded: true, "placed", Now)!.Value;

        Assert.That(command.CommandId, Is.EqualTo("c1"));
        Assert.That(next.PendingCommands, Is.Empty);
        Assert.That(ZoneCommandQueue.Outcome(next, "c1"), Is.EqualTo(new ZoneCommandOutcome("c1", true, true, "placed", Now)));
        Assert.That(next.PlacedAt["w-a"], Is.EqualTo(Now), "the rebalancer's cooldown starts");
        Assert.That(ZoneCommandQueue.Complete(next, "c1", succeeded: false, "late duplicate", Now), Is.Null);
        Assert.That(ZoneCommandQueue.Complete(next, "never-sent", succeeded: true, string.Empty, Now), Is.Null);
    }

    [Test]
    public void Complete_FailedOrRemove_NoPlacementRecorded()
    {
        var state = ZoneCommandQueue.Enqueue(new ZoneState(), Command("c1", workload: "w-a"))!;
        state = ZoneCommandQueue.Enqueue(state, Command("c2", ZoneCommandKind.Remove, workload: "w-b"))!;

        state = ZoneCommandQueue.Complete(state, "c1", succeeded: false, "no room", Now)!.Value.Next;
        state = ZoneCommandQueue.Complete(state, "c2", succeeded: true, "removed", Now)!.Value.Next;

        Assert.That(state.PlacedAt, Is.Empty);
    }

    [Test]
    public void Outcome_PendingUnknownAndAgedOut_AsTheProbeSeesThem()
    {
        var state = ZoneCommandQueue.Enqueue(new ZoneState(), Command("first"))!;
        Assert.That(ZoneCommandQueue.Outcome(state, "first")!.Finished, Is.False);
        Assert.That(ZoneCommandQueue.Outcome(state, "unknown"), Is.Null);

        state = ZoneCommandQueue.Complete(state, "first", succeeded: true, "ok", Now)!.Value.Next;
        for (int i = 0; i < ZoneCommandQueue.FinishedKept; i++)
        {
            state = ZoneCommandQueue.Enqueue(state, Command($"c{i}", ZoneCommandKind.Remove))!;
            state = ZoneCommandQueue.Complete(state, $"c{i}", succeeded: true, "ok", Now)!.Value.Next;
        }

        Assert.That(state.FinishedCommands, Has.Count.EqualTo(ZoneCommandQueue.FinishedKept));
        Assert.That(ZoneCommandQueue.Outcome(state, "first"), Is.Null, "the oldest outcome aged out");
        Assert.That(ZoneCommandQueue.Outcome(state, $"c{ZoneCommandQueue.FinishedKept - 1}")!.Succeeded, Is.True);
    }
}
