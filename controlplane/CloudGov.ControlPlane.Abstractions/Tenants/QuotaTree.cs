namespace CloudGov.ControlPlane.Abstractions.Tenants;

/// <summary>The hierarchy as it stands (committed): every tenant, for enforcement and reads.</summary>
/// <param name="Tenants">Every tenant.</param>
/// <param name="Version">Raised by every committed change.</param>
[GenerateSerializer, Immutable, Alias("cloudgov.QuotaTree")]
public sealed record QuotaTree(
    [property: Id(0)] ImmutableArray<TenantNode> Tenants,
    [property: Id(1)] long Version)
{
    /// <summary>No tenants: quota is not enforced.</summary>
    public static QuotaTree Empty { get; } = new([], 0);
}
