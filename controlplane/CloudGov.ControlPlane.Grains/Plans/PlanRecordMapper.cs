using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Rebalancing;

namespace CloudGov.ControlPlane.Grains.Plans;

/// <summary>Turns the scheduler's <see cref="RebalancePlan"/> into a Proposed <see cref="PlanRecord"/>. Pure.</summary>
public static class PlanRecordMapper
{
    /// <summary>The Proposed record of <paramref name="plan"/>, expiring <paramref name="expireAfter"/> after <paramref name="now"/>.</summary>
    /// <remarks>
    /// The moved workloads' system and MLPS level are looked up in <paramref name="snapshot"/> (the place commands
    /// carry them); without it they default to an empty system and level 2.
    /// </remarks>
    public static PlanRecord ToRecord(RebalancePlan plan, string planId, PlanTrigger trigger, DateTimeOffset now, TimeSpan expireAfter, string reason, CloudSnapshot? snapshot = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        WorkloadSnapshot? Find(string id) => snapshot is not null && snapshot.IndexOfWorkload(id) is var i and >= 0 ? snapshot.Workloads[i] : null;
        return new PlanRecord
        {
            PlanId = planId,
            State = PlanState.Proposed,
            Trigger = trigger,
            Strategy = plan.Strategy,
            ProposedAt = now,
            ExpiresAt = now + expireAfter,
            Moves = [.. plan.Moves.Select((m, i) => new PlanMove(
                i, m.WorkloadId, m.TenantId, m.FromZoneId, m.ToZoneId, m.Requests, m.MigrationCost, ToReason(m.Reason), MoveState.Pending,
                Find(m.WorkloadId)?.SystemId ?? string.Empty, Find(m.WorkloadId)?.RequiredLevel ?? MlpsLevel.Level2))],
            Zones = [.. plan.Zones.Select(z => new PlanZoneUtilization(z.ZoneId, z.Target, ToFigures(z.Before), ToFigures(z.After)))],
            BalanceIndexBefore = plan.BalanceIndexBefore,
            BalanceIndexAfter = plan.BalanceIndexAfter,
            Notes = [.. plan.Notes.Select(ToReason)],
            PolicyVerdict = [],
            History = [new PlanDecision(null, PlanState.Proposed, PlanActors.Scheduler, now, reason)],
        };
    }

    private static PlanReason ToReason(Reason r) => new(r.Code, r.English, r.Chinese);

    private static UtilizationFigures ToFigures(Utilization u) => new(u.Cpu, u.Memory, u.Storage, u.Gpu);
}
