namespace CloudGov.ControlPlane.Abstractions.Ledger;

/// <summary>
/// A filter over ledger records; empty fields match everything. <see cref="TenantIds"/>, when not empty, admits only
/// records of those tenants (a tenant caller's subtree), on top of <see cref="TenantId"/>; it must be sorted ordinally
/// (<see cref="ForTenants"/> sorts it).
/// </summary>
[GenerateSerializer, Immutable, Alias("cloudgov.WorkloadQuery")]
public sealed record WorkloadQuery(
    [property: Id(0)] string TenantId = "",
    [property: Id(1)] string System = "",
    [property: Id(2)] string Project = "",
    [property: Id(3)] string ZoneId = "",
    [property: Id(4)] ReconciliationState? State = null,
    [property: Id(5)] ImmutableArray<string> TenantIds = default)
{
    /// <summary>True when <paramref name="record"/> passes the filter (zone: recorded or observed there).</summary>
    public bool Matches(WorkloadRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var i = record.Intent;
        return (TenantId.Length == 0 || string.Equals(i.TenantId, TenantId, StringComparison.Ordinal))
            && (TenantIds.IsDefaultOrEmpty || TenantIds.BinarySearch(i.TenantId, StringComparer.Ordinal) >= 0)
            && (System.Length == 0 || string.Equals(i.System, System, StringComparison.Ordinal))
            && (Project.Length == 0 || string.Equals(i.Project, Project, StringComparison.Ordinal))
            && (ZoneId.Length == 0 || string.Equals(record.ZoneId, ZoneId, StringComparison.Ordinal) || record.ObservedIn(ZoneId) is not null)
            && (State is null || record.State == State);
    }

    /// <summary>This filter restricted to the records of <paramref name="tenantIds"/> (sorted here for the lookup).</summary>
    public WorkloadQuery ForTenants(IEnumerable<string> tenantIds) => this with { TenantIds = [.. tenantIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)] };
}
