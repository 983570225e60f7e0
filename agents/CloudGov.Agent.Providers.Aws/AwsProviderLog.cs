using Microsoft.Extensions.Logging;

namespace CloudGov.Agent.Providers.Aws;

/// <summary>The AWS provider's log messages.</summary>
internal static partial class AwsProviderLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Zone {ZoneId}: EC2 observation failed, reporting Degraded: {Reason}")]
    public static partial void ObservationFailed(ILogger logger, string zoneId, string reason);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Zone {ZoneId}: EC2 answers again; the zone is no longer degraded")]
    public static partial void Recovered(ILogger logger, string zoneId);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Zone {ZoneId}: placed workload {WorkloadId} as instance {InstanceId} ({InstanceType}) with security group {GroupId}")]
    public static partial void Placed(ILogger logger, string zoneId, string workloadId, string instanceId, string instanceType, string groupId);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Zone {ZoneId}: terminated {Count} instance(s) of workload {WorkloadId}")]
    public static partial void Removed(ILogger logger, string zoneId, string workloadId, int count);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Zone {ZoneId}: {Kind} of workload {WorkloadId} failed: {Reason}")]
    public static partial void CommandFailed(ILogger logger, string zoneId, string kind, string workloadId, string reason);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Zone {ZoneId}: deleted security group {GroupId}, no longer used by workload {WorkloadId}")]
    public static partial void GroupDeleted(ILogger logger, string zoneId, string groupId, string workloadId);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "Zone {ZoneId}: instance {InstanceId} of workload {WorkloadId} is not reported: {Reason}")]
    public static partial void InstanceSkipped(ILogger logger, string zoneId, string instanceId, string workloadId, string reason);
}
