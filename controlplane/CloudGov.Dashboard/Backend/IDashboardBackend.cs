using System.Security.Claims;
using Google.Protobuf;

namespace CloudGov.Dashboard.Backend;

/// <summary>
/// What the dashboard needs from its host, implemented there over the host's own identity and gRPC services: the
/// dashboard holds no rule of its own. Sign-in validates a token exactly as a bearer token on the gRPC port is
/// validated; <see cref="MayCall"/> reads the host's one rule table; <see cref="CallAsync{TRequest, TResponse}"/> runs the
/// RPC's own service code in-process as the signed-in user, after the same rule check the gRPC port makes.
/// </summary>
public interface IDashboardBackend
{
    /// <summary>Validates <paramref name="token"/> as the gRPC API validates a bearer token.</summary>
    Task<DashboardSignIn> SignInAsync(string token, CancellationToken cancellationToken);

    /// <summary>True when <paramref name="user"/>'s role may call <paramref name="method"/> (<c>package.Service/Method</c>).</summary>
    bool MayCall(ClaimsPrincipal user, string method);

    /// <summary>
    /// Calls <paramref name="method"/> as <paramref name="user"/>: <c>PERMISSION_DENIED</c> (an <see cref="Grpc.Core.RpcException"/>)
    /// when the rule table refuses the role, otherwise whatever the RPC answers, with the same validation, tenant
    /// scoping and audit as over gRPC.
    /// </summary>
    Task<TResponse> CallAsync<TRequest, TResponse>(string method, TRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>;
}
