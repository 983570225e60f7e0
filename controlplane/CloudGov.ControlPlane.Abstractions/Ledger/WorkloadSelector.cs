namespace CloudGov.ControlPlane.Abstractions.Ledger;

/// <summary>Which records an intent change applies to; criteria combine with AND, empty ones match everything.</summary>
/// <param name="WorkloadIds">These workloads; an id without a record is registered.</param>
/// <param name="TenantId">Every workload of this tenant.</param>
/// <param name="System">Every workload of this system.</param>
/// <param name="Project">Every workload of this project.</param>
/// <param name="ZoneId">Every workload recorded in this zone.</param>
/// <param name="Labels">Every workload whose intent carries all these labels.</param>
[GenerateSerializer, Immutable, Alias("cloudgov.WorkloadSelector")]
public sealed record WorkloadSelector(
    [property: Id(0)] ImmutableArray<string> WorkloadIds = default,
    [property: Id(1)] string TenantId = "",
    [property: Id(2)] string System = "",
    [property: Id(3)] string Project = "",
    [property: Id(4)] string ZoneId = "",
    [property: Id(5)] ImmutableArray<WorkloadLabel> Labels = default,
    [property: Id(6)] ImmutableArray<string> TenantIds = default)
{
    /// <summary>True when no criterion is given.</summary>
    public bool IsEmpty => WorkloadIds.IsDefaultOrEmpty && TenantId.Length == 0 && System.Length == 0 && Project.Length == 0 && ZoneId.Length == 0 && Labels.IsDefaultOrEmpty && TenantIds.IsDefaultOrEmpty;

    /// <summary>True when <paramref name="record"/> matches every criterion.</summary>
    public bool Matches(WorkloadRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var intent = record.Intent;
        return (WorkloadIds.IsDefaultOrEmpty || WorkloadIds.Contains(intent.WorkloadId, StringComparer.Ordinal))
            && (TenantId.Length == 0 || string.Equals(intent.TenantId, TenantId, StringComparison.Ordinal))
            && (TenantIds.IsDefaultOrEmpty || TenantIds.Contains(intent.TenantId, StringComparer.Ordinal))
            && (System.Length == 0 || string.Equals(intent.System, System, StringComparison.Ordinal))
            && (Project.Length == 0 || string.Equals(intent.Project, Project, StringComparison.Ordinal))
            && (ZoneId.Length == 0 || string.Equals(record.ZoneId, ZoneId, StringComparison.Ordinal))
            && (Labels.IsDefaultOrEmpty || Labels.All(l => string.Equals(intent.Label(l.Key), l.Value, StringComparison.Ordinal)));
    }
}
