namespace CloudGov.ControlPlane.Abstractions.Tenants;

/// <summary>One tenant (部门) of the hierarchy: its place in the tree and its allocation. Stored; ids never reused.</summary>
/// <param name="TenantId">The tenant's id (the workloads' tenant_id).</param>
/// <param name="DisplayName">Its display name.</param>
/// <param name="ParentId">Its parent's id; empty for a root.</param>
/// <param name="Allocated">Its allocated quota.</param>
/// <param name="UpdatedAt">When it last changed.</param>
[GenerateSerializer, Immutable, Alias("cloudgov.TenantNode")]
public sealed record TenantNode(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] string ParentId,
    [property: Id(3)] ResourceVector Allocated,
    [property: Id(4)] DateTimeOffset UpdatedAt)
{
    /// <summary>True for a root (no parent).</summary>
    public bool IsRoot => ParentId.Length == 0;
}
