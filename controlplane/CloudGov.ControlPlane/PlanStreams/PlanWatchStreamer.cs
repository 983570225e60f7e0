using CloudGov.ControlPlane.Abstractions.Plans;
using CloudGov.ControlPlane.Grpc;
using CloudGov.Proto.Operations.V1;

namespace CloudGov.ControlPlane.PlanStreams;

/// <summary>
/// The body of <c>WatchPlan</c>: validates the id, takes a stream slot on this host (ResourceExhausted beyond
/// <see cref="PlanWatchOptions.MaxStreamsPerHost"/>), sends the plan as it is, then waits for a change signal from
/// <see cref="PlanWatchHub"/> (or the slow safety re-read, or the plan's expiry), re-reads the plan grain and sends the plan
/// when it differs from what was sent last; ends the stream after sending a terminal state. One read at a time per
/// stream; signals that arrive meanwhile are coalesced into one more read. The slot is freed however the stream ends
/// (completed, client cancelled, host stopping, failure).
/// </summary>
internal sealed class PlanWatchStreamer(
    IGrainFactory grains,
    PlanWatchHub hub,
    IOptions<PlanWatchOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<PlanWatchStreamer> logger)
{
    /// <summary>The status message a stream ends with when its host stops.</summary>
    public const string StoppingMessage = "this control-plane host is stopping; watch the plan again (on another host): the first message is its current state";

    /// <summary>Serves one WatchPlan call.</summary>
    public async Task WatchAsync(WatchPlanRequest request, IServerStreamWriter<WatchPlanEvent> responseStream, ServerCallContext context)
    {
        if (!PlanIds.IsValid(request.PlanId))
        {
            throw FieldErrors.Invalid("plan_id", $"{WireText.Quote(request.PlanId)} is malformed: give {PlanIds.FormatDescription}");
        }

        var stopping = lifetime.ApplicationStopping;
        if (stopping.IsCancellationRequested)
        {
            throw Stopping();
        }

        using var subscription = hub.TryOpen(request.PlanId) ?? throw Exhausted(request.PlanId);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, stopping);
        try
        {
            await StreamAsync(subscription, responseStream, linked.Token);
            PlanWatchLog.Ended(logger, request.PlanId, "terminal state sent");
        }
        catch (Exception ex) when (context.CancellationToken.IsCancellationRequested && ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The client went away (or cancelled) while the stream waited, read or wrote: nothing to send.
            PlanWatchLog.Ended(logger, request.PlanId, "client cancelled");
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            PlanWatchLog.Ended(logger, request.PlanId, "host stopping");
            throw Stopping();
        }
    }

    private async Task StreamAsync(PlanWatchSubscription subscription, IServerStreamWriter<WatchPlanEvent> responseStream, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IRebalancePlanGrain>(subscription.PlanId);
        var safety = options.Value.SafetyRereadInterval;
        Plan? sent = null;
        while (true)
        {
            var record = await grain.GetAsync().WaitAsync(cancellationToken).UnavailableOnFailure($"read plan '{subscription.PlanId}'")
                ?? throw new RpcException(new Status(StatusCode.NotFound, $"plan '{subscription.PlanId}' does not exist"));
            var plan = record.ToProto();
            if (sent is null || !plan.Equals(sent))
            {
                await responseStream.WriteAsync(new WatchPlanEvent { Plan = plan, Snapshot = sent is null, Final = record.IsTerminal }, cancellationToken);
                sent = plan;
            }

            if (record.IsTerminal)
            {
                return;
            }

            await subscription.WaitAsync(NextRead(record, safety), time, cancellationToken);
        }
    }

    /// <summary>The safety re-read, or just after a Proposed plan's expiry (the grain applies expiry when read) if sooner.</summary>
    private TimeSpan NextRead(PlanRecord plan, TimeSpan safety)
    {
        if (plan.State != Abstractions.Plans.PlanState.Proposed)
        {
            return safety;
        }

        var untilExpiry = plan.ExpiresAt - time.GetUtcNow() + TimeSpan.FromMilliseconds(50);
        return untilExpiry < safety ? (untilExpiry > TimeSpan.Zero ? untilExpiry : TimeSpan.FromMilliseconds(50)) : safety;
    }

    private RpcException Exhausted(string planId)
    {
        int limit = options.Value.MaxStreamsPerHost;
        PlanWatchLog.Refused(logger, planId, limit);
        return new RpcException(new Status(StatusCode.ResourceExhausted,
            $"this control-plane host already serves its maximum of {limit} WatchPlan streams (PlanWatch:MaxStreamsPerHost); retry later, read the plan with GetPlan, or watch through another host"));
    }

    private static RpcException Stopping() =>
        new(new Status(StatusCode.Unavailable, StoppingMessage), new Metadata { { HostStoppingStatus.TrailerKey, HostStoppingStatus.TrailerValue } });
}
