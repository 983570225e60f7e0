using CloudGov.Domain;
using CloudGov.Scheduling.Quota;

namespace CloudGov.Scheduling.Filters;

/// <summary>The owning tenant's quota must cover the workload's requests (asked through <see cref="ITenantQuotaView"/>).</summary>
public sealed class TenantQuotaFilter(ITenantQuotaView quota) : IPlacementFilter
{
    /// <summary>The filter's name.</summary>
    public const string FilterName = "tenant-quota";

    private readonly ITenantQuotaView _quota = quota ?? throw new ArgumentNullException(nameof(quota));

    /// <inheritdoc />
    public string Name => FilterName;

    /// <inheritdoc />
    public bool IsStatic => false;

    /// <inheritdoc />
    public bool Admits(in FilterContext context) =>
        _quota.Admits(context.Workload.TenantId, context.Workload.Requests, context.IsMigration, out _);

    /// <inheritdoc />
    public Rejection Explain(in FilterContext context)
    {
        var w = context.Workload;
        if (_quota.Shortfall(w.TenantId, w.Requests, context.IsMigration) is { } shortfall)
        {
            return new Rejection(
                FilterName,
                ReasonCodes.TenantQuotaExceeded,
                $"{shortfall.Describe(w.Requests)} (level {shortfall.Level})",
                shortfall.Unknown
                    ? $"部门 {w.TenantId} 不在租户层级中，需由运维人员先创建"
                    : $"部门 {w.TenantId} 的层级 {shortfall.Level} 剩余配额 {ResourceVector.Max(shortfall.Remaining, ResourceVector.Zero)}，不足以满足业务系统申请的 {w.Requests}");
        }

        _quota.Admits(w.TenantId, w.Requests, context.IsMigration, out ResourceVector remaining);
        ResourceVector rem = ResourceVector.Max(remaining, ResourceVector.Zero);
        return new Rejection(
            FilterName,
            ReasonCodes.TenantQuotaExceeded,
            $"tenant {w.TenantId} has {rem} quota left, the workload requests {w.Requests}",
            $"部门 {w.TenantId} 剩余配额 {rem}，不足以满足业务系统申请的 {w.Requests}");
    }
}
