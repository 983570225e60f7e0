using System.Text;
using CloudGov.ControlPlane.Security;
using CloudGov.Proto.Operations.V1;
using CloudGov.Testing.Identity;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.IdentityModel.Tokens;

namespace CloudGov.EndToEnd.Tests.Identity;

/// <summary>
/// Bearer tokens at the wire: none, expired, re-signed, tampered, for another audience or issuer, unsigned (alg none),
/// not a JWT — each UNAUTHENTICATED with a message that says which, never echoing the token; a good one is served.
/// </summary>
public sealed class TokenValidationTests
{
    private static ControlPlaneProcess _host = null!;
    private static OperationsService.OperationsServiceClient _anonymous = null!;
    private static Grpc.Net.Client.GrpcChannel _anonymousChannel = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _host = await ControlPlaneProcess.StartAsync();
        _anonymousChannel = TestTokens.Channel(_host.GrpcAddress, anonymous: true);
        _anonymous = new OperationsService.OperationsServiceClient(_anonymousChannel);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _anonymousChannel.Dispose();
        await _host.DisposeAsync();
    }

    [Test]
    public async Task ListPlans_NoToken_UnauthenticatedSayingATokenIsNeeded()
    {
        var refused = await RefusedAsync(null);

        Assert.That(refused.Status.Detail, Does.Contain("needs a bearer token"));
    }

    [Test]
    public async Task ListPlans_OperatorToken_Served()
    {
        var plans = await _anonymous.ListPlansAsync(new ListPlansRequest(), TestTokens.Bearer(TestTokens.Operator));

        Assert.That(plans.Plans, Is.Not.Null);
    }

    [Test]
    public async Task ListPlans_ExpiredToken_UnauthenticatedSayingExpired()
    {
        var token = TestTokens.Issue(CallerRole.Operator, "late", lifetime: TimeSpan.FromMinutes(5), issuedAt: DateTimeOffset.UtcNow.AddHours(-1));

        var refused = await RefusedAsync(token);

        Assert.That(refused.Status.Detail, Does.Contain("expired"));
    }

    [Test]
    public async Task ListPlans_TokenSignedWithAnotherKey_UnauthenticatedSayingSignature()
    {
        var other = new TokenIssuer(new SymmetricSecurityKey(Convert.FromBase64String(SigningKeys.Generate())), "cloudgov-controlplane", "cloudgov");
        var token = other.Issue("mallory", CallerRole.Operator, null, TimeSpan.FromHours(1), DateTimeOffset.UtcNow);

        var refused = await RefusedAsync(token);

        Assert.That(refused.Status.Detail, Does.Contain("signature does not verify"));
    }

    [Test]
    public async Task ListPlans_TenantTokenRewrittenToOperator_UnauthenticatedSayingSignature()
    {
        var parts = TestTokens.Tenant("nn-dsj").Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("\"tenant\"", "\"operator\"", StringComparison.Ordinal);
        var forged = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        var refused = await RefusedAsync(forged);

        Assert.That(refused.Status.Detail, Does.Contain("signature does not verify"));
    }

    [Test]
    public async Task ListPlans_TokenForAnotherAudience_UnauthenticatedSayingAudience()
    {
        var issuer = new TokenIssuer(new SymmetricSecurityKey(Convert.FromBase64String(TestTokens.SigningKey)), "cloudgov-controlplane", "another-service");
        var token = issuer.Issue("alice", CallerRole.Operator, null, TimeSpan.FromHours(1), DateTimeOffset.UtcNow);

        var refused = await RefusedAsync(token);

        Assert.That(refused.Status.Detail, Does.Contain("audience"));
    }

    [Test]
    public async Task ListPlans_TokenFromAnotherIssuer_UnauthenticatedSayingIssuer()
    {
        var issuer = new TokenIssuer(new SymmetricSecurityKey(Convert.FromBase64String(TestTokens.SigningKey)), "someone-else", "cloudgov");
        var token = issuer.Issue("alice", CallerRole.Operator, null, TimeSpan.FromHours(1), DateTimeOffset.UtcNow);

        var refused = await RefusedAsync(token);

        Assert.That(refused.Status.Detail, Does.Contain("issuer"));
    }

    [Test]
    public async Task ListPlans_UnsignedAlgNoneToken_UnauthenticatedSayingUnsigned()
    {
        var payload = TestTokens.Operator.Split('.')[1];
        var unsigned = $"{Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{payload}.";

        var refused = await RefusedAsync(unsigned);

        Assert.That(refused.Status.Detail, Does.Contain("unsigned"));
    }

    [Test]
    public async Task ListPlans_NotAJwt_UnauthenticatedSayingMalformed()
    {
        var refused = await RefusedAsync("not-a-jwt-at-all");

        Assert.That(refused.Status.Detail, Does.Contain("well-formed"));
    }

    [Test]
    public async Task ListPlans_TokenWithoutCloudGovRole_UnauthenticatedSayingWhichClaims()
    {
        var key = new SymmetricSecurityKey(Convert.FromBase64String(TestTokens.SigningKey));
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "cloudgov-controlplane",
            Audience = "cloudgov",
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object> { ["sub"] = "alice", ["cloudgov_role"] = "root" },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });

        var refused = await RefusedAsync(token);

        Assert.That(refused.Status.Detail, Does.Contain("cloudgov_role"));
    }

    [Test]
    public async Task HealthCheck_NoToken_Serving()
    {
        var health = await new Health.HealthClient(_anonymousChannel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(15));

        Assert.That(health.Status, Is.EqualTo(HealthCheckResponse.Types.ServingStatus.Serving));
    }

    [Test]
    public async Task HealthCheck_GarbageToken_StillServing()
    {
        var health = await new Health.HealthClient(_anonymousChannel).CheckAsync(new HealthCheckRequest(), TestTokens.Bearer("garbage"), DateTime.UtcNow.AddSeconds(15));

        Assert.That(health.Status, Is.EqualTo(HealthCheckResponse.Types.ServingStatus.Serving));
    }

    /// <summary>Calls ListPlans with <paramref name="token"/> (null: none) and returns the refusal; checks the token is not echoed.</summary>
    private static async Task<RpcException> RefusedAsync(string? token)
    {
        var headers = token is null ? new Metadata() : TestTokens.Bearer(token);
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await _anonymous.ListPlansAsync(new ListPlansRequest(), headers, DateTime.UtcNow.AddSeconds(15)));
        Assert.That(refused!.StatusCode, Is.EqualTo(StatusCode.Unauthenticated), refused.Status.Detail);
        if (token is { Length: > 8 })
        {
            Assert.That(refused.Status.Detail, Does.Not.Contain(token[..8]), "the message must not echo the token");
        }

        return refused;
    }
}
