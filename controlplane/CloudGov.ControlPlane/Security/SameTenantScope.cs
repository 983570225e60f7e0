namespace CloudGov.ControlPlane.Security;

/// <summary>The default tenant scope: a tenant caller reaches its own tenant only (no hierarchy known).</summary>
internal sealed class SameTenantScope : ITenantScope
{
    public ValueTask<bool> IsWithinAsync(string callerTenantId, string tenantId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(string.Equals(callerTenantId, tenantId, StringComparison.Ordinal));
}
