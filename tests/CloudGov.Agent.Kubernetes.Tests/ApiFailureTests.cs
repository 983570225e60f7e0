using CloudGov.Agent.Kubernetes.Tests.Fake;

namespace CloudGov.Agent.Kubernetes.Tests;

/// <summary>Authentication failures, throttling and timeouts: retried by the resilience handler where transient, then Degraded with the reason; never thrown.</summary>
public sealed class ApiFailureTests
{
    [Test]
    public async Task ObserveAsync_CredentialsRefused401_DegradedWithReasonLastInventoryKeptThenRecovers()
    {
        await using var api = await FakeCluster.StartAsync();
        api.ApplyDeployment(FakeCluster.Namespace, FakeCluster.ExternalDeployment("portal", "nn-zwb"));
        await using var provider = FakeCluster.Provider(FakeCluster.Options(api));
        var good = await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        api.Token = "rotated-token";
        var refused = await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.That(refused.Degraded, Is.True);
        Assert.That(refused.DegradedReason, Does.StartWith("Kubernetes list nodes: 401 Unauthorized: Unauthorized — the credentials were refused"));
        Assert.That(refused.Workloads.Select(w => w.WorkloadId), Is.EqualTo(new[] { "portal" }), "the last good inventory is reported, not an empty zone");
        Assert.That(refused.Capacity, Is.EqualTo(good.Capacity));
        Assert.That(api.Requests.Count(r => r.StartsWith("GET /api/v1/nodes", StringComparison.Ordinal)), Is.EqualTo(2), "401 is not retried");

        api.Token = "cloudgov-agent-token";
        var recovered = await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.That(recovered.Degraded, Is.False);
        Assert.That(recovered.DegradedReason, Is.Null);
    }

    [Test]
    public async Task ObserveAsync_FirstObservationForbidden403_DegradedWithReasonAndNothingInvented()
    {
        await using var api = await FakeCluster.StartAsync();
        api.Fail(r => r.StartsWith("GET /api/v1/nodes", StringComparison.Ordinal), 403);
        await using var provider = FakeCluster.Provider(FakeCluster.Options(api));

        var observation = await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.That(observation.Degraded, Is.True);
        Assert.That(observation.DegradedReason, Does.Contain("403 Forbidden: nodes is forbidden: User \"system:serviceaccount:cloudgov:agent\" cannot list resource \"nodes\""));
        Assert.That(observation.DegradedReason, Does.Contain("lack RBAC permission"));
        Assert.That(observation.Workloads, Is.Empty);
        Assert.That(observation.Capacity, Is.EqualTo(new ResourceVector()));
    }

    [Test]
    public async Task ObserveAsync_Throttled429Once_RetriedHonouringRetryAfterAndNotDegraded()
    {
        await using var api = await FakeCluster.StartAsync();
        api.Fail(r => r.StartsWith("GET /api/v1/nodes", StringComparison.Ordinal), 429, times: 1);
        await using var provider = FakeCluster.Provider(FakeCluster.Options(api));

        var observation = await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.That(observation.Degraded, Is.False, observation.DegradedReason);
        Assert.That(api.Requests.Count(r => r.StartsWith("GET /api/v1/nodes", StringComparison.Ordinal)), Is.EqualTo(2), "one 429, one retry");
    }

    [Test]
    public async Task ObserveAsync_Throttled429Always_DegradedAfterTheRetriesWithReason()
    {
        await using var api = await FakeCluster.StartAsync();
        api.Fail(r => r.StartsWith("GET /api/v1/nodes", StringComparison.Ordinal), 429);
        var options = FakeCluster.Options(api);
        options.MaxRetryAttempts = 1;
        await using var provider = FakeCluster.Provider(options);

        var observation = await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.That(observation.Degraded, Is.True);
        Assert.That(observation.DegradedReason, Is.EqualTo("Kubernetes list nodes: 429 TooManyRequests: Too many requests, please try again later. — throttled by the API server"));
        Assert.That(api.Requests.Count(r => r.StartsWith("GET /api/v1/nodes", StringComparison.Ordinal)), Is.EqualTo(2), "the first try and one retry");
    }

    [Test]
    public async Task ObserveAsync_ApiServerSilent_TimesOutDegradedWithReason()
    {
        await using var api = await FakeCluster.StartAsync();
        api.Delay(r => r.StartsWith("GET /api/v1/nodes", StringComparison.Ordinal), TimeSpan.FromMinutes(5));
        var options = FakeCluster.Options(api);
        options.RequestTimeout = TimeSpan.FromMilliseconds(200);
        options.MaxRetryAttempts = 1;
        await using var provider = FakeCluster.Provider(options);

        var observation = await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.That(observation.Degraded, Is.True);
        Assert.That(observation.DegradedReason, Does.StartWith("Kubernetes list nodes: timed out"));
        Assert.That(api.Requests.Count(r => r.StartsWith("GET /api/v1/nodes", StringComparison.Ordinal)), Is.EqualTo(2), "the timed-out attempt is retried once");
    }

    [Test]
    public async Task ExecuteAsync_CreateThrottledAlways_CommandFailsWithReasonNotAnException()
    {
        await using var api = await FakeCluster.StartAsync();
        api.Fail(r => r.StartsWith("POST", StringComparison.Ordinal), 429);
        var options = FakeCluster.Options(api);
        options.MaxRetryAttempts = 1;
        await using var provider = FakeCluster.Provider(options);

        var result = await provider.ExecuteAsync(FakeCluster.Place("nn-dsj-ywtb-09"), CancellationToken.None);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Message, Does.StartWith("Kubernetes create deployment cloudgov/nn-dsj-ywtb-09: 429 TooManyRequests"));
    }
}
