using CloudGov.ControlPlane.Grains.Zones;
using static CloudGov.ControlPlane.Tests.Zones.ZoneRecords;

namespace CloudGov.ControlPlane.Tests.Zones;

/// <summary>The one-cloud index writes behind: many registrations become durable together, and reads never wait for it.</summary>
public sealed class OneCloudIndexGrainTests
{
    private const string StateName = "one-cloud-index";

    [Test]
    public async Task Registrations_Burst_BecomeDurableInFewCoalescedWrites()
    {
        const int zones = 300;
        var index = ZoneClusterFixture.Grains.GetGrain<IOneCloudIndexGrain>(0);
        await index.ListAsync(); // activated, so the count below starts from its current row
        long before = ZoneClusterFixture.Storage.StoredVersion(StateName, index.GetGrainId());
        var ids = Enumerable.Range(0, zones).Select(_ => NewZoneId("burst")).ToList();

        await Task.WhenAll(ids.Select(id => ZoneClusterFixture.Grains.GetGrain<IZoneGrain>(id).RegisterAsync(Descriptor(), Guid.NewGuid())));

        await Testing.Eventually.HoldsAsync(
            () => ZoneClusterFixture.Storage.Stored<OneCloudIndexState>(StateName, index.GetGrainId()) is { } stored && ids.All(stored.Zones.ContainsKey),
            $"all {zones} new zones in the stored index (an inventory change is written within Zones:IndexFlushInterval)");
        long writes = ZoneClusterFixture.Storage.StoredVersion(StateName, index.GetGrainId()) - before;
        Assert.That(writes, Is.LessThan(zones / 10), $"{zones} registrations are written together, not one index write each");
        Assert.That((await index.ListAsync()).Select(z => z.ZoneId), Is.SupersetOf(ids));
    }

    [Test]
    public async Task List_WhileIndexWritesFail_AnswersFromMemoryAndWritesLater()
    {
        var index = ZoneClusterFixture.Grains.GetGrain<IOneCloudIndexGrain>(0);
        await index.ListAsync();
        var id = NewZoneId("fail");
        string indexKey = index.GetGrainId().Key.ToString()!;
        ZoneClusterFixture.Storage.FailWritesFor(indexKey);
        try
        {
            int failedBefore = ZoneClusterFixture.Storage.FailedWrites;
            await ZoneClusterFixture.Grains.GetGrain<IZoneGrain>(id).RegisterAsync(Descriptor(), Guid.NewGuid());

            await Testing.Eventually.HoldsAsync(() => ZoneClusterFixture.Storage.FailedWrites > failedBefore, "the index to try (and fail) to write the new zone");
            Assert.That((await index.ListAsync()).Select(z => z.ZoneId), Has.Member(id), "a failed write does not hide the zone from readers");
        }
        finally
        {
            ZoneClusterFixture.Storage.Heal(indexKey);
        }

        await Testing.Eventually.HoldsAsync(
            () => ZoneClusterFixture.Storage.Stored<OneCloudIndexState>(StateName, index.GetGrainId()) is { } stored && stored.Zones.ContainsKey(id),
            "the zone written once storage is back");
    }
}
