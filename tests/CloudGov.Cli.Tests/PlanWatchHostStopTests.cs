using System.Collections.Immutable;
using CloudGov.ControlPlane.Abstractions.Plans;
using CloudGov.Proto.Operations.V1;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using DomainPlanState = CloudGov.ControlPlane.Abstractions.Plans.PlanState;

namespace CloudGov.Cli.Tests;

/// <summary>
/// A stopping host ends its open WatchPlan streams itself, with the documented status and trailer (a stream the server
/// left open would instead be aborted when the shutdown timed out, and end with another status).
/// </summary>
public sealed class PlanWatchHostStopTests
{
    [Test]
    public async Task WatchPlan_HostStops_StreamEndsUnavailableWithHostStoppingTrailer()
    {
        var host = await ControlPlaneProcess.StartAsync(new Dictionary<string, string?> { ["PlanWatch:SafetyRereadInterval"] = "00:10:00" });
        const string planId = "plan-00000000000000cd";
        var now = DateTimeOffset.UtcNow;
        var created = await host.Services.GetRequiredService<IGrainFactory>().GetGrain<IRebalancePlanGrain>(planId).CreateAsync(new PlanRecord
        {
            PlanId = planId, State = DomainPlanState.Proposed, Trigger = ControlPlane.Abstractions.Plans.PlanTrigger.Manual, Strategy = "test",
            ProposedAt = now, ExpiresAt = now.AddHours(1), Moves = [], Zones = [], BalanceIndexBefore = 0.5, BalanceIndexAfter = 0.5,
            Notes = [], PolicyVerdict = [], History = ImmutableArray<ControlPlane.Abstractions.Plans.PlanDecision>.Empty,
        });
        Assert.That(created.Outcome, Is.EqualTo(PlanCommandOutcome.Done), created.Message);
        using var channel = CloudGov.Testing.Identity.TestTokens.Channel(host.GrpcAddress);
        using var call = new OperationsService.OperationsServiceClient(channel).WatchPlan(new WatchPlanRequest { PlanId = planId });
        Assert.That(await call.ResponseStream.MoveNext(), Is.True);
        var next = call.ResponseStream.MoveNext();

        await host.DisposeAsync();

        var ended = await Assert.ThrowsAsync<RpcException>(() => next.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.That(ended!.StatusCode, Is.EqualTo(StatusCode.Unavailable), ended.ToString());
        Assert.That(ended.Status.Detail, Does.Contain("host is stopping; watch the plan again"));
        Assert.That(ended.Trailers.GetValue("cloudgov-stream-end"), Is.EqualTo("host-stopping"));
    }
}
