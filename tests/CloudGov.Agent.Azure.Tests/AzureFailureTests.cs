using System.Net;

namespace CloudGov.Agent.Azure.Tests;

/// <summary>ARM refusing the token, throttling, stalling, an untrusted certificate, a credential failing: Degraded with the reason, never an exception.</summary>
public sealed class AzureFailureTests
{
    private FakeArm _arm = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _arm = await FakeArm.StartAsync();
        _arm.Seed(FakeArm.VmId("steady-01"), ArmJson.Vm("Standard_B2s", new Dictionary<string, string> { ["cloudgov.io:tenant"] = "nn-dsj" }, encryptionAtHost: true));
    }

    [TearDown]
    public async Task StopAsync() => await _arm.DisposeAsync();

    [Test]
    public async Task Observe_ArmRejectsTheToken_DegradedWithTheReasonAndTheLastInventoryThenRecovers()
    {
        var provider = TestProviders.For(_arm);
        var healthy = await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);
        _arm.AcceptToken = false;

        var refused = await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.That(refused.Degraded, Is.True);
        Assert.That(refused.DegradedReason, Does.Contain("rejected the credential (401 InvalidAuthenticationToken)").And.Contain("The access token is invalid."));
        Assert.That(refused.Workloads.Select(w => w.WorkloadId), Is.EqualTo(healthy.Workloads.Select(w => w.WorkloadId)), "no workload vanishes because ARM refused");
        _arm.AcceptToken = true;
        var recovered = await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.That(recovered.Degraded, Is.False);
        Assert.That(recovered.DegradedReason, Is.Null);
    }

    [Test]
    public async Task Observe_Forbidden_DegradedNamingTheResourceGroup()
    {
        _arm.FailNext(1, HttpStatusCode.Forbidden, "AuthorizationFailed", "The client does not have authorization to perform action 'Microsoft.Compute/virtualMachines/read'.");

        var observation = await TestProviders.For(_arm).ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.That(observation.Degraded, Is.True);
        Assert.That(observation.DegradedReason, Does.Contain("403 AuthorizationFailed").And.Contain(FakeArm.Group).And.Contain("Microsoft.Compute/virtualMachines/read"));
        Assert.That(observation.Workloads, Is.Empty, "nothing was seen yet");
        Assert.That(observation.Capacity.CpuMillicores, Is.EqualTo(64_000), "the configured quota still stands");
    }

    [Test]
    public async Task Observe_ThrottledEveryTry_RetriedByTheSdkHonouringRetryAfterThenDegraded()
    {
        var provider = TestProviders.For(_arm, configure: o => o.Retry.MaxRetries = 1);
        _arm.FailNext(2, HttpStatusCode.TooManyRequests, "TooManyRequests", "The request is being throttled as the limit has been reached for operation type - Read_ObservationWindow_00:05:00.", retryAfterSeconds: 1);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var observation = await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.That(observation.Degraded, Is.True);
        Assert.That(observation.DegradedReason, Does.Contain("throttling the agent (429 TooManyRequests) after 1 retry by Azure.Core's retry policy"));
        Assert.That(_arm.Requests.Count(r => r.Contains("/virtualMachines?", StringComparison.Ordinal)), Is.EqualTo(2), "the first try and one retry");
        Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9)), "the retry waited for ARM's Retry-After: 1");
    }

    [Test]
    public async Task Observe_ThrottledOnce_TheSdksRetrySucceeds()
    {
        _arm.FailNext(1, HttpStatusCode.TooManyRequests, "TooManyRequests", "Throttled.", retryAfterSeconds: 0);

        var observation = await TestProviders.For(_arm).ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.That(observation.Degraded, Is.False, observation.DegradedReason);
        Assert.That(observation.Workloads.Single().WorkloadId, Is.EqualTo("steady-01"));
    }

    [Test]
    public async Task Observe_ArmNeverAnswers_DegradedAfterTheNetworkTimeout()
    {
        var provider = TestProviders.For(_arm, configure: o => o.Retry.NetworkTimeout = TimeSpan.FromMilliseconds(300));
        _arm.StallNext(2);

        var observation = await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.That(observation.Degraded, Is.True);
        Assert.That(observation.DegradedReason, Does.Contain("did not answer within Agent:Azure:Retry:NetworkTimeout (00:00:00.3000000) after 1 retry"));
    }

    [Test]
    public async Task Observe_CertificateNotTheTrustedOne_DegradedAndNoTokenSent()
    {
        string other = Path.Combine(Path.GetTempPath(), "cloudgov-tests", "fake-arm", $"other-{Guid.NewGuid():N}.pem");
        using (var key = System.Security.Cryptography.ECDsa.Create())
        {
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=someone-else", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
            using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
            File.WriteAllText(other, cert.ExportCertificatePem());
        }

        var provider = TestProviders.For(_arm, configure: o => o.TrustedCertificatePath = other);

        var observation = await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.That(observation.Degraded, Is.True);
        Assert.That(observation.DegradedReason, Does.Contain("could not reach Azure Resource Manager at 127.0.0.1"));
        Assert.That(_arm.Requests, Is.Empty, "the TLS handshake failed before any request (and its bearer token) was sent");
    }

    [Test]
    public async Task Observe_CredentialCannotGetAToken_DegradedWithTheCredentialsReason()
    {
        var credential = new TestCredential { FailWith = "AADSTS7000215: Invalid client secret provided." };

        var observation = await TestProviders.For(_arm, credential).ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.That(observation.Degraded, Is.True);
        Assert.That(observation.DegradedReason, Does.Contain("the credential could not get a token").And.Contain("AADSTS7000215"));
        Assert.That(credential.LastScopes, Is.EqualTo(new[] { $"{_arm.Endpoint.GetLeftPart(UriPartial.Authority)}/.default" }), "the token is asked for the ARM endpoint's audience");
        Assert.That(_arm.Requests, Is.Empty);
    }

    [Test]
    public void Credential_ServicePrincipalConfigured_ClientSecretCredentialElseDefaultAzureCredential()
    {
        var options = _arm.Options();
        Assert.That(CloudGov.Agent.Providers.Azure.AzureArmClientFactory.Credential(options, null), Is.TypeOf<global::Azure.Identity.DefaultAzureCredential>());
        options.TenantId = Guid.NewGuid().ToString();
        options.ClientId = Guid.NewGuid().ToString();
        options.ClientSecret = "secret";
        Assert.That(CloudGov.Agent.Providers.Azure.AzureArmClientFactory.Credential(options, null), Is.TypeOf<global::Azure.Identity.ClientSecretCredential>());
    }

    [Test]
    public async Task Remove_ArmRejectsTheToken_FailsWithTheReasonInsteadOfThrowing()
    {
        _arm.AcceptToken = false;

        var result = await TestProviders.For(_arm).ExecuteAsync(TestProviders.Remove("steady-01"), CancellationToken.None);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Message, Does.Contain("401 InvalidAuthenticationToken"));
        Assert.That(_arm.Get(FakeArm.VmId("steady-01")), Is.Not.Null);
    }
}
