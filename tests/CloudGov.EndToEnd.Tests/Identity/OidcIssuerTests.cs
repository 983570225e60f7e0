using CloudGov.Proto.Operations.V1;
using CloudGov.Testing.Identity;
using Grpc.Core;

namespace CloudGov.EndToEnd.Tests.Identity;

/// <summary>
/// Tokens from an external OpenID Provider (a real oidc-provider on loopback): signing keys found by discovery, role
/// and tenant claims mapped, audience checked, and the control plane's own tokens still accepted beside them.
/// </summary>
public sealed class OidcIssuerTests
{
    private static OidcProviderProcess _provider = null!;
    private static ControlPlaneProcess _host = null!;
    private static Grpc.Net.Client.GrpcChannel _channel = null!;
    private static OperationsService.OperationsServiceClient _operations = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _provider = await OidcProviderProcess.StartAsync();
        _host = await ControlPlaneProcess.StartAsync(_provider.HostSettings());
        _channel = TestTokens.Channel(_host.GrpcAddress, anonymous: true);
        _operations = new OperationsService.OperationsServiceClient(_channel);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _channel.Dispose();
        await _host.DisposeAsync();
        await _provider.DisposeAsync();
    }

    [Test]
    public async Task ListPlans_OperatorTokenFromTheProvider_ServedWithTheMappedRole()
    {
        var token = await _provider.GetTokenAsync("cloudgov-ops", "ops-secret");

        var plans = await _operations.ListPlansAsync(new ListPlansRequest(), TestTokens.Bearer(token), DateTime.UtcNow.AddSeconds(30));

        Assert.That(plans.Plans, Is.Empty, "a fresh control plane has no plans, and the call was served");
    }

    [Test]
    public async Task ApprovePlan_AuditorTokenFromTheProvider_PermissionDenied()
    {
        var token = await _provider.GetTokenAsync("cloudgov-audit", "audit-secret");

        var denied = await Assert.ThrowsAsync<RpcException>(async () => await _operations.ApprovePlanAsync(
            new ApprovePlanRequest { PlanId = "plan-0123456789abcdef", Reason = "x" }, TestTokens.Bearer(token), DateTime.UtcNow.AddSeconds(30)));

        Assert.That(denied!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied), denied.Status.Detail);
        Assert.That(denied.Status.Detail, Does.Contain("auditor"));
    }

    [Test]
    public async Task ListWorkloads_TenantTokenFromTheProvider_OnlyItsDepartmentAndOtherTenantRefused()
    {
        var token = await _provider.GetTokenAsync("cloudgov-nn-dsj", "tenant-secret");

        var own = await _operations.ListWorkloadsAsync(new ListWorkloadsRequest(), TestTokens.Bearer(token), DateTime.UtcNow.AddSeconds(30));
        var other = await Assert.ThrowsAsync<RpcException>(async () => await _operations.ListWorkloadsAsync(
            new ListWorkloadsRequest { TenantId = "lz-gaj" }, TestTokens.Bearer(token), DateTime.UtcNow.AddSeconds(30)));

        Assert.That(own.Workloads, Is.Empty);
        Assert.That(other!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied), other.Status.Detail);
    }

    [Test]
    public async Task ListPlans_ProviderTokenForAnotherResource_UnauthenticatedSayingAudience()
    {
        var token = await _provider.GetTokenAsync("cloudgov-ops", "ops-secret", OidcProviderProcess.OtherResource);

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await _operations.ListPlansAsync(new ListPlansRequest(), TestTokens.Bearer(token), DateTime.UtcNow.AddSeconds(30)));

        Assert.That(refused!.StatusCode, Is.EqualTo(StatusCode.Unauthenticated));
        Assert.That(refused.Status.Detail, Does.Contain("audience"));
    }

    [Test]
    public async Task ListPlans_ProviderTokenWithoutARole_UnauthenticatedNamingTheRoleClaim()
    {
        var token = await _provider.GetTokenAsync("cloudgov-nobody", "nobody-secret");

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await _operations.ListPlansAsync(new ListPlansRequest(), TestTokens.Bearer(token), DateTime.UtcNow.AddSeconds(30)));

        Assert.That(refused!.StatusCode, Is.EqualTo(StatusCode.Unauthenticated));
        Assert.That(refused.Status.Detail, Does.Contain("'roles'"));
    }

    [Test]
    public async Task ListPlans_ProviderTokenWithChangedPayload_UnauthenticatedSayingSignature()
    {
        var parts = (await _provider.GetTokenAsync("cloudgov-nn-dsj", "tenant-secret")).Split('.');
        var payload = System.Text.Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[1]))
            .Replace("\"tenant\"", "\"bigdata-ops\"", StringComparison.Ordinal);
        var forged = $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await _operations.ListPlansAsync(new ListPlansRequest(), TestTokens.Bearer(forged), DateTime.UtcNow.AddSeconds(30)));

        Assert.That(refused!.StatusCode, Is.EqualTo(StatusCode.Unauthenticated));
        Assert.That(refused.Status.Detail, Does.Contain("signature"));
    }

    [Test]
    public async Task ListPlans_SelfSignedOperatorBesideTheProvider_StillServed()
    {
        var plans = await _operations.ListPlansAsync(new ListPlansRequest(), TestTokens.Bearer(TestTokens.Operator), DateTime.UtcNow.AddSeconds(30));

        Assert.That(plans.Plans, Is.Empty);
    }
}
