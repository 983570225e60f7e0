using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace CloudGov.ControlPlane.Security;

/// <summary>
/// Turns an authorization refusal of a gRPC call into a gRPC status: no or a bad token → <c>UNAUTHENTICATED</c> saying
/// why (expired, signature, audience, unsigned); a role the rule does not allow → <c>PERMISSION_DENIED</c> naming the
/// rule. Plain HTTP requests get the framework's 401/403.
/// </summary>
internal sealed class GrpcAuthorizationResultHandler(IdentityLog log) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded || !GrpcStatusResponse.IsGrpc(context))
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var method = RpcAccessRequirement.MethodOf(context) ?? context.Request.Path.Value ?? string.Empty;
        if (authorizeResult.Challenged)
        {
            // The handlers cache their result per request: this reads the failure the authentication middleware saw.
            var authentication = await context.AuthenticateAsync();
            var reason = authentication.Failure?.Message ?? TokenFailures.Missing;
            log.Unauthenticated(method, reason);
            await GrpcStatusResponse.WriteAsync(context, StatusCode.Unauthenticated, reason);
            return;
        }

        var denied = authorizeResult.AuthorizationFailure?.FailureReasons.Select(r => r.Message).FirstOrDefault()
            ?? $"{method} is not allowed for this caller";
        log.Denied(method, CallerContext.FromPrincipal(context.User)?.Subject ?? "(none)", denied);
        await GrpcStatusResponse.WriteAsync(context, StatusCode.PermissionDenied, denied);
    }
}
