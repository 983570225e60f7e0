using CloudGov.ControlPlane.Abstractions.Zones;
using CloudGov.Domain;
using CloudGov.Proto.Operations.V1;
using Microsoft.Extensions.DependencyInjection;

namespace CloudGov.EndToEnd.Tests;

/// <summary>
/// Commands and their results travel by push: with every poll ten minutes away they still arrive within seconds; with the
/// pushes dropped (<c>Zones:CommandPush=false</c>, <c>Agent:ReportAfterCommand=false</c>) the polls still carry them.
/// </summary>
public sealed class CommandPushTests
{
    /// <summary>Far beyond any bound below: whatever arrives within the bound was pushed, not polled.</summary>
    private const string TenMinutes = "00:10:00";

    private static readonly TimeSpan PushBound = TimeSpan.FromSeconds(15);

    private static ZoneCommand Place(string commandId, string workloadId) => new(
        commandId, ZoneCommandKind.Place, new WorkloadSpec(workloadId, "gx-rst", "电子证照", Requests: new ResourceVector(1000, 2048, 20), MlpsLevel: MlpsLevel.Level2),
        DateTimeOffset.UtcNow.AddMinutes(5));

    private static Dictionary<string, string?> SlowPolls() => new()
    {
        ["Zones:ReportInterval"] = TenMinutes,
        ["Zones:StalenessWindow"] = "00:30:00",
        ["Zones:CommandPollInterval"] = TenMinutes,
        ["Plans:Execution:PollInterval"] = TenMinutes,
        ["Plans:Execution:MoveTimeout"] = "00:05:00",
        ["Placement:CommandDeadline"] = "00:30:00",
    };

    [Test]
    public async Task Command_PollsTenMinutesAway_ReachesTheAgentAndItsEffectIsReportedWithinSeconds()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(SlowPolls());
        await using var agent = await AgentProcess.StartAsync(AgentProcess.ZoneSettings(controlPlane.AgentAddress, "gx-e2e-push-cmd"));
        var operations = new OperationsService.OperationsServiceClient(controlPlane.Channel);
        await Eventually.HoldsAsync(
            async () => (await operations.GetZoneAsync(new GetZoneRequest { ZoneId = "gx-e2e-push-cmd" })).Workloads.Count > 0,
            "the agent's first report");
        var zone = controlPlane.Services.GetRequiredService<IGrainFactory>().GetGrain<IZoneGrain>("gx-e2e-push-cmd");

        await zone.EnqueueCommandAsync(Place("cmd-push-1", "pushed-in-1"));

        await Eventually.HoldsAsync(async () => (await zone.GetCommandOutcomeAsync("cmd-push-1"))?.Finished == true,
            "the stored command to be pushed to the stream, carried out and answered", PushBound);
        Assert.That((await zone.GetCommandOutcomeAsync("cmd-push-1"))!.Succeeded, Is.True);
        await Eventually.HoldsAsync(
            async () => (await operations.GetZoneAsync(new GetZoneRequest { ZoneId = "gx-e2e-push-cmd" })).Workloads.Any(w => w.WorkloadId == "pushed-in-1"),
            "the agent's report right after the command to show the new workload (its next interval report is ten minutes away)", PushBound);
    }

    [Test]
    public async Task ApprovedPlan_PollsTenMinutesAway_EveryMoveCompletesWithinSeconds()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(SlowPolls());
        await using var zones = await PlanZones.StartAsync(controlPlane);
        var operations = new OperationsService.OperationsServiceClient(controlPlane.Channel);
        var proposed = (await operations.ProposeRebalanceAsync(new ProposeRebalanceRequest())).Plan;
        Assert.That(proposed.Moves, Has.Count.GreaterThan(4), "several rounds of moves, each needing the plan to hear from both zones");

        await operations.ApprovePlanAsync(new ApprovePlanRequest { PlanId = proposed.PlanId, Reason = "变更窗口" });
        var done = await PlanZones.EndedAsync(operations, proposed.PlanId, TimeSpan.FromSeconds(60));

        Assert.That(done.State, Is.EqualTo(PlanState.Completed), PlanZones.Describe(done));
        zones.AssertEachMovedWorkloadOnlyInItsTarget(done);
    }

    [Test]
    public async Task ApprovedPlan_PushesDropped_FallbackPollsCarryEveryMove()
    {
        var settings = ControlPlaneProcess.FastPlanSettings();
        settings["Zones:CommandPush"] = "false";
        settings["Zones:CommandPollInterval"] = "00:00:00.100";
        await using var controlPlane = await ControlPlaneProcess.StartAsync(settings);
        await using var zones = await PlanZones.StartAsync(controlPlane, new() { ["Agent:ReportAfterCommand"] = "false" });
        var operations = new OperationsService.OperationsServiceClient(controlPlane.Channel);
        var proposed = (await operations.ProposeRebalanceAsync(new ProposeRebalanceRequest())).Plan;

        await operations.ApprovePlanAsync(new ApprovePlanRequest { PlanId = proposed.PlanId, Reason = "变更窗口" });
        var done = await PlanZones.EndedAsync(operations, proposed.PlanId, TimeSpan.FromSeconds(90));

        Assert.That(done.State, Is.EqualTo(PlanState.Completed), PlanZones.Describe(done));
        zones.AssertEachMovedWorkloadOnlyInItsTarget(done);
    }

    [Test]
    public async Task Command_PushesDropped_ArrivesByTheCommandPoll()
    {
        await using var controlPlane = await ControlPlaneProcess.StartAsync(new Dictionary<string, string?>
        {
            ["Zones:CommandPush"] = "false",
            ["Zones:CommandPollInterval"] = "00:00:00.200",
        });
        var agents = controlPlane.AgentClient("gx-e2e-push-off");
        var zone = controlPlane.Services.GetRequiredService<IGrainFactory>().GetGrain<IZoneGrain>("gx-e2e-push-off");
        await using var stream = await RawAgentStream.ConnectAsync(agents, "gx-e2e-push-off");
        var delivered = stream.WaitForCommandAsync("cmd-poll-1");

        await zone.EnqueueCommandAsync(Place("cmd-poll-1", "polled-in-1"));

        Assert.That(await delivered.WaitAsync(TimeSpan.FromSeconds(30)), Is.EqualTo("cmd-poll-1"), "no push was sent, so the poll delivered it");
    }
}
