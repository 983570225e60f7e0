using CloudGov.ControlPlane.Security;
using Grpc.Net.Client;

namespace CloudGov.Testing.Identity;

/// <summary>
/// Bearer tokens the test hosts accept. Every host started through <see cref="ControlPlaneProcess"/>,
/// <see cref="HostProcess"/> or <see cref="HostSettings"/> trusts one signing key made for this test run, and their
/// <c>Channel</c>s send <see cref="Operator"/> unless a call names its own <c>authorization</c> header.
/// </summary>
public static class TestTokens
{
    /// <summary>The subject of <see cref="Operator"/>.</summary>
    public const string OperatorSubject = "test-operator";

    private static readonly Lazy<TokenIssuer> Issuer = new(() => TokenIssuer.FromOptions(new IdentityOptions { SigningKey = SigningKey }));
    private static readonly Lazy<string> OperatorToken = new(() => Issue(CallerRole.Operator, OperatorSubject, lifetime: TimeSpan.FromDays(1)));

    /// <summary>This test run's HS256 signing key (base64), made once per test process.</summary>
    public static string SigningKey { get; } = SigningKeys.Generate();

    /// <summary>An operator token valid for a day: what the test hosts' channels send by default.</summary>
    public static string Operator => OperatorToken.Value;

    /// <summary>The settings that make a host trust <see cref="SigningKey"/>; merge into any host's configuration.</summary>
    public static Dictionary<string, string?> HostSettings() => new()
    {
        [$"{IdentityOptions.SectionName}:{nameof(IdentityOptions.SigningKey)}"] = SigningKey,
    };

    /// <summary>A token for <paramref name="role"/>, <paramref name="subject"/> and (tenants only) <paramref name="tenantId"/>, valid for an hour by default.</summary>
    public static string Issue(CallerRole role, string subject, string? tenantId = null, TimeSpan? lifetime = null, DateTimeOffset? issuedAt = null) =>
        Issuer.Value.Issue(subject, role, tenantId, lifetime ?? TimeSpan.FromHours(1), issuedAt ?? DateTimeOffset.UtcNow);

    /// <summary>A tenant token for <paramref name="tenantId"/> (subject <c>tenant-admin@{tenantId}</c> unless named).</summary>
    public static string Tenant(string tenantId, string? subject = null) => Issue(CallerRole.Tenant, subject ?? $"tenant-admin@{tenantId}", tenantId);

    /// <summary>An auditor token.</summary>
    public static string Auditor(string subject = "test-auditor") => Issue(CallerRole.Auditor, subject);

    /// <summary>gRPC metadata carrying <paramref name="token"/> (overrides a channel's default token for one call).</summary>
    public static Grpc.Core.Metadata Bearer(string token) => new() { { "authorization", $"Bearer {token}" } };

    /// <summary>
    /// A channel to <paramref name="address"/> that sends <paramref name="token"/> (default <see cref="Operator"/>; null:
    /// no token) on every call that does not carry its own <c>authorization</c> header.
    /// </summary>
    public static GrpcChannel Channel(Uri address, string? token = null, GrpcChannelOptions? options = null, bool anonymous = false)
    {
        options ??= new GrpcChannelOptions();
        var inner = options.HttpHandler ?? new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        options.HttpHandler = anonymous ? inner : new DefaultTokenHandler(token ?? Operator) { InnerHandler = inner };
        return GrpcChannel.ForAddress(address, options);
    }

    /// <summary>Adds <c>authorization: Bearer …</c> to requests that have none.</summary>
    private sealed class DefaultTokenHandler(string token) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Headers.Authorization is null)
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
