using System.Globalization;
using CloudGov.ControlPlane.Abstractions.Audit;
using CloudGov.ControlPlane.Abstractions.Ledger;
using CloudGov.ControlPlane.Abstractions.Placement;
using CloudGov.ControlPlane.Abstractions.Plans;
using CloudGov.ControlPlane.Security;

namespace CloudGov.ControlPlane.Audit;

/// <summary>
/// The audit side of the operations API's decisions: one call per decision in <c>OperationsApiService</c>. Each records
/// the decision under the RPC's authenticated caller (never a request field) before making it, and answers
/// <c>UNAVAILABLE</c> without making it when the entry cannot be stored. Dry runs change nothing and are not recorded.
/// </summary>
internal sealed class OperationsAudit(IAuditTrail trail)
{
    /// <summary>The caller of <paramref name="context"/> as an audit actor.</summary>
    public static AuditActor ActorOf(ServerCallContext context)
    {
        var caller = context.GetCaller();
        return new AuditActor(caller.Subject, caller.Role.ToString().ToLowerInvariant(), caller.TenantId ?? string.Empty);
    }

    /// <summary>Runs a rebalance round for the caller: the rebalancer records the proposal under them (<see cref="AuditCallContext"/>).</summary>
    public async Task<RebalanceRoundResult> ProposeAsync(ServerCallContext context, Func<Task<RebalanceRoundResult>> propose)
    {
        AuditCallContext.Set(ActorOf(context));
        return await Recorded(propose());
    }

    /// <summary>Records and makes the caller's approval of <paramref name="planId"/>; <paramref name="approve"/> gets the caller's subject.</summary>
    public Task<PlanCommandResult> ApproveAsync(ServerCallContext context, string planId, string reason, Func<string, Task<PlanCommandResult>> approve)
    {
        var actor = ActorOf(context);
        return Recorded(trail.DecideAsync(AuditEntryDraft.Of(actor, AuditAction.PlanApproved, reason, [planId]), () => approve(actor.Subject), PlanOutcome, context.CancellationToken));
    }

    /// <summary>Records and makes the caller's cancellation of <paramref name="planId"/>; <paramref name="cancel"/> gets the caller's subject.</summary>
    public Task<PlanCommandResult> CancelAsync(ServerCallContext context, string planId, string reason, Func<string, Task<PlanCommandResult>> cancel)
    {
        var actor = ActorOf(context);
        return Recorded(trail.DecideAsync(AuditEntryDraft.Of(actor, AuditAction.PlanCancelled, reason, [planId]), () => cancel(actor.Subject), PlanOutcome, context.CancellationToken));
    }

    /// <summary>Records and makes the placement of <paramref name="spec"/> (a dry run only decides, unrecorded); the chosen zone follows as a DecisionApplied entry.</summary>
    public Task<PlacementDecision> PlaceAsync(ServerCallContext context, WorkloadSpec spec, bool dryRun, Func<Task<PlacementDecision>> place)
    {
        var actor = ActorOf(context);
        if (dryRun)
        {
            return place();
        }

        var draft = AuditEntryDraft.Of(
            actor,
            AuditAction.WorkloadPlaced,
            $"place workload '{spec.WorkloadId}' for tenant '{spec.TenantId}'",
            [spec.WorkloadId, spec.TenantId],
            ("tenant_id", spec.TenantId),
            ("mlps_level", spec.MlpsLevel.ToString()),
            ("network_plane", spec.NetworkPlane.ToString()),
            ("requests", spec.Requests.ToString()));
        return Recorded(trail.DecideAsync(draft, place, decision => decision.Outcome == PlacementOutcome.Placed
            ? AuditOutcome.Applied(("zone_id", decision.ZoneId ?? string.Empty), ("command_id", decision.CommandId))
            : AuditOutcome.NotApplied($"{decision.Outcome}: {decision.Message}"), context.CancellationToken));
    }

    /// <summary>Records and makes an intent change (a dry run is unrecorded); <paramref name="change"/> gets the caller's subject as the requester.</summary>
    public Task<IntentOutcome> ChangeIntentAsync(ServerCallContext context, WorkloadSelector selector, IntentPatch patch, string reason, bool dryRun, Func<string, Task<IntentOutcome>> change)
    {
        var actor = ActorOf(context);
        if (dryRun)
        {
            return change(actor.Subject);
        }

        var targets = selector.WorkloadIds.IsDefaultOrEmpty ? [] : selector.WorkloadIds.Take(AuditLimits.MaxTargets).ToArray();
        var draft = AuditEntryDraft.Of(
            actor,
            AuditAction.IntentChanged,
            reason,
            targets,
            ("selector", Describe(selector)),
            ("patch", Describe(patch)));
        return Recorded(trail.DecideAsync(draft, () => change(actor.Subject), outcome => !outcome.Problems.IsEmpty
            ? AuditOutcome.NotApplied(string.Join("; ", outcome.Problems.Take(5)))
            : AuditOutcome.Applied(
                ("matched", outcome.Matched.ToString(CultureInfo.InvariantCulture)),
                ("changed", outcome.Changes.Length.ToString(CultureInfo.InvariantCulture)),
                ("changed_ids", string.Join(",", outcome.Changes.Select(c => c.WorkloadId).Take(20)))), context.CancellationToken));
    }

    private static AuditOutcome PlanOutcome(PlanCommandResult result) =>
        result.Outcome == PlanCommandOutcome.Done ? AuditOutcome.Applied() : AuditOutcome.NotApplied($"{result.Outcome}: {result.Message}");

    /// <summary>The decision, or UNAVAILABLE when the audit trail could not record it (then it was not made).</summary>
    internal static async Task<T> Recorded<T>(Task<T> decision)
    {
        try
        {
            return await decision;
        }
        catch (AuditUnavailableException ex)
        {
            throw new RpcException(new Status(StatusCode.Unavailable,
                $"the audit trail could not record this decision, so it was not made: {WireText.Excerpt(ex.InnerException?.Message ?? ex.Message, 200)}; retry later"));
        }
    }

    private static string Describe(WorkloadSelector s)
    {
        var parts = new List<string>();
        if (!s.WorkloadIds.IsDefaultOrEmpty)
        {
            parts.Add($"workload_ids={s.WorkloadIds.Length}");
        }

        Add(parts, "tenant_id", s.TenantId);
        if (!s.TenantIds.IsDefaultOrEmpty)
        {
            // A tenant caller's whole subtree (its own id first); at most five named.
            parts.Add($"tenant_ids={s.TenantIds.Length}:" + string.Join(",", s.TenantIds.Take(5)) + (s.TenantIds.Length > 5 ? ",…" : string.Empty));
        }

        Add(parts, "system", s.System);
        Add(parts, "project", s.Project);
        Add(parts, "zone_id", s.ZoneId);
        if (!s.Labels.IsDefaultOrEmpty)
        {
            parts.Add("labels=" + string.Join(",", s.Labels.Select(l => $"{l.Key}:{l.Value}")));
        }

        return string.Join(" ", parts);
    }

    private static string Describe(IntentPatch p)
    {
        var parts = new List<string>();
        Add(parts, "tenant_id", p.TenantId);
        Add(parts, "system", p.System);
        Add(parts, "project", p.Project);
        Add(parts, "mlps_level", p.MlpsLevel?.ToString());
        Add(parts, "allowed_regions", p.AllowedRegions is { } regions ? string.Join(",", regions) : null);
        Add(parts, "network_plane", p.NetworkPlane?.ToString());
        Add(parts, "anti_affinity_group", p.AntiAffinityGroup);
        Add(parts, "pinned", p.Pinned?.ToString());
        Add(parts, "priority", p.Priority?.ToString(CultureInfo.InvariantCulture));
        Add(parts, "migration_cost", p.MigrationCost?.ToString(CultureInfo.InvariantCulture));
        Add(parts, "requests", p.Requests?.ToString());
        if (!p.SetLabels.IsDefaultOrEmpty)
        {
            parts.Add("set_labels=" + string.Join(",", p.SetLabels.Select(l => $"{l.Key}:{l.Value}")));
        }

        if (!p.RemoveLabels.IsDefaultOrEmpty)
        {
            parts.Add("remove_labels=" + string.Join(",", p.RemoveLabels));
        }

        return string.Join(" ", parts);
    }

    private static void Add(List<string> parts, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            parts.Add($"{name}={value}");
        }
    }
}
