using CloudGov.ControlPlane.Security;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>
/// How the operations API narrows a tenant caller to its subtree (<see cref="ITenantScope"/>): a request naming another
/// tenant is <c>PERMISSION_DENIED</c>, a record of another tenant reads as not found, and operators and auditors pass.
/// </summary>
internal static class TenantAccess
{
    /// <summary>True when <paramref name="caller"/> may see or change data of <paramref name="tenantId"/>.</summary>
    public static async ValueTask<bool> MayReachAsync(this ITenantScope scope, Caller caller, string tenantId, CancellationToken cancellationToken) =>
        caller.Role != CallerRole.Tenant || await scope.IsWithinAsync(caller.TenantId!, tenantId, cancellationToken);

    /// <summary>
    /// The tenant filter to use for a tenant caller: <paramref name="requested"/> when it lies within the caller's subtree,
    /// the caller's own tenant when none was named; <c>PERMISSION_DENIED</c> otherwise. Other roles get
    /// <paramref name="requested"/> unchanged.
    /// </summary>
    public static async ValueTask<string> NarrowAsync(this ITenantScope scope, Caller caller, string requested, string field, CancellationToken cancellationToken)
    {
        if (caller.Role != CallerRole.Tenant)
        {
            return requested;
        }

        if (requested.Length == 0)
        {
            return caller.TenantId!;
        }

        await scope.EnsureWithinAsync(caller, requested, field, cancellationToken);
        return requested;
    }

    /// <summary><c>PERMISSION_DENIED</c> unless <paramref name="caller"/> may act for <paramref name="tenantId"/>.</summary>
    public static async ValueTask EnsureWithinAsync(this ITenantScope scope, Caller caller, string tenantId, string field, CancellationToken cancellationToken)
    {
        if (!await scope.MayReachAsync(caller, tenantId, cancellationToken))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"{field}: a tenant caller acts only within its own tenant '{caller.TenantId}' and its subtree; this request names another tenant"));
        }
    }
}
