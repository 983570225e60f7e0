using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Scores;
using CloudGov.Scheduling.Tests.Support;

namespace CloudGov.Scheduling.Tests.Placement;

public sealed class ScoreTests
{
    [Test]
    public void Balance_And_Packing_AreComplementary()
    {
        var snapshot = CloudSnapshot.Create([Build.Zone("za")], [Build.Workload("w1", "za", cpu: 3_000)]);
        FilterContext context = Build.Context(snapshot, Build.Workload("new", null, cpu: 1_000), "za");

        Assert.That(new BalanceScore().Evaluate(context), Is.EqualTo(0.6).Within(1e-9));
        Assert.That(new PackingScore().Evaluate(context), Is.EqualTo(0.4).Within(1e-9));
    }

    [TestCase(0.5, 1.0)]
    [TestCase(1.0, 1.0)]
    [TestCase(2.0, 0.5)]
    public void Cost_UnitCost_ScoresInverse(double unitCost, double expected)
    {
        var snapshot = CloudSnapshot.Create([Build.Zone("za") with { UnitCost = unitCost }], []);

        Assert.That(new CostScore().Evaluate(Build.Context(snapshot, Build.Workload("new", null), "za")), Is.EqualTo(expected).Within(1e-9));
    }

    [TestCase("450103", 1.0)]
    [TestCase("450201", 0.5)]
    [TestCase("440101", 0.0)]
    public void Stability_Migration_PrefersNearDestinations(string destinationRegion, double expected)
    {
        var snapshot = CloudSnapshot.Create([Build.Zone("src", region: "450102"), Build.Zone("dst", region: destinationRegion)], []);
        int z = snapshot.IndexOfZone("dst");
        var context = new FilterContext(Build.Workload("w", null), z, snapshot.Zones[z], new ClusterState(snapshot), true, snapshot.Zone("src"));

        Assert.That(new StabilityScore().Evaluate(context), Is.EqualTo(expected));
    }

    [Test]
    public void Stability_NewPlacement_Neutral()
    {
        var snapshot = CloudSnapshot.Create([Build.Zone("za")], []);

        Assert.That(new StabilityScore().Evaluate(Build.Context(snapshot, Build.Workload("new", null), "za")), Is.Zero);
    }
}
