using CloudGov.Domain;

namespace CloudGov.Scheduling.Quota;

/// <summary>Why a tenant may not take more: the level of its ancestry that is short and what that level has left.</summary>
/// <param name="TenantId">The tenant asking.</param>
/// <param name="Level">The tenant id of the level that is short (the tenant itself or an ancestor).</param>
/// <param name="Remaining">What that level has left (negative components where it is over quota).</param>
/// <param name="Unknown">True when the tenant is not in the hierarchy at all.</param>
public sealed record QuotaShortfall(string TenantId, string Level, ResourceVector Remaining, bool Unknown = false)
{
    /// <summary>A readable account.</summary>
    public string Describe(ResourceVector additional) => Unknown
        ? $"tenant {TenantId} is not in the tenant hierarchy; an operator must create it before it can hold workloads"
        : Level == TenantId
            ? $"tenant {TenantId} has {ResourceVector.Max(Remaining, ResourceVector.Zero)} quota left, the workload needs {additional}"
            : $"tenant {TenantId}'s ancestor {Level} has {ResourceVector.Max(Remaining, ResourceVector.Zero)} quota left, the workload needs {additional}";
}
