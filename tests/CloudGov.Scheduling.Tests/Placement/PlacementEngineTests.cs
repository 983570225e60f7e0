using CloudGov.Domain;
using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Placement;
using CloudGov.Scheduling.Quota;
using CloudGov.Scheduling.Rebalancing;
using CloudGov.Scheduling.Scores;
using CloudGov.Scheduling.Tests.Support;

namespace CloudGov.Scheduling.Tests.Placement;

public sealed class PlacementEngineTests
{
    private static Scheduler NewScheduler(ITenantQuotaView? quota = null) =>
        new(new SchedulingOptions(), new CloudGovRebalanceOptions(), quota);

    [Test]
    public void Place_SeveralEligibleZones_PicksEmptiestWithScores()
    {
        var snapshot = CloudSnapshot.Create(
            [Build.Zone("busy"), Build.Zone("idle"), Build.Zone("half")],
            [Build.Workload("w1", "busy", cpu: 6_000), Build.Workload("w2", "half", cpu: 3_000)]);

        PlacementResult result = NewScheduler().Place(snapshot, Build.Workload("new", null, cpu: 1_000));

        Assert.Multiple(() =>
        {
            Assert.That(result.Placed, Is.True);
            Assert.That(result.ZoneId, Is.EqualTo("idle"));
            Assert.That(result.Candidates.Select(c => c.ZoneId), Is.EqualTo(new[] { "idle", "half", "busy" }));
            Assert.That(result.Chosen!.Scores.Select(s => s.Score), Does.Contain(BalanceScore.ScoreName).And.Contain(CostScore.ScoreName));
            Assert.That(result.Chosen.TotalScore, Is.EqualTo(result.Chosen.Scores.Sum(s => s.Weighted)).Within(1e-9));
            Assert.That(result.Rejections, Is.Empty);
            Assert.That(result.Summary, Is.Null);
        });
    }

    [Test]
    public void Place_EqualScores_TieBrokenByZoneId()
    {
        var snapshot = CloudSnapshot.Create([Build.Zone("zb"), Build.Zone("za")], []);

        Assert.That(NewScheduler().Place(snapshot, Build.Workload("new", null)).ZoneId, Is.EqualTo("za"));
    }

    [Test]
    public void Place_SomeZonesIneligible_ExplainsEachRejectedZone()
    {
        var snapshot = CloudSnapshot.Create(
            [
                Build.Zone("low", level: MlpsLevel.Level2),
                Build.Zone("far", region: "450201"),
                Build.Zone("down", status: ZoneStatus.Unreachable),
                Build.Zone("ok"),
            ],
            []);

        PlacementResult result = NewScheduler().Place(snapshot, Build.Workload("new", null, level: MlpsLevel.Level3, regions: ["450100"]));

        Assert.Multiple(() =>
        {
            Assert.That(result.ZoneId, Is.EqualTo("ok"));
            Assert.That(result.Rejections.Select(r => r.ZoneId), Is.EquivalentTo(new[] { "low", "far", "down" }));
            Assert.That(result.Rejections.Single(r => r.ZoneId == "low").Reasons.Select(r => r.Code), Is.EqualTo(new[] { ReasonCodes.MlpsLevelTooLow }));
            Assert.That(result.Rejections.Single(r => r.ZoneId == "far").Reasons.Select(r => r.Code), Is.EqualTo(new[] { ReasonCodes.ResidencyNotAllowed }));
            Assert.That(result.Rejections.Single(r => r.ZoneId == "down").Reasons.Select(r => r.Code), Is.EqualTo(new[] { ReasonCodes.ZoneNotReady }));
        });
    }

    [Test]
    public void Place_NoZoneFits_ReturnsNoZoneFitsWithEveryReason()
    {
        var snapshot = CloudSnapshot.Create(
            [Build.Zone("za", level: MlpsLevel.Level2, compliant: false), Build.Zone("zb", cpu: 1_000)],
            []);

        PlacementResult result = NewScheduler().Place(snapshot, Build.Workload("new", null, cpu: 2_000, level: MlpsLevel.Level3));

        Assert.Multiple(() =>
        {
            Assert.That(result.Placed, Is.False);
            Assert.That(result.Chosen, Is.Null);
            Assert.That(result.Summary!.Code, Is.EqualTo(ReasonCodes.NoZoneFits));
            Assert.That(result.Summary.Chinese, Does.Contain("没有云区"));
            Assert.That(result.Rejections.Single(r => r.ZoneId == "za").Reasons.Select(r => r.Code),
                Is.EqualTo(new[] { ReasonCodes.ZoneNotCompliant, ReasonCodes.MlpsLevelTooLow }));
            Assert.That(result.Rejections.Single(r => r.ZoneId == "zb").Reasons.Select(r => r.Code),
                Is.EqualTo(new[] { ReasonCodes.CapacityInsufficient }));
        });
    }

    [Test]
    public void Place_TenantOutOfQuota_NoZoneFitsWithQuotaReason()
    {
        var quota = new DictionaryTenantQuotaView(new Dictionary<string, (ResourceVector, ResourceVector)>
        {
            ["dept-a"] = (new ResourceVector(1_000, 1_024, 10), new ResourceVector(1_000, 0, 0)),
        });
        var snapshot = CloudSnapshot.Create([Build.Zone("za")], []);

        PlacementResult result = NewScheduler(quota).Place(snapshot, Build.Workload("new", null, cpu: 500));

        Assert.That(result.Rejections.Single().Reasons.Single().Code, Is.EqualTo(ReasonCodes.TenantQuotaExceeded));
    }

    [Test]
    public void Place_AntiAffinityPeerInBestZone_UsesAnotherZone()
    {
        var snapshot = CloudSnapshot.Create([Build.Zone("za"), Build.Zone("zb")], [Build.Workload("w1", "zb", cpu: 100, group: "ha"), Build.Workload("w2", "za", cpu: 5_000)]);

        Assert.That(NewScheduler().Place(snapshot, Build.Workload("new", null, group: "ha")).ZoneId, Is.EqualTo("za"));
    }
}
