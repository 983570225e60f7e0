namespace CloudGov.ControlPlane.Abstractions.Plans;

/// <summary>One move of a plan: a workload from one zone to another, with its reason and execution state.</summary>
/// <param name="Index">Position in the plan, from 0.</param>
/// <param name="WorkloadId">The workload to move.</param>
/// <param name="TenantId">Its owning tenant.</param>
/// <param name="FromZoneId">The zone it leaves.</param>
/// <param name="ToZoneId">The zone it goes to.</param>
/// <param name="Requests">What it requests (moves with it).</param>
/// <param name="MigrationCost">Its relative migration cost.</param>
/// <param name="Reason">Why it moves.</param>
/// <param name="State">Where the move is.</param>
/// <param name="System">The business system the workload belongs to (sent with the place command).</param>
/// <param name="MlpsLevel">The MLPS level the workload requires (sent with the place command).</param>
/// <param name="StartedAt">When execution of this move started (domain time); null while Pending or if Skipped.</param>
/// <param name="Deadline">When the placement must be Running in the target, or the move rolls back.</param>
/// <param name="FinishedAt">When the move reached Completed, RolledBack or Skipped.</param>
/// <param name="Message">What happened, in words: why it rolled back or was skipped, what it waits for.</param>
/// <param name="RollbackAttempts">How many remove commands the rollback has sent to the target.</param>
/// <param name="Spec">The workload's intent from the ledger when the move started; its place command carries it.</param>
[GenerateSerializer, Immutable, Alias("cloudgov.PlanMove")]
public sealed record PlanMove(
    [property: Id(0)] int Index,
    [property: Id(1)] string WorkloadId,
    [property: Id(2)] string TenantId,
    [property: Id(3)] string FromZoneId,
    [property: Id(4)] string ToZoneId,
    [property: Id(5)] ResourceVector Requests,
    [property: Id(6)] double MigrationCost,
    [property: Id(7)] PlanReason Reason,
    [property: Id(8)] MoveState State,
    [property: Id(9)] string System = "",
    [property: Id(10)] MlpsLevel MlpsLevel = MlpsLevel.Level2,
    [property: Id(11)] DateTimeOffset? StartedAt = null,
    [property: Id(12)] DateTimeOffset? Deadline = null,
    [property: Id(13)] DateTimeOffset? FinishedAt = null,
    [property: Id(14)] string Message = "",
    [property: Id(15)] int RollbackAttempts = 0,
    [property: Id(16)] WorkloadSpec? Spec = null)
{
    /// <summary>The id of the place command sent to the target's agent.</summary>
    public string PlaceCommandId(string planId) => $"{planId}.{Index}.place";

    /// <summary>The id of the remove command sent to the source's agent.</summary>
    public string RemoveCommandId(string planId) => $"{planId}.{Index}.remove";

    /// <summary>The id of the current rollback command (a remove sent to the target's agent).</summary>
    public string RollbackCommandId(string planId) => $"{planId}.{Index}.rollback.{RollbackAttempts}";
}
