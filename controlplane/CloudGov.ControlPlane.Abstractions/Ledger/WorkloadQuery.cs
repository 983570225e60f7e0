namespace CloudGov.ControlPlane.Abstractions.Ledger;

/// <summary>A filter over ledger records; empty fields match everything.</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.WorkloadQuery")]
public sealed record WorkloadQuery(
    [property: Id(0)] string TenantId = "",
    [property: Id(1)] string System = "",
    [property: Id(2)] string Project = "",
    [property: Id(3)] string ZoneId = "",
    [property: Id(4)] ReconciliationState? State = null)
{
    /// <summary>True when <paramref name="record"/> passes the filter (zone: recorded or observed there).</summary>
    public bool Matches(WorkloadRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var i = record.Intent;
        return (TenantId.Length == 0 || string.Equals(i.TenantId, TenantId, StringComparison.Ordinal))
            && (System.Length == 0 || string.Equals(i.System, System, StringComparison.Ordinal))
            && (Project.Length == 0 || string.Equals(i.Project, Project, StringComparison.Ordinal))
            && (ZoneId.Length == 0 || string.Equals(record.ZoneId, ZoneId, StringComparison.Ordinal) || record.ObservedIn(ZoneId) is not null)
            && (State is null || record.State == State);
    }
}
