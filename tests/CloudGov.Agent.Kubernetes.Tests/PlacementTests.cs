using CloudGov.Agent.Kubernetes.Tests.Fake;

namespace CloudGov.Agent.Kubernetes.Tests;

/// <summary>Place and remove commands against the fake API server: the objects they create, what is read back, idempotency.</summary>
public sealed class PlacementTests
{
    [Test]
    public async Task ExecuteAsync_Place_DeploymentAndNetworkPolicyCreatedAndReportedRunningWithIntentAndAccessPolicy()
    {
        await using var api = await FakeCluster.StartAsync();
        await using var provider = FakeCluster.Provider(FakeCluster.Options(api));
        var command = FakeCluster.Place("nn-dsj-ywtb-01", FakeCluster.WebPolicy());

        var result = await provider.ExecuteAsync(command, CancellationToken.None);

        Assert.That(result.Succeeded, Is.True, result.Message);
        var deployment = api.Deployment(FakeCluster.Namespace, "nn-dsj-ywtb-01")!;
        Assert.That(deployment, Is.Not.Null);
        var labels = deployment["metadata"]!["labels"]!.AsObject();
        var annotations = deployment["metadata"]!["annotations"]!.AsObject();
        Assert.That(labels["app.kubernetes.io/managed-by"]!.GetValue<string>(), Is.EqualTo("cloudgov"));
        Assert.That(labels["cloudgov.io/tenant"]!.GetValue<string>(), Is.EqualTo("nn-dsj"));
        Assert.That(labels["cloudgov.io/network-plane"]!.GetValue<string>(), Is.EqualTo("egov-extranet"));
        Assert.That(labels.ContainsKey("cloudgov.io/system"), Is.False, "a Chinese value is no label value");
        Assert.That(annotations["cloudgov.io/system"]!.GetValue<string>(), Is.EqualTo("一网通办"));
        Assert.That(annotations["cloudgov.io/allowed-regions"]!.GetValue<string>(), Is.EqualTo("4501,4502"), "',' is not allowed in a label value");
        var container = deployment["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.That(container["resources"]!["requests"]!.ToJsonString(), Is.EqualTo("""{"cpu":"4","memory":"8Gi","ephemeral-storage":"100Gi"}"""), "4000m, 8192Mi and 100Gi in canonical form");
        Assert.That(container["securityContext"]!["privileged"]!.GetValue<bool>(), Is.False);
        var policy = api.NetworkPolicy(FakeCluster.Namespace, "nn-dsj-ywtb-01")!;
        Assert.That(policy["spec"]!["podSelector"]!.ToJsonString(), Is.EqualTo("""{"matchLabels":{"cloudgov.io/workload":"nn-dsj-ywtb-01"}}"""));
        Assert.That(policy["spec"]!["ingress"]![1]!.ToJsonString(), Is.EqualTo("""{"from":[{"ipBlock":{"cidr":"192.168.0.0/16"}}],"ports":[{"endPort":8080,"port":8000,"protocol":"TCP"}]}"""));

        var workload = await Eventually.ReturnsAsync(
            async () => (await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None)).Workloads.SingleOrDefault(w => w.WorkloadId == "nn-dsj-ywtb-01"),
            w => w?.State == WorkloadState.Running,
            "the placed workload to be reported Running");
        Assert.That(workload!.TenantId, Is.EqualTo("nn-dsj"));
        Assert.That(workload.System, Is.EqualTo("一网通办"));
        Assert.That(workload.MlpsLevel, Is.EqualTo(MlpsLevel._3));
        Assert.That(workload.Requests, Is.EqualTo(command.Workload.Requests));
        Assert.That(workload.Labels, Is.EquivalentTo(command.Workload.Labels), "every label of the command comes back, annotated or not");
        Assert.That(workload.AccessPolicy.Ingress, Is.EquivalentTo(command.Workload.AccessPolicy.Ingress), "the access policy read back from the NetworkPolicy");
    }

    [Test]
    public async Task ExecuteAsync_WorkloadIdNotADnsLabel_ObjectNamedFromItAndTheExactIdReported()
    {
        await using var api = await FakeCluster.StartAsync();
        await using var provider = FakeCluster.Provider(FakeCluster.Options(api));

        var result = await provider.ExecuteAsync(FakeCluster.Place("NN_DSJ/Portal.01"), CancellationToken.None);

        Assert.That(result.Succeeded, Is.True, result.Message);
        var name = api.DeploymentNames(FakeCluster.Namespace).Single();
        Assert.That(name, Does.Match("^nn-dsj-portal-01-[0-9a-f]{12}$"));
        var workload = await Eventually.ReturnsAsync(
            async () => (await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None)).Workloads.SingleOrDefault(),
            w => w is not null,
            "the workload to be reported");
        Assert.That(workload!.WorkloadId, Is.EqualTo("NN_DSJ/Portal.01"));
        Assert.That(workload.AccessPolicy, Is.Null, "placed without an access policy: no NetworkPolicy");
        Assert.That(api.NetworkPolicy(FakeCluster.Namespace, name), Is.Null);
    }

    [Test]
    public async Task ExecuteAsync_PlaceTwice_SecondTakesTheExisting409ObjectsAndNothingIsDuplicated()
    {
        await using var api = await FakeCluster.StartAsync();
        await using var provider = FakeCluster.Provider(FakeCluster.Options(api));
        var command = FakeCluster.Place("nn-dsj-ywtb-02", FakeCluster.WebPolicy());
        Assert.That((await provider.ExecuteAsync(command, CancellationToken.None)).Succeeded, Is.True);
        string version = api.Deployment(FakeCluster.Namespace, "nn-dsj-ywtb-02")!["metadata"]!["resourceVersion"]!.GetValue<string>();

        var again = await provider.ExecuteAsync(command, CancellationToken.None);

        Assert.That(again.Succeeded, Is.True, again.Message);
        Assert.That(api.Requests.Count(r => r.StartsWith("POST /apis/apps/v1/namespaces/cloudgov/deployments", StringComparison.Ordinal)), Is.EqualTo(2));
        Assert.That(api.Requests, Has.Some.EqualTo("GET /apis/apps/v1/namespaces/cloudgov/deployments/nn-dsj-ywtb-02"), "the 409 answer is followed by reading the existing object");
        Assert.That(api.DeploymentNames(FakeCluster.Namespace), Is.EqualTo(new[] { "nn-dsj-ywtb-02" }));
        Assert.That(api.Deployment(FakeCluster.Namespace, "nn-dsj-ywtb-02")!["metadata"]!["resourceVersion"]!.GetValue<string>(), Is.EqualTo(version), "the existing Deployment is left as it is");
    }

    [Test]
    public async Task ExecuteAsync_NameTakenByAnUnmanagedDeployment_FailsSayingSoAndLeavesItAlone()
    {
        await using var api = await FakeCluster.StartAsync();
        var foreign = FakeCluster.ExternalDeployment("nn-dsj-ywtb-03", "other");
        foreign["metadata"]!["labels"]!.AsObject().Remove("app.kubernetes.io/managed-by");
        api.ApplyDeployment(FakeCluster.Namespace, foreign);
        await using var provider = FakeCluster.Provider(FakeCluster.Options(api));

        var result = await provider.ExecuteAsync(FakeCluster.Place("nn-dsj-ywtb-03"), CancellationToken.None);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Message, Does.Contain("deployment cloudgov/nn-dsj-ywtb-03 exists and belongs to another workload or is not managed by CloudGov"));
        Assert.That(api.Deployment(FakeCluster.Namespace, "nn-dsj-ywtb-03")!["metadata"]!["labels"]!["cloudgov.io/tenant"]!.GetValue<string>(), Is.EqualTo("other"));
    }

    [Test]
    public async Task ExecuteAsync_IcmpRuleOrBadLabelKey_FailsNamingTheProblemAndCreatesNothing()
    {
        await using var api = await FakeCluster.StartAsync();
        await using var provider = FakeCluster.Provider(FakeCluster.Options(api));
        var icmp = FakeCluster.Place("icmp-01", new AccessPolicy { Ingress = { new AccessRule { Protocol = AccessProtocol.Icmp, SourceCidr = "10.0.0.0/8" } } });
        var badKey = FakeCluster.Place("badkey-01");
        badKey.Workload.Labels["owner dept"] = "x";

        var icmpResult = await provider.ExecuteAsync(icmp, CancellationToken.None);
        var badKeyResult = await provider.ExecuteAsync(badKey, CancellationToken.None);

        Assert.That(icmpResult.Succeeded, Is.False);
        Assert.That(icmpResult.Message, Does.Contain("ICMP, which a Kubernetes NetworkPolicy cannot express"));
        Assert.That(badKeyResult.Succeeded, Is.False);
        Assert.That(badKeyResult.Message, Does.Contain("label key 'owner dept' is not a Kubernetes label or annotation key"));
        Assert.That(api.DeploymentNames(FakeCluster.Namespace), Is.Empty);
        Assert.That(api.Requests.Where(r => r.StartsWith("POST", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public async Task ExecuteAsync_Remove_DeletesDeploymentAndNetworkPolicy_AgainSucceedsOn404()
    {
        await using var api = await FakeCluster.StartAsync();
        await using var provider = FakeCluster.Provider(FakeCluster.Options(api));
        Assert.That((await provider.ExecuteAsync(FakeCluster.Place("nn-dsj-ywtb-04", FakeCluster.WebPolicy()), CancellationToken.None)).Succeeded, Is.True);
        await Eventually.HoldsAsync(
            async () => (await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None)).Workloads.Any(w => w.WorkloadId == "nn-dsj-ywtb-04"),
            "the placed workload to be reported");

        var removed = await provider.ExecuteAsync(FakeCluster.Remove("nn-dsj-ywtb-04"), CancellationToken.None);
        var again = await provider.ExecuteAsync(FakeCluster.Remove("nn-dsj-ywtb-04"), CancellationToken.None);

        Assert.That(removed.Succeeded, Is.True, removed.Message);
        Assert.That(again.Succeeded, Is.True, "removing what is gone (404 NotFound) is done");
        Assert.That(api.Deployment(FakeCluster.Namespace, "nn-dsj-ywtb-04"), Is.Null);
        Assert.That(api.NetworkPolicy(FakeCluster.Namespace, "nn-dsj-ywtb-04"), Is.Null);
        await Eventually.HoldsAsync(
            async () => (await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None)).Workloads.Count == 0,
            "the removed workload to leave the report (the watch's DELETED event)");
    }

    [Test]
    public async Task ExecuteAsync_NamespaceMissing_FailsWithTheApiServersReason()
    {
        await using var api = await FakeCluster.StartAsync();
        await using var provider = FakeCluster.Provider(FakeCluster.Options(api, "not-there"));

        var result = await provider.ExecuteAsync(FakeCluster.Place("nn-dsj-ywtb-05"), CancellationToken.None);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Message, Does.Contain("Kubernetes create deployment not-there/nn-dsj-ywtb-05: 404 NotFound: namespaces \"not-there\" not found"));
    }
}
