using CloudGov.ControlPlane.Abstractions.Zones;
using CloudGov.Domain;
using Microsoft.Extensions.DependencyInjection;

namespace CloudGov.EndToEnd.Tests;

/// <summary>The guarantee the plan executor relies on: a zone's agent carries out its commands in queue order, across reconnects too.</summary>
public sealed class CommandOrderTests
{
    private static ZoneCommand Command(string commandId, ZoneCommandKind kind, string workloadId) => new(
        commandId, kind, new WorkloadSpec(workloadId, "gx-rst", "电子证照", Requests: new ResourceVector(500, 1024, 10), MlpsLevel: MlpsLevel.Level2),
        DateTimeOffset.UtcNow.AddMinutes(5));

    /// <summary>Place and remove the same few workloads, interleaved: carried out in any other order, the zone would end differently.</summary>
    private static List<ZoneCommand> Queue(string prefix) =>
    [
        Command($"{prefix}-1", ZoneCommandKind.Place, "w-order-a"),
        Command($"{prefix}-2", ZoneCommandKind.Place, "w-order-b"),
        Command($"{prefix}-3", ZoneCommandKind.Remove, "w-order-a"),
        Command($"{prefix}-4", ZoneCommandKind.Place, "w-order-c"),
        Command($"{prefix}-5", ZoneCommandKind.Remove, "w-order-b"),
        Command($"{prefix}-6", ZoneCommandKind.Place, "w-order-a"),
        Command($"{prefix}-7", ZoneCommandKind.Remove, "w-order-c"),
    ];

    [Test]
    public async Task SeveralCommandsQueuedAtOnce_RealAgent_CarriedOutInQueueOrder()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync();
        var settings = AgentProcess.ZoneSettings(controlPlane.AgentAddress, "gx-e2e-order");
        settings["Agent:Simulation:CommandDelay"] = "00:00:00.050";
        var provider = RecordingProvider.For(settings);
        await using var agent = await AgentProcess.StartAsync(settings, provider);
        await Eventually.HoldsAsync(() => agent.State.Connected, "the agent to connect");
        var zone = controlPlane.Services.GetRequiredService<IGrainFactory>().GetGrain<IZoneGrain>("gx-e2e-order");
        var queue = Queue("ord");

        await Task.WhenAll(queue.Select(c => zone.EnqueueCommandAsync(c)));
        var stored = (await zone.GetPendingCommandsAsync()).Select(c => c.CommandId).ToList();

        await Eventually.HoldsAsync(async () => (await zone.GetPendingCommandsAsync()).IsEmpty, "every command to be answered");
        Assert.That(stored, Is.EquivalentTo(queue.Select(c => c.CommandId)));
        Assert.That(provider.Executed, Is.EqualTo(stored), "carried out in the order the zone queued them");
        await AssertEndStateAsync(zone, queue, provider);
    }

    [Test]
    public async Task StreamBreaksMidQueue_AgentReconnects_RestCarriedOutInQueueOrder_NoneTwice()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync();
        var settings = AgentProcess.ZoneSettings(controlPlane.AgentAddress, "gx-e2e-order-rc");
        settings["Agent:Simulation:CommandDelay"] = "00:00:00.050";
        var provider = RecordingProvider.For(settings);
        await using var agent = await AgentProcess.StartAsync(settings, provider);
        await Eventually.HoldsAsync(() => agent.State.Connected, "the agent to connect");
        var zone = controlPlane.Services.GetRequiredService<IGrainFactory>().GetGrain<IZoneGrain>("gx-e2e-order-rc");
        var queue = Queue("rc");
        provider.BreakStreamOnceOn("rc-4");

        foreach (var command in queue)
        {
            await zone.EnqueueCommandAsync(command);
        }

        await Eventually.HoldsAsync(async () => (await zone.GetPendingCommandsAsync()).IsEmpty, "every command to be answered, after the reconnect too");
        Assert.That(agent.State.Sessions, Is.GreaterThanOrEqualTo(2), "the stream broke and the agent reconnected");
        Assert.That(provider.Executed, Is.EqualTo(queue.Select(c => c.CommandId)),
            "the commands before the break once each, then the rest (re-sent on the new stream) in queue order");
        await AssertEndStateAsync(zone, queue, provider);
    }

    private static async Task AssertEndStateAsync(IZoneGrain zone, List<ZoneCommand> queue, RecordingProvider provider)
    {
        foreach (var command in queue)
        {
            Assert.That((await zone.GetCommandOutcomeAsync(command.CommandId))!.Succeeded, Is.True, command.CommandId);
        }

        await Eventually.HoldsAsync(
            async () => (await zone.GetAsync())!.Workloads.Any(w => w.WorkloadId == "w-order-a")
                && !(await zone.GetAsync())!.Workloads.Any(w => w.WorkloadId is "w-order-b" or "w-order-c"),
            "the zone to end as the queue's order implies: a placed again, b and c removed");
        Assert.That(provider.Executed, Is.Not.Empty);
    }
}
