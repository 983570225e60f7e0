using Microsoft.AspNetCore.Http;

namespace CloudGov.ControlPlane.Dashboard;

/// <summary>
/// The call context of an RPC the dashboard runs in-process: the service reads the caller from
/// <see cref="HttpContext.User"/> (through <c>GetHttpContext()</c>, which Grpc.AspNetCore resolves from
/// <see cref="ServerCallContext.UserState"/>), exactly as for a call that came over the gRPC port.
/// </summary>
internal sealed class DashboardCallContext : ServerCallContext
{
    /// <summary>The key Grpc.AspNetCore's <c>GetHttpContext()</c> reads when the context is not its own.</summary>
    private const string HttpContextKey = "__HttpContext";

    private readonly string _method;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<object, object> _userState = [];

    public DashboardCallContext(string method, HttpContext http, CancellationToken cancellationToken)
    {
        _method = "/" + method;
        _cancellationToken = cancellationToken;
        _userState[HttpContextKey] = http;
    }

    protected override string MethodCore => _method;

    protected override string HostCore => "dashboard";

    protected override string PeerCore => "dashboard";

    protected override DateTime DeadlineCore => DateTime.MaxValue;

    protected override Metadata RequestHeadersCore { get; } = [];

    protected override CancellationToken CancellationTokenCore => _cancellationToken;

    protected override Metadata ResponseTrailersCore { get; } = [];

    protected override Status StatusCore { get; set; }

    protected override WriteOptions? WriteOptionsCore { get; set; }

    protected override AuthContext AuthContextCore { get; } = new(null, []);

    protected override IDictionary<object, object> UserStateCore => _userState;

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        throw new NotSupportedException("the dashboard's in-process calls do not propagate to further calls");

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
}
