using CloudGov.ControlPlane.Abstractions.Tenants;

namespace CloudGov.ControlPlane.Grains.Tenants;

/// <summary>Turns the configured seed into tenant nodes and hands them to the quota grain (which adds only the missing ones).</summary>
public static class TenantSeeding
{
    /// <summary>Seeds the configured tenants; returns how many were added.</summary>
    public static Task<int> SeedAsync(IGrainFactory grains, TenantSeedOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Seed.Count == 0)
        {
            return Task.FromResult(0);
        }

        ImmutableArray<TenantNode> nodes = [.. options.Seed.Select(t => new TenantNode(t.Id, t.DisplayName.Length == 0 ? t.Id : t.DisplayName, t.Parent, t.Allocated, now))];
        return grains.GetGrain<ITenantQuotaGrain>(0).SeedAsync(nodes);
    }
}
