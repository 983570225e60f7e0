using static CloudGov.ControlPlane.Tests.Zones.ZoneRecords;

namespace CloudGov.ControlPlane.Tests.Zones;

/// <summary>Commands are stored durably until the agent answers; ids make enqueueing and answering idempotent.</summary>
public sealed class ZoneCommandTests
{
    private static ZoneCommand Place(string id) => new(
        id, ZoneCommandKind.Place, new WorkloadSpec($"w-{id}", "nn-rsj", "社保核心", Requests: new ResourceVector(4000, 8192, 100), MlpsLevel: MlpsLevel.Level2),
        ZoneClusterFixture.Time.GetUtcNow().AddMinutes(5));

    [Test]
    public async Task EnqueueCommand_SameIdTwice_StoredOnce_AndPendingUntilAnswered()
    {
        var zone = ZoneClusterFixture.Grains.GetGrain<IZoneGrain>(NewZoneId("cmd"));
        await zone.RegisterAsync(Descriptor(), Guid.NewGuid());

        await zone.EnqueueCommandAsync(Place("c1"));
        await zone.EnqueueCommandAsync(Place("c1"));
        await zone.EnqueueCommandAsync(Place("c2"));

        Assert.That((await zone.GetPendingCommandsAsync()).Select(c => c.CommandId), Is.EqualTo(new[] { "c1", "c2" }));
        Assert.That((await zone.GetCommandOutcomeAsync("c1"))!.Finished, Is.False);
    }

    [Test]
    public async Task CompleteCommand_RecordsOutcome_AndARepeatedAnswerChangesNothing()
    {
        var zone = ZoneClusterFixture.Grains.GetGrain<IZoneGrain>(NewZoneId("cmd"));
        await zone.RegisterAsync(Descriptor(), Guid.NewGuid());
        await zone.EnqueueCommandAsync(Place("c1"));

        await zone.CompleteCommandAsync("c1", succeeded: true, "placed");
        await zone.CompleteCommandAsync("c1", succeeded: false, "a late duplicate answer");
        await zone.EnqueueCommandAsync(Place("c1"));

        var outcome = await zone.GetCommandOutcomeAsync("c1");
        Assert.That(outcome!.Finished, Is.True);
        Assert.That(outcome.Succeeded, Is.True);
        Assert.That(outcome.Message, Is.EqualTo("placed"));
        Assert.That(await zone.GetPendingCommandsAsync(), Is.Empty, "a finished command id is never queued again");
        Assert.That(await zone.GetCommandOutcomeAsync("never-sent"), Is.Null);
    }

    [Test]
    public async Task EnqueueCommand_WriteFails_NothingIsPending()
    {
        string id = NewZoneId("cmd");
        var zone = ZoneClusterFixture.Grains.GetGrain<IZoneGrain>(id);
        await zone.RegisterAsync(Descriptor(), Guid.NewGuid());
        ZoneClusterFixture.Storage.FailWritesFor(id);

        await Assert.ThrowsAsync<Orleans.Runtime.OrleansException>(async () => await zone.EnqueueCommandAsync(Place("c1")));

        ZoneClusterFixture.Storage.Heal(id);
        Assert.That(await zone.GetPendingCommandsAsync(), Is.Empty);
    }

    [Test]
    public async Task SucceededPlace_RecordsWhenTheWorkloadWasPlaced_FailedOrRemoveDoesNot()
    {
        var zone = ZoneClusterFixture.Grains.GetGrain<IZoneGrain>(NewZoneId("cmd"));
        await zone.RegisterAsync(Descriptor(), Guid.NewGuid());
        await zone.EnqueueCommandAsync(Place("ok"));
        await zone.EnqueueCommandAsync(Place("no"));
        await zone.EnqueueCommandAsync(Place("rm") with { Kind = ZoneCommandKind.Remove });

        await zone.CompleteCommandAsync("ok", succeeded: true, "placed");
        await zone.CompleteCommandAsync("no", succeeded: false, "no room");
        await zone.CompleteCommandAsync("rm", succeeded: true, "removed");

        var placedAt = (await zone.GetAsync())!.PlacedAt!;
        Assert.That(placedAt.Keys, Is.EquivalentTo(new[] { "w-ok" }));
        Assert.That(placedAt["w-ok"], Is.EqualTo(ZoneClusterFixture.Time.GetUtcNow()));
    }

    [Test]
    public async Task Probe_ReportsStatusConnectionAskedWorkloadsAndCommandOutcomes()
    {
        var zone = ZoneClusterFixture.Grains.GetGrain<IZoneGrain>(NewZoneId("cmd"));
        await zone.RegisterAsync(Descriptor(), Guid.NewGuid());
        await zone.EnqueueCommandAsync(Place("pending"));
        await zone.EnqueueCommandAsync(Place("done"));
        await zone.CompleteCommandAsync("done", succeeded: true, "placed");

        var probe = await zone.ProbeAsync(["w-x"], ["pending", "done", "unknown"]);

        Assert.That(probe.Registered, Is.True);
        Assert.That(probe.AgentConnected, Is.True);
        Assert.That(probe.Workloads, Is.Empty, "no report lists w-x");
        Assert.That(probe.Commands.Keys, Is.EquivalentTo(new[] { "pending", "done" }), "an unknown command is left out");
        Assert.That(probe.Commands["pending"].Finished, Is.False);
        Assert.That((probe.Commands["done"].Finished, probe.Commands["done"].Succeeded), Is.EqualTo((true, true)));
    }
}
