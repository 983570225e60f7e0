using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Tests.Support;

namespace CloudGov.Scheduling.Tests.Filters;

public sealed class ZoneComplianceFilterTests
{
    [Test]
    public void Admits_CompliantZone_Eligible()
    {
        var snapshot = CloudSnapshot.Create([Build.Zone("za")], []);

        Assert.That(new ZoneComplianceFilter().Admits(Build.Context(snapshot, Build.Workload("w", null), "za")), Is.True);
    }

    [Test]
    public void Admits_NonCompliantZone_Rejected()
    {
        var snapshot = CloudSnapshot.Create([Build.Zone("za", compliant: false)], []);

        FilterAssert.Rejects(new ZoneComplianceFilter(), Build.Context(snapshot, Build.Workload("w", null), "za"), ReasonCodes.ZoneNotCompliant);
    }

    [Test]
    public void Admits_ZoneUnfitForLevel3Only_RejectsLevel3NamingTheRuleAdmitsLevel2()
    {
        var zone = Build.Zone("za", level: CloudGov.Domain.MlpsLevel.Level4) with { BaselineBlocks = [null, null, "encryption-at-rest", "encryption-at-rest"] };
        var snapshot = CloudSnapshot.Create([zone], []);
        var level2 = Build.Context(snapshot, Build.Workload("w2", null, level: CloudGov.Domain.MlpsLevel.Level2), "za");
        var level3 = Build.Context(snapshot, Build.Workload("w3", null, level: CloudGov.Domain.MlpsLevel.Level3), "za");

        Assert.That(new ZoneComplianceFilter().Admits(level2), Is.True);
        FilterAssert.Rejects(new ZoneComplianceFilter(), level3, ReasonCodes.ZoneNotCompliant);
        Assert.That(new ZoneComplianceFilter().Explain(level3).English, Does.Contain("encryption-at-rest").And.Contain("level-3"));
        Assert.That(new ZoneComplianceFilter().Explain(level3).Chinese, Does.Contain("encryption-at-rest"));
        Assert.That(new ZoneComplianceFilter().Admits(Build.Context(snapshot, Build.Workload("m3", null, level: CloudGov.Domain.MlpsLevel.Level3), "za", migration: true)), Is.False, "a migration is refused too");
        Assert.That(new ZoneComplianceFilter().Admits(Build.Context(snapshot, Build.Workload("m2", null, level: CloudGov.Domain.MlpsLevel.Level2), "za", migration: true)), Is.True);
    }

    [Test]
    public void Place_ZoneUnfitForTheWorkloadsLevel_GoesToTheFitZoneWithTheRuleInTheReasons()
    {
        var blocked = Build.Zone("za", cpu: 100_000) with { BaselineBlocks = [null, null, "patch-age", null] };
        var snapshot = CloudSnapshot.Create([blocked, Build.Zone("zb")], []);
        var engine = new CloudGov.Scheduling.Placement.PlacementEngine(Build.Filters(), CloudGov.Scheduling.Scores.ScoreSet.CreateDefault(new SchedulingOptions()));

        var decision = engine.Place(snapshot, Build.Workload("w3", null, level: CloudGov.Domain.MlpsLevel.Level3));

        Assert.That(decision.ZoneId, Is.EqualTo("zb"));
        Assert.That(decision.Rejections.Single(r => r.ZoneId == "za").Reasons.Select(r => r.English), Has.Some.Contains("patch-age"));
    }
}
