using CloudGov.Proto.Operations.V1;
using CloudGov.Testing.Identity;
using Google.Rpc;
using System.Text.Json;
using Grpc.Core;
using Common = CloudGov.Proto.Common.V1;

namespace CloudGov.Cli.Tests;

/// <summary>
/// The <c>WatchPlan</c> server-streaming RPC on a host of its own with two real agents (a hot zone over its 0.5 target and
/// a roomy cold one). The host's safety re-read is 10 minutes, so every event after the snapshot within these tests was
/// pushed by the plan grain through the live feed, never read on a timer; the client only reads its stream. At most two
/// streams per host, to see the limit.
/// </summary>
[NonParallelizable]
public sealed class WatchPlanRpcTests
{
    private const string Hot = "gx-cli-watch-hot";
    private const string Cold = "gx-cli-watch-cold";

    private HotColdCloud _cloud = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _cloud = await HotColdCloud.StartAsync(Hot, Cold, new Dictionary<string, string?> { ["PlanWatch:MaxStreamsPerHost"] = "2", ["PlanWatch:SafetyRereadInterval"] = "00:10:00" });

    [OneTimeTearDown]
    public async Task StopAsync() => await _cloud.DisposeAsync();

    [Test]
    public async Task WatchPlan_UnknownMalformedAndTenantCaller_NotFoundInvalidArgumentNamingPlanIdPermissionDenied()
    {
        var unknown = await Assert.ThrowsAsync<RpcException>(() => FirstEventAsync("plan-0123456789abcdef"));
        var malformed = await Assert.ThrowsAsync<RpcException>(() => FirstEventAsync("../etc/" + new string('x', 500)));
        var tenant = await Assert.ThrowsAsync<RpcException>(() => FirstEventAsync("plan-0123456789abcdef", TestTokens.Tenant("cli-watch-tenant")));
        var auditor = await Assert.ThrowsAsync<RpcException>(() => FirstEventAsync("plan-0123456789abcdef", TestTokens.Auditor("cli-watch-auditor")));

        Assert.That(unknown!.StatusCode, Is.EqualTo(StatusCode.NotFound), unknown.ToString());
        Assert.That(malformed!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument), malformed.ToString());
        var violation = malformed.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.Single();
        Assert.That(violation?.Field, Is.EqualTo("plan_id"));
        Assert.That(violation?.Description, Does.Contain("'plan-' followed by 16 lowercase hex digits"));
        Assert.That(malformed.Status.Detail, Does.Not.Contain(new string('x', 100)), "the bad value is not echoed whole");
        Assert.That(tenant!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied), tenant.ToString());
        Assert.That(auditor!.StatusCode, Is.EqualTo(StatusCode.NotFound), "an auditor may watch (as GetPlan): " + auditor);
    }

    [Test]
    public async Task WatchPlan_ApprovedPlanWithRealAgents_PushesEveryMoveUnderWayToOursAndNodeClientsAndEndsAtCompletedAndCancelFreesTheSlot()
    {
        var plan = await ProposeAsync();
        Assert.That(plan.Moves, Has.Count.GreaterThan(1));

        // The watch is open (its snapshot received) before the approval, so everything after it was pushed.
        using var call = _cloud.Operations.WatchPlan(new WatchPlanRequest { PlanId = plan.PlanId }, TestTokens.Bearer(TestTokens.Auditor("cli-watch-auditor")));
        Assert.That(await call.ResponseStream.MoveNext(), Is.True);
        var events = new List<WatchPlanEvent> { call.ResponseStream.Current };

        // A second stream takes the host's last slot; a third is refused until the client cancels the second.
        var second = _cloud.Operations.WatchPlan(new WatchPlanRequest { PlanId = plan.PlanId });
        Assert.That(await second.ResponseStream.MoveNext(), Is.True);
        var refused = await Assert.ThrowsAsync<RpcException>(() => FirstEventAsync(plan.PlanId));
        Assert.That(refused!.StatusCode, Is.EqualTo(StatusCode.ResourceExhausted), refused.ToString());
        Assert.That(refused.Status.Detail, Does.Contain("PlanWatch:MaxStreamsPerHost"));
        using (var http = new HttpClient { BaseAddress = _cloud.ControlPlane.HttpAddress })
        {
            Assert.That(await http.GetStringAsync("/metrics"), Does.Contain("cloudgov_plan_watch_streams_open 2"), "the refused stream took no slot");
        }

        second.Dispose();
        var again = await Eventually.ReturnsAsync(() => FirstEventAsync(plan.PlanId), e => e is not null, "a slot to be free once the client cancelled a stream");
        Assert.That(again!.Snapshot && again.Plan.State == PlanState.Proposed, Is.True, again.ToString());

        // A client that is not ours takes the freed slot and follows the same plan (its snapshot seen before the approval).
        await using var node = NodeWatchClient.Start(_cloud.ControlPlane.GrpcAddress, plan.PlanId, TestTokens.Operator);
        var nodeEvents = new List<JsonElement> { (await node.NextAsync(TimeSpan.FromSeconds(60))).GetProperty("event") };

        await _cloud.Operations.ApprovePlanAsync(new ApprovePlanRequest { PlanId = plan.PlanId, Reason = "变更窗口" });
        var reading = Task.Run(async () =>
        {
            while (await call.ResponseStream.MoveNext())
            {
                events.Add(call.ResponseStream.Current);
            }
        });
        try
        {
            await reading.WaitAsync(TimeSpan.FromMinutes(3));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"the stream did not end at a terminal state within 3 minutes of the approval; {events.Count} event(s) pushed, the last: {events[^1].Plan.State}");
        }

        JsonElement nodeStatus;
        while ((nodeStatus = await node.NextAsync(TimeSpan.FromSeconds(60))).TryGetProperty("event", out var nodeEvent))
        {
            nodeEvents.Add(nodeEvent);
        }

        var final = (await _cloud.Operations.GetPlanAsync(new GetPlanRequest { PlanId = plan.PlanId })).Plan;
        Assert.That(final.State, Is.EqualTo(PlanState.Completed));
        Assert.That(events[0].Snapshot, Is.True);
        Assert.That(events[0].Plan.State, Is.EqualTo(PlanState.Proposed));
        Assert.That(events.Skip(1).Select(e => e.Snapshot), Is.All.False);
        Assert.That(events.Select(e => e.Final), Is.EqualTo(events.Select((_, i) => i == events.Count - 1)), "only the last event is final");
        Assert.That(events[^1].Plan, Is.EqualTo(final), "the last event is the stored plan");
        Assert.That(events.Select(e => e.Plan.State), Does.Contain(PlanState.Executing));
        for (int i = 1; i < events.Count; i++)
        {
            Assert.That(events[i].Plan, Is.Not.EqualTo(events[i - 1].Plan), $"event {i} carries a change");
            Assert.That(Done(events[i].Plan), Is.GreaterThanOrEqualTo(Done(events[i - 1].Plan)), $"event {i}: moves never go back");
        }

        foreach (var move in plan.Moves)
        {
            var seen = events.Select(e => e.Plan.Moves.Single(m => m.Index == move.Index).State).Distinct().ToList();
            Assert.That(seen, Does.Contain(MoveState.Completed), $"move {move.Index} followed to its end: {string.Join(", ", seen)}");
            Assert.That(seen.Any(s => s is MoveState.Placing or MoveState.Removing), Is.True, $"move {move.Index}'s progress pushed while under way: {string.Join(", ", seen)}");
        }

        Assert.That(events, Has.Count.GreaterThan(plan.Moves.Count + 1), "one event per stored change, not one at the end");

        // The Node client saw the same stream: a snapshot of the Proposed plan, moves under way, the last event final and Completed, status OK.
        Assert.That(nodeStatus.GetProperty("ok").GetBoolean(), Is.True, nodeStatus.GetRawText());
        Assert.That(nodeEvents[0].GetProperty("snapshot").GetBoolean(), Is.True);
        Assert.That(nodeEvents[0].GetProperty("plan").GetProperty("state").GetString(), Is.EqualTo("PLAN_STATE_PROPOSED"));
        Assert.That(nodeEvents[^1].GetProperty("final").GetBoolean(), Is.True);
        Assert.That(nodeEvents[^1].GetProperty("plan").GetProperty("state").GetString(), Is.EqualTo("PLAN_STATE_COMPLETED"));
        Assert.That(nodeEvents.Count(e => e.GetProperty("final").GetBoolean()), Is.EqualTo(1));
        var nodeMoveStates = nodeEvents.SelectMany(e => e.GetProperty("plan").GetProperty("moves").EnumerateArray().Select(m => m.GetProperty("state").GetString())).ToHashSet();
        Assert.That(nodeMoveStates, Does.Contain("MOVE_STATE_COMPLETED"));
        Assert.That(nodeMoveStates.Overlaps(["MOVE_STATE_PLACING", "MOVE_STATE_REMOVING"]), Is.True, "moves under way pushed to the Node client: " + string.Join(", ", nodeMoveStates));
        Assert.That(nodeEvents, Has.Count.GreaterThan(plan.Moves.Count + 1));
    }

    private static int Done(Plan plan) => plan.Moves.Count(m => m.State == MoveState.Completed);

    private async Task<Plan> ProposeAsync()
    {
        var proposed = await _cloud.Operations.ProposeRebalanceAsync(new ProposeRebalanceRequest());
        Assert.That(proposed.Stored, Is.True, proposed.ToString());
        return proposed.Plan;
    }

    private async Task<WatchPlanEvent?> FirstEventAsync(string planId, string? token = null)
    {
        using var call = _cloud.Operations.WatchPlan(new WatchPlanRequest { PlanId = planId }, token is null ? null : TestTokens.Bearer(token));
        return await call.ResponseStream.MoveNext() ? call.ResponseStream.Current : null;
    }
}
