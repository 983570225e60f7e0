namespace CloudGov.ControlPlane.Abstractions.Plans;

/// <summary>
/// A rebalance plan as stored and returned: the scheduler's moves with their reasons and states, the predicted
/// per-zone utilization before/after, the balance index, the auto-approval verdict and every decision taken.
/// </summary>
[GenerateSerializer, Immutable, Alias("cloudgov.PlanRecord")]
public sealed record PlanRecord
{
    /// <summary>The plan id (see <see cref="PlanIds"/>); empty for a dry run.</summary>
    [Id(0)] public required string PlanId { get; init; }

    /// <summary>The lifecycle state.</summary>
    [Id(1)] public required PlanState State { get; init; }

    /// <summary>What asked for the plan.</summary>
    [Id(2)] public required PlanTrigger Trigger { get; init; }

    /// <summary>The rebalance strategy that computed it.</summary>
    [Id(3)] public required string Strategy { get; init; }

    /// <summary>When it was proposed (the snapshot's time).</summary>
    [Id(4)] public required DateTimeOffset ProposedAt { get; init; }

    /// <summary>When it expires unless decided before.</summary>
    [Id(5)] public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The moves, in execution order.</summary>
    [Id(6)] public required ImmutableArray<PlanMove> Moves { get; init; }

    /// <summary>Predicted utilization of every zone in the snapshot.</summary>
    [Id(7)] public required ImmutableArray<PlanZoneUtilization> Zones { get; init; }

    /// <summary>Balance index before the plan (1 − mean standard deviation of utilization across Ready zones).</summary>
    [Id(8)] public required double BalanceIndexBefore { get; init; }

    /// <summary>Predicted balance index after the plan.</summary>
    [Id(9)] public required double BalanceIndexAfter { get; init; }

    /// <summary>What the strategy could not do (zones left hot, budgets hit, freezes).</summary>
    [Id(10)] public required ImmutableArray<PlanReason> Notes { get; init; }

    /// <summary>The auto-approval policy's verdict when proposed: the reasons it approved or refused.</summary>
    [Id(11)] public required ImmutableArray<PlanReason> PolicyVerdict { get; init; }

    /// <summary>Every decision, oldest first; the first is the proposal.</summary>
    [Id(12)] public required ImmutableArray<PlanDecision> History { get; init; }

    /// <summary>Who asked an executing plan to stop (moves not yet started are skipped; it ends Cancelled); null if nobody.</summary>
    [Id(13)] public string? StopRequestedBy { get; init; }

    /// <summary>Why the stop was asked for.</summary>
    [Id(14)] public string StopReason { get; init; } = "";

    /// <summary>True when the auto-approval policy approved the plan.</summary>
    public bool AutoApproved => History.Any(d => d.To == PlanState.Approved && d.By == PlanActors.AutoApproval);

    /// <summary>True once no further transition is possible.</summary>
    public bool IsTerminal => State is PlanState.Completed or PlanState.PartiallyFailed or PlanState.Cancelled or PlanState.Expired;
}
