using CloudGov.ControlPlane.Grains.Ledger;

namespace CloudGov.ControlPlane.Grains.Plans;

/// <summary>
/// The check a move passes just before it starts, against the ledger's current record of the workload and the zones as
/// they are now — independent of the strategy that proposed it. A move that no longer holds is not started and says why.
/// </summary>
/// <param name="Refusal">Why the move must not start; null when it may.</param>
/// <param name="Spec">The workload's intent to place it with, when it may start.</param>
public sealed record MoveGate(string? Refusal, WorkloadSpec? Spec)
{
    /// <summary>The gate for <paramref name="move"/> of plan <paramref name="planId"/> given its record and the zones' summaries by id.</summary>
    public static MoveGate For(string planId, PlanMove move, WorkloadRecord? record, IReadOnlyDictionary<string, ZoneSummary> zones)
    {
        ArgumentNullException.ThrowIfNull(move);
        ArgumentNullException.ThrowIfNull(zones);
        if (record is null)
        {
            return Refuse($"{move.WorkloadId} has no ledger record");
        }

        if (!record.Managed)
        {
            return Refuse($"{move.WorkloadId} is unmanaged: it stays pinned until its intent is registered");
        }

        if (record.Intent.Pinned)
        {
            return Refuse($"{move.WorkloadId} is pinned by its intent");
        }

        if (record.ZoneId != move.FromZoneId)
        {
            return Refuse($"the ledger records {move.WorkloadId} in {record.ZoneId ?? "no zone"}, not in {move.FromZoneId}");
        }

        if (record.Moving is { } moving && (moving.PlanId != planId || moving.MoveIndex != move.Index))
        {
            return Refuse($"{move.WorkloadId} is being moved by plan {moving.PlanId}");
        }

        if (!zones.TryGetValue(move.ToZoneId, out var target))
        {
            return Refuse($"target zone {move.ToZoneId} is no longer known");
        }

        if (target.Status is ZoneStatus.Draining or ZoneStatus.Quarantined)
        {
            return Refuse($"target zone {move.ToZoneId} is {target.Status}");
        }

        var broken = IntentCheck.Broken(record.Intent, ZoneFacts.Of(target.ZoneId, target.Descriptor));
        return broken.IsEmpty
            ? new MoveGate(null, record.Intent)
            : Refuse($"target zone {move.ToZoneId} breaks its intent: {string.Join("; ", broken.Select(b => b.English))}");
    }

    private static MoveGate Refuse(string why) => new(why, null);
}
