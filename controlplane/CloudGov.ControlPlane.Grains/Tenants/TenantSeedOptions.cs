namespace CloudGov.ControlPlane.Grains.Tenants;

/// <summary>Tenants created at start when they do not exist yet (<c>Tenants:Seed</c>); never changes an existing tenant.</summary>
public sealed class TenantSeedOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Tenants";

    /// <summary>The tenants, in any order; parents are created before their children.</summary>
    public List<TenantSeedEntry> Seed { get; set; } = [];
}
