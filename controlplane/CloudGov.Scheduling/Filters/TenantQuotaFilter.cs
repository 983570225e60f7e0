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
        _quota.Admits(context.Workload.TenantId, context.Workload.Requests, context.IsMigration, out ResourceVector remaining);
        ResourceVector rem = ResourceVector.Max(remaining, ResourceVector.Zero);
        return new Rejection(
            FilterName,
            ReasonCodes.TenantQuotaExceeded,
            $"tenant {context.Workload.TenantId} has {rem} quota left, the workload requests {context.Workload.Requests}",
            $"部门 {context.Workload.TenantId} 剩余配额 {rem}，不足以满足业务系统申请的 {context.Workload.Requests}");
    }
}
