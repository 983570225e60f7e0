using CloudGov.Cli.Config;
using CloudGov.Proto.Audit.V1;
using CloudGov.Proto.Baseline.V1;
using CloudGov.Proto.Operations.V1;
using CloudGov.Proto.Tenant.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace CloudGov.Cli.Connection;

/// <summary>One gRPC channel to the control plane with the caller's bearer token and a deadline on every call.</summary>
internal sealed class ControlPlaneConnection : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly Metadata _headers;
    private readonly TimeSpan _timeout;

    private ControlPlaneConnection(Uri server, string token, TimeSpan timeout)
    {
        Server = server;
        _timeout = timeout;
        _headers = new Metadata { { "authorization", $"Bearer {token}" } };
        _channel = GrpcChannel.ForAddress(server, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(Math.Min(10, timeout.TotalSeconds)) },
            MaxReceiveMessageSize = 64 * 1024 * 1024,
        });
        Operations = new OperationsService.OperationsServiceClient(_channel);
        Quota = new QuotaService.QuotaServiceClient(_channel);
        Audit = new AuditService.AuditServiceClient(_channel);
        Baseline = new BaselineService.BaselineServiceClient(_channel);
    }

    /// <summary>The control plane's address.</summary>
    public Uri Server { get; }

    /// <summary>The operations API.</summary>
    public OperationsService.OperationsServiceClient Operations { get; }

    /// <summary>The tenant and quota API.</summary>
    public QuotaService.QuotaServiceClient Quota { get; }

    /// <summary>The audit API.</summary>
    public AuditService.AuditServiceClient Audit { get; }

    /// <summary>The security baseline API (rules, findings, waivers, compliance).</summary>
    public BaselineService.BaselineServiceClient Baseline { get; }

    /// <summary>Options for one call: the token, the deadline, cancellation.</summary>
    public CallOptions Call(CancellationToken cancellationToken) =>
        new(headers: _headers, deadline: DateTime.UtcNow + _timeout, cancellationToken: cancellationToken);

    /// <summary>Options for a stream that lasts as long as what it follows (<c>plans watch</c>): the token and cancellation, no deadline.</summary>
    public CallOptions Stream(CancellationToken cancellationToken) =>
        new(headers: _headers, cancellationToken: cancellationToken);

    /// <summary>
    /// Opens the connection the global options and the config name: <c>--context</c> (else the current context),
    /// <c>--server</c> over the context's server, <c>$CLOUDGOV_TOKEN</c> over the context's token.
    /// </summary>
    public static ControlPlaneConnection Open(GlobalSettings settings, CliEnvironment environment)
    {
        var store = ConfigStore.For(environment);
        var config = store.Load();
        CliContext? context = null;
        if (settings.Context is { Length: > 0 } named)
        {
            context = config.Find(named) ?? throw new CliUsageException(
                $"no context '{named}' in {store.Path}; known: {Known(config)} (cloudgov context list)");
        }
        else if (config.CurrentContext is { Length: > 0 } current)
        {
            context = config.Find(current) ?? throw new CliUsageException(
                $"the current context '{current}' is not in {store.Path}; choose one with 'cloudgov context use <name>' (known: {Known(config)})");
        }

        var serverText = settings.Server ?? context?.Server;
        if (serverText is not { Length: > 0 })
        {
            throw new CliUsageException($"no control plane address: run 'cloudgov login <name> --server http://127.0.0.1:5100 …' first, or pass --server");
        }

        var server = ParseServer(serverText);
        var token = TokenReader.Read(context, environment);
        return new ControlPlaneConnection(server, token, settings.Timeout);
    }

    /// <summary>An http(s) address with a host and no path, e.g. <c>http://127.0.0.1:5100</c>.</summary>
    public static Uri ParseServer(string text)
    {
        if (text.Length > 2048 || !Uri.TryCreate(text, UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
        {
            throw new CliUsageException($"the server address '{Shorten(text)}' is not an http:// or https:// address with a host, e.g. http://127.0.0.1:5100");
        }

        return uri;
    }

    /// <summary>At most 40 characters of <paramref name="value"/>, for messages that must not echo a long value.</summary>
    public static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    /// <inheritdoc/>
    public void Dispose() => _channel.Dispose();

    private static string Known(CliConfig config) =>
        config.Contexts.Count == 0 ? "none" : string.Join(", ", config.Contexts.Select(c => c.Name));
}
