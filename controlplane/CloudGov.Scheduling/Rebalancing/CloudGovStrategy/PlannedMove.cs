namespace CloudGov.Scheduling.Rebalancing.CloudGovStrategy;

/// <summary>
/// One move while a plan is built (indexes into the snapshot). <see cref="EnabledBy"/> is the index of the make-room
/// move that freed the destination for this one, or -1.
/// </summary>
internal sealed record PlannedMove(int Workload, int From, int To, Reason Reason, int EnabledBy = -1)
{
    /// <summary>True once the move was taken back; cancelled moves stay in the list so indexes do not shift.</summary>
    public bool Cancelled { get; init; }
}
