namespace CloudGov.ControlPlane.Grains.Placement;

/// <summary>Source-generated log messages of the placement grain.</summary>
internal static partial class PlacementGrainLog
{
    [LoggerMessage(201, LogLevel.Information, "Workload {WorkloadId} placed in zone {ZoneId}: command {CommandId}, deadline {Deadline:O}")]
    public static partial void Placed(ILogger logger, string workloadId, string zoneId, string commandId, DateTimeOffset deadline);

    [LoggerMessage(202, LogLevel.Information, "Workload {WorkloadId} not placed: {Outcome} {Reason}")]
    public static partial void NotPlaced(ILogger logger, string workloadId, Abstractions.Placement.PlacementOutcome outcome, string reason);

    [LoggerMessage(204, LogLevel.Warning, "Place command {CommandId} for workload {WorkloadId} could not be stored by zone {ZoneId}; its room stays reserved until the zone says it does not have it")]
    public static partial void EnqueueFailed(ILogger logger, string commandId, string workloadId, string zoneId, Exception exception);
}
