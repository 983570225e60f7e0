using CloudGov.Domain;

namespace CloudGov.Scheduling.Filters;

/// <summary>Only <see cref="ZoneStatus.Ready"/> zones receive workloads.</summary>
public sealed class ZoneStatusFilter : IPlacementFilter
{
    /// <summary>The filter's name.</summary>
    public const string FilterName = "zone-status";

    /// <inheritdoc />
    public string Name => FilterName;

    /// <inheritdoc />
    public bool IsStatic => true;

    /// <inheritdoc />
    public bool Admits(in FilterContext context) => context.Zone.Status == ZoneStatus.Ready;

    /// <inheritdoc />
    public Rejection Explain(in FilterContext context) => context.Zone.EvacuationRule is { } rule
        ? new(
            FilterName,
            ReasonCodes.ZoneNotReady,
            $"zone {context.Zone.Id} is being evacuated for security baseline rule {rule}; it receives no workloads",
            $"云区 {context.Zone.Id} 因安全基线规则 {rule} 正在整体迁出，不再接收业务系统")
        : new(
            FilterName,
            ReasonCodes.ZoneNotReady,
            $"zone {context.Zone.Id} is {context.Zone.Status}, only Ready zones receive workloads",
            $"云区 {context.Zone.Id} 状态为{Chinese(context.Zone.Status)}，仅就绪云区可接收业务系统");

    /// <summary>The Chinese name of a zone status.</summary>
    public static string Chinese(ZoneStatus status) => status switch
    {
        ZoneStatus.Ready => "就绪",
        ZoneStatus.Degraded => "降级",
        ZoneStatus.Unreachable => "失联",
        ZoneStatus.Draining => "腾空中",
        ZoneStatus.Quarantined => "隔离",
        _ => "未知",
    };
}
