namespace CloudGov.ControlPlane.Grains.Tenants;

/// <summary>The tenant hierarchy's bounds and the auto-approval policy (<c>Quota</c>).</summary>
public sealed class QuotaOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Quota";

    /// <summary>The largest amount in any dimension of a request or allocation (2^40), so no sum over the tree can overflow.</summary>
    public const long MaxAmount = 1L << 40;

    /// <summary>The most tenants. Default 10,000; 1 to 100,000.</summary>
    public int MaxTenants { get; set; } = 10_000;

    /// <summary>The deepest level below a root (province 0 → city 1 → county 2 → department 3 …). Default 8; 1 to 16.</summary>
    public int MaxDepth { get; set; } = 8;

    /// <summary>The most pending requests per tenant. Default 16; 1 to 1,000.</summary>
    public int MaxPendingPerTenant { get; set; } = 16;

    /// <summary>Decided requests kept, with their idempotency keys (a retry older than that is a new request). Default 20,000; 100 to 1,000,000.</summary>
    public int RetainedRequests { get; set; } = 20_000;

    /// <summary>The auto-approval policy.</summary>
    public QuotaAutoApprovalOptions AutoApproval { get; set; } = new();

    /// <summary>The bounds as the book uses them.</summary>
    internal QuotaLimits Limits => new(MaxTenants, MaxDepth, MaxPendingPerTenant, RetainedRequests);
}
