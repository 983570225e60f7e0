namespace CloudGov.ControlPlane.Grains.Tenants;

/// <summary>The hierarchy's bounds, so the grain's state and every sum stay bounded.</summary>
/// <param name="MaxTenants">The most tenants.</param>
/// <param name="MaxDepth">The deepest level (0 = roots only).</param>
/// <param name="MaxPendingPerTenant">The most pending requests one tenant may have.</param>
/// <param name="RetainedRequests">Decided requests kept (with their idempotency keys); the oldest decided beyond it are dropped.</param>
internal sealed record QuotaLimits(int MaxTenants, int MaxDepth, int MaxPendingPerTenant, int RetainedRequests)
{
    /// <summary>The defaults of <see cref="QuotaOptions"/>.</summary>
    public static QuotaLimits Default { get; } = new(10_000, 8, 16, 20_000);
}
