using System.Security.Claims;
using CloudGov.ControlPlane.Audit;
using CloudGov.ControlPlane.Grpc;
using CloudGov.ControlPlane.Security;
using CloudGov.Dashboard.Backend;
using Google.Protobuf;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace CloudGov.ControlPlane.Dashboard;

/// <summary>
/// The dashboard's way into the control plane: the host's own bearer-token validation for sign-in, the one rule table
/// (<see cref="RpcAccessRules"/>) for what a role is offered and allowed, and the gRPC services' own code for every read
/// and action, run in-process as the signed-in user (validation, tenant scoping and audit included).
/// </summary>
internal sealed class DashboardBackend(IServiceProvider services) : IDashboardBackend
{
    /// <inheritdoc />
    public async Task<DashboardSignIn> SignInAsync(string token, CancellationToken cancellationToken)
    {
        token = token.Trim();
        if (token.Length == 0)
        {
            return new DashboardSignIn(null, null, TokenFailures.Missing);
        }

        if (token.Length > IdentityHostExtensions.MaxTokenLength)
        {
            return new DashboardSignIn(null, null, $"the token is {token.Length} characters; at most {IdentityHostExtensions.MaxTokenLength} are read");
        }

        await using var scope = services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Headers.Authorization = $"Bearer {token}";
        var result = await http.AuthenticateAsync(IdentityHostExtensions.BearerScheme);
        if (!result.Succeeded)
        {
            return new DashboardSignIn(null, null, result.Failure?.Message ?? TokenFailures.Missing);
        }

        if (CallerContext.FromPrincipal(result.Principal) is not { } caller)
        {
            return new DashboardSignIn(null, null, "the token names no CloudGov caller (subject, role and, for tenants, tenant)");
        }

        var expires = result.Properties?.ExpiresUtc ?? DateTimeOffset.UtcNow.AddHours(1);
        return new DashboardSignIn(Principal(caller), expires, null);
    }

    /// <inheritdoc />
    public bool MayCall(ClaimsPrincipal user, string method) =>
        CallerContext.FromPrincipal(user) is { } caller && RpcAccessRules.Find(method) is { } rule && rule.Allows(caller.Role);

    /// <inheritdoc />
    public async Task<TResponse> CallAsync<TRequest, TResponse>(string method, TRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(request);
        var caller = CallerContext.FromPrincipal(user) ?? throw new RpcException(new Status(StatusCode.Unauthenticated, TokenFailures.Missing));
        var rule = RpcAccessRules.Find(method) ?? throw new RpcException(new Status(StatusCode.PermissionDenied, $"{method} has no access rule; RPCs without one are denied to every caller"));
        if (!rule.Allows(caller.Role))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"role '{TokenIssuer.RoleName(caller.Role)}' may not call {method}; allowed: {string.Join(", ", rule.Roles.Select(TokenIssuer.RoleName))}"));
        }

        await using var scope = services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider, User = user };
        var handler = Bind(method, scope.ServiceProvider).Find<TRequest, TResponse>(method)
            ?? throw new RpcException(new Status(StatusCode.Unimplemented, $"{method} is not a unary RPC of this host"));
        return await handler(request, new DashboardCallContext(method, http, cancellationToken));
    }

    /// <summary>The caller as the dashboard's cookie keeps it: subject, role and tenant, the claims the API reads.</summary>
    private static ClaimsPrincipal Principal(Caller caller)
    {
        var identity = new ClaimsIdentity(DashboardAuth.CookieScheme, CloudGovClaims.Subject, CloudGovClaims.Role);
        identity.AddClaim(new Claim(CloudGovClaims.Subject, caller.Subject));
        identity.AddClaim(new Claim(CloudGovClaims.Role, TokenIssuer.RoleName(caller.Role)));
        if (caller.TenantId is { } tenant)
        {
            identity.AddClaim(new Claim(CloudGovClaims.Tenant, tenant));
        }

        return new ClaimsPrincipal(identity);
    }

    private static UnaryMethodBinder Bind(string method, IServiceProvider provider)
    {
        var binder = new UnaryMethodBinder();
        var service = method[..Math.Max(0, method.IndexOf('/', StringComparison.Ordinal))];
        if (service == Proto.Operations.V1.OperationsService.Descriptor.FullName)
        {
            Proto.Operations.V1.OperationsService.BindService(binder, ActivatorUtilities.CreateInstance<OperationsApiService>(provider));
        }
        else if (service == Proto.Tenant.V1.QuotaService.Descriptor.FullName)
        {
            Proto.Tenant.V1.QuotaService.BindService(binder, ActivatorUtilities.CreateInstance<QuotaApiService>(provider));
        }
        else if (service == Proto.Audit.V1.AuditService.Descriptor.FullName)
        {
            Proto.Audit.V1.AuditService.BindService(binder, ActivatorUtilities.CreateInstance<AuditApiService>(provider));
        }
        else if (service == Proto.Baseline.V1.BaselineService.Descriptor.FullName)
        {
            Proto.Baseline.V1.BaselineService.BindService(binder, ActivatorUtilities.CreateInstance<BaselineApiService>(provider));
        }

        return binder;
    }
}
