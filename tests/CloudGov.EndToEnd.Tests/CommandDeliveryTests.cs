using CloudGov.ControlPlane.Abstractions.Zones;
using CloudGov.Domain;
using CloudGov.Proto.Agent.V1;
using CloudGov.Proto.Operations.V1;
using Microsoft.Extensions.DependencyInjection;

namespace CloudGov.EndToEnd.Tests;

/// <summary>Commands reach the zone's agent over its stream, are re-sent on a new stream until answered, and are carried out once.</summary>
public sealed class CommandDeliveryTests
{
    private static ZoneCommand Place(string commandId, string workloadId) => new(
        commandId, ZoneCommandKind.Place, new WorkloadSpec(workloadId, "gx-rst", "电子证照", Requests: new ResourceVector(4000, 8192, 100), MlpsLevel: MlpsLevel.Level2),
        DateTimeOffset.UtcNow.AddMinutes(5));

    [Test]
    public async Task PlaceCommand_RealAgent_CarriesItOutAndTheWorkloadIsReported()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(new Dictionary<string, string?>
        {
            ["Zones:ReportInterval"] = "00:00:00.200",
            ["Zones:StalenessWindow"] = "00:00:05",
            ["Zones:CommandPollInterval"] = "00:00:00.050",
        });
        await using var agent = await AgentProcess.StartAsync(AgentProcess.ZoneSettings(controlPlane.AgentAddress, "gx-e2e-command"));
        await Eventually.HoldsAsync(() => agent.State.Connected, "the agent to connect");
        var zone = controlPlane.Services.GetRequiredService<IGrainFactory>().GetGrain<IZoneGrain>("gx-e2e-command");

        await zone.EnqueueCommandAsync(Place("cmd-place-1", "moved-in-1"));

        await Eventually.HoldsAsync(async () => (await zone.GetCommandOutcomeAsync("cmd-place-1"))?.Finished == true, "the agent to answer the command");
        Assert.That((await zone.GetCommandOutcomeAsync("cmd-place-1"))!.Succeeded, Is.True);
        var operations = new OperationsService.OperationsServiceClient(controlPlane.Channel);
        await Eventually.HoldsAsync(
            async () => (await operations.GetZoneAsync(new GetZoneRequest { ZoneId = "gx-e2e-command" })).Workloads.Any(w => w.WorkloadId == "moved-in-1"),
            "the placed workload to appear in the zone's next report");
    }

    [Test]
    public async Task UnansweredCommand_IsSentAgainOnTheNextStream_UntilAnswered()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(new Dictionary<string, string?> { ["Zones:CommandPollInterval"] = "00:00:00.050" });
        var agents = controlPlane.AgentClient("gx-e2e-resend");
        var zone = controlPlane.Services.GetRequiredService<IGrainFactory>().GetGrain<IZoneGrain>("gx-e2e-resend");

        // First stream: register, receive the command, go away without answering.
        using (var first = agents.Connect())
        {
            await first.RequestStream.WriteAsync(new AgentMessage { Hello = AgentMessages.Hello("gx-e2e-resend") });
            Assert.That(await first.ResponseStream.MoveNext(CancellationToken.None), Is.True);
            await zone.EnqueueCommandAsync(Place("cmd-resend-1", "w-resend"));
            Assert.That(await NextCommandAsync(first), Is.EqualTo("cmd-resend-1"));
        }

        // Second stream: the same command again; answer it this time.
        using (var second = agents.Connect())
        {
            await second.RequestStream.WriteAsync(new AgentMessage { Hello = AgentMessages.Hello("gx-e2e-resend") });
            Assert.That(await second.ResponseStream.MoveNext(CancellationToken.None), Is.True);
            Assert.That(await NextCommandAsync(second), Is.EqualTo("cmd-resend-1"));
            await second.RequestStream.WriteAsync(new AgentMessage { CommandResult = new CommandResult { CommandId = "cmd-resend-1", Succeeded = true } });
            await Eventually.HoldsAsync(async () => (await zone.GetCommandOutcomeAsync("cmd-resend-1"))?.Finished == true, "the answer to be recorded");
            await second.RequestStream.CompleteAsync();
        }

        Assert.That(await zone.GetPendingCommandsAsync(), Is.Empty, "an answered command is not delivered again");
    }

    private static async Task<string> NextCommandAsync(Grpc.Core.AsyncDuplexStreamingCall<AgentMessage, ControlMessage> call)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await call.ResponseStream.MoveNext(timeout.Token))
        {
            if (call.ResponseStream.Current.BodyCase == ControlMessage.BodyOneofCase.Command)
            {
                return call.ResponseStream.Current.Command.CommandId;
            }
        }

        Assert.Fail("the stream ended without delivering a command");
        return string.Empty;
    }
}
