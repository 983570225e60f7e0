using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace CloudGov.ControlPlane.Security;

/// <summary>
/// The fallback authorization policy's one requirement: the endpoint is an RPC with a row in <see cref="RpcAccessRules"/>
/// that admits this caller. Anything else — a plain HTTP path or an RPC without a row — is denied.
/// </summary>
internal sealed class RpcAccessRequirement : AuthorizationHandler<RpcAccessRequirement>, IAuthorizationRequirement
{
    /// <summary>The method name of the call's endpoint, or null when it is not a gRPC method.</summary>
    public static string? MethodOf(HttpContext? http) =>
        http?.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method.FullName.TrimStart('/');

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RpcAccessRequirement requirement)
    {
        var method = MethodOf(context.Resource as HttpContext);
        if (method is null)
        {
            context.Fail(new AuthorizationFailureReason(this, "this endpoint has no access rule; everything without one is denied"));
            return Task.CompletedTask;
        }

        var rule = RpcAccessRules.Find(method);
        if (rule is null)
        {
            context.Fail(new AuthorizationFailureReason(this, $"{method} has no access rule; RPCs without one are denied to every caller"));
            return Task.CompletedTask;
        }

        if (rule.Access is RpcAccess.Anonymous or RpcAccess.ClientCertificate)
        {
            context.Succeed(requirement);
            return Task.CompletedTask;
        }

        var caller = CallerContext.FromPrincipal(context.User);
        if (caller is null)
        {
            context.Fail(new AuthorizationFailureReason(this, TokenFailures.Missing));
        }
        else if (!rule.Allows(caller.Role))
        {
            context.Fail(new AuthorizationFailureReason(this, $"role '{TokenIssuer.RoleName(caller.Role)}' may not call {method}; allowed: {string.Join(", ", rule.Roles.Select(TokenIssuer.RoleName))}"));
        }
        else
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
