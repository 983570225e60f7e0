using System.Security.Claims;

namespace CloudGov.ControlPlane.Security;

/// <summary>Reads the <see cref="Caller"/> of an RPC from the principal the authentication middleware validated.</summary>
public static class CallerContext
{
    /// <summary>The caller of this RPC; <c>UNAUTHENTICATED</c> when the call carries no usable identity.</summary>
    public static Caller GetCaller(this ServerCallContext context) =>
        FromPrincipal(context.GetHttpContext().User)
        ?? throw new RpcException(new Status(StatusCode.Unauthenticated, "this RPC needs a bearer token naming a subject and a CloudGov role"));

    /// <summary>The caller a validated principal names, or null when it names no subject or no known role.</summary>
    public static Caller? FromPrincipal(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var subject = principal.FindFirst(CloudGovClaims.Subject)?.Value;
        var role = principal.FindFirst(CloudGovClaims.Role)?.Value switch
        {
            "tenant" => CallerRole.Tenant,
            "operator" => CallerRole.Operator,
            "auditor" => CallerRole.Auditor,
            _ => (CallerRole?)null,
        };
        if (string.IsNullOrEmpty(subject) || role is null)
        {
            return null;
        }

        var tenant = principal.FindFirst(CloudGovClaims.Tenant)?.Value;
        if (role == CallerRole.Tenant && string.IsNullOrEmpty(tenant))
        {
            return null;
        }

        return new Caller(subject, role.Value, role == CallerRole.Tenant ? tenant : null);
    }
}
