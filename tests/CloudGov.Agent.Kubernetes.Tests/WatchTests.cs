using CloudGov.Agent.Kubernetes.Tests.Fake;
using CloudGov.Agent.Providers.Kubernetes;

namespace CloudGov.Agent.Kubernetes.Tests;

/// <summary>The inventory is kept current by a watch: changes arrive without lists; 410 Gone lists again; a broken watch falls back to listing.</summary>
public sealed class WatchTests
{
    [Test]
    public async Task ObserveAsync_ExternalChangesAfterTheFirstList_SeenThroughTheWatchWithoutAnotherList()
    {
        await using var api = await FakeCluster.StartAsync();
        api.ApplyDeployment(FakeCluster.Namespace, FakeCluster.ExternalDeployment("portal", "nn-zwb"));
        await using var provider = FakeCluster.Provider(FakeCluster.Options(api));
        var first = await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.That(first.Workloads.Select(w => w.WorkloadId), Is.EqualTo(new[] { "portal" }));

        api.ApplyDeployment(FakeCluster.Namespace, FakeCluster.ExternalDeployment("portal", "nn-zwb", replicas: 4));
        api.ApplyDeployment(FakeCluster.Namespace, FakeCluster.ExternalDeployment("hotline", "nn-12345"));

        var seen = await Eventually.ReturnsAsync(
            async () => await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None),
            o => o.Workloads.Count == 2 && o.Workloads.Single(w => w.WorkloadId == "portal").Requests.CpuMillicores == 2_000,
            "the new Deployment and the scaled one to be observed");
        api.DeleteDeployment(FakeCluster.Namespace, "hotline");
        await Eventually.HoldsAsync(
            async () => (await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None)).Workloads.Count == 1,
            "the deleted Deployment to leave the observation");

        Assert.That(api.DeploymentLists, Is.EqualTo(1), "one list; everything after came through the watch");
        Assert.That(api.DeploymentWatches, Is.EqualTo(1));
        Assert.That(api.Requests.Single(FakeKubernetesApi.IsWatch), Does.Contain("labelSelector=app.kubernetes.io%2Fmanaged-by%3Dcloudgov"));
        Assert.That(InventoryTests.Fact(seen, KubernetesPostureKeys.Watch), Is.EqualTo("watching"));
    }

    [Test]
    public async Task ObserveAsync_WatchExpires410Gone_ListsAgainOnceAndKeepsWatching()
    {
        await using var api = await FakeCluster.StartAsync();
        await using var provider = FakeCluster.Provider(FakeCluster.Options(api));
        await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);
        await Eventually.HoldsAsync(() => api.OpenWatches == 1, "the watch to be open");

        // Compaction: the open watch gets 410 Expired; a change made meanwhile must still be seen.
        api.ExpireWatches();
        api.ApplyDeployment(FakeCluster.Namespace, FakeCluster.ExternalDeployment("portal", "nn-zwb"));

        await Eventually.HoldsAsync(() => api.DeploymentLists == 2 && api.OpenWatches == 1, "the provider to list again and watch from the new list");
        var observation = await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.That(observation.Workloads.Select(w => w.WorkloadId), Is.EqualTo(new[] { "portal" }));
        Assert.That(observation.Degraded, Is.False);
        api.ApplyDeployment(FakeCluster.Namespace, FakeCluster.ExternalDeployment("hotline", "nn-12345"));
        await Eventually.HoldsAsync(
            async () => (await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None)).Workloads.Count == 2,
            "a change after the re-list to arrive through the new watch");
        Assert.That(api.DeploymentLists, Is.EqualTo(2));
    }

    [Test]
    public async Task ObserveAsync_WatchConnectionDrops_NextObservationListsAndTheZoneIsNotDegraded()
    {
        await using var api = await FakeCluster.StartAsync();
        await using var provider = FakeCluster.Provider(FakeCluster.Options(api));
        await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);
        await Eventually.HoldsAsync(() => api.OpenWatches == 1, "the watch to be open");
        // The watch cannot be re-established: every new watch request fails.
        api.Fail(FakeKubernetesApi.IsWatch, 500);

        api.DropWatches();
        await Eventually.HoldsAsync(() => !provider.Watching, "the provider to notice the watch ended");
        api.ApplyDeployment(FakeCluster.Namespace, FakeCluster.ExternalDeployment("portal", "nn-zwb"));
        var observation = await provider.ObserveAsync(DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.That(observation.Degraded, Is.False, "a broken watch degrades to listing, not the zone: " + observation.DegradedReason);
        Assert.That(observation.Workloads.Select(w => w.WorkloadId), Is.EqualTo(new[] { "portal" }), "the list found the change");
        Assert.That(api.DeploymentLists, Is.EqualTo(2));
    }
}
