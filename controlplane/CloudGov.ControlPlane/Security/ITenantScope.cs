namespace CloudGov.ControlPlane.Security;

/// <summary>
/// Decides whether a tenant caller may see and change another tenant's data: is <c>tenantId</c> the caller's own tenant
/// or within its subtree? The default (<see cref="SameTenantScope"/>) allows only the caller's own tenant; the tenant
/// hierarchy registers its own implementation (<c>services.Replace(ServiceDescriptor.Singleton&lt;ITenantScope, …&gt;())</c>).
/// </summary>
public interface ITenantScope
{
    /// <summary>True when <paramref name="tenantId"/> is <paramref name="callerTenantId"/> or one of its descendants.</summary>
    ValueTask<bool> IsWithinAsync(string callerTenantId, string tenantId, CancellationToken cancellationToken);

    /// <summary>The ids of <paramref name="callerTenantId"/> and every tenant below it (without a hierarchy: the tenant itself).</summary>
    ValueTask<ImmutableArray<string>> SubtreeAsync(string callerTenantId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ImmutableArray.Create(callerTenantId));
}
