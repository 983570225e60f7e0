using CloudGov.Scheduling.Benchmarks;
using CloudGov.Scheduling.Benchmarks.Reference;
using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Rebalancing;
using CloudGov.Scheduling.Tests.Support;

namespace CloudGov.Scheduling.Tests.Baselines;

public sealed class ReferenceTests
{
    [Test]
    public void Solve_HandMadeCase_FindsKnownOptimumAndBoundAgrees()
    {
        // Excess 2,500m: no single workload covers it, two 1,500m ones do.
        var snapshot = CloudSnapshot.Create(
            [Build.Zone("hot"), Build.Zone("cold")],
            [Build.Workload("a", "hot", cpu: 1_500), Build.Workload("b", "hot", cpu: 1_500), Build.Workload("c", "hot", cpu: 1_000), Build.Workload("d", "hot", cpu: 1_000),
             Build.Workload("e", "hot", cpu: 1_000), Build.Workload("f", "hot", cpu: 1_000), Build.Workload("g", "hot", cpu: 1_000), Build.Workload("h", "hot", cpu: 1_500), Build.Workload("i", "hot", cpu: 1_000)]);
        FilterPipeline filters = Build.Filters();

        CpSatReference.Result exact = CpSatReference.Solve(snapshot, filters, null, 10, 1);
        MoveLowerBound.Result bound = MoveLowerBound.Compute(snapshot, filters, 2);

        Assert.That(exact.Optimal, Is.True);
        Assert.That(exact.Objective, Is.EqualTo(2));
        Assert.That(bound.Bound, Is.EqualTo(2));
        Assert.That(Build.Strategy().Plan(snapshot).Moves, Has.Count.EqualTo(2));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Compute_SmallInstances_BoundNotAboveOptimumNotAboveCloudGov(int seed)
    {
        CloudSnapshot snapshot = InstanceGenerator.Generate(120, 6, seed);
        FilterPipeline filters = Build.Filters();
        RebalancePlan plan = Build.Strategy().Plan(snapshot);

        CpSatReference.Result exact = CpSatReference.Solve(snapshot, filters, plan.Moves, 20, 2);
        MoveLowerBound.Result bound = MoveLowerBound.Compute(snapshot, filters, 2);

        Assume.That(exact.Optimal, Is.True, "CP-SAT proves small cases optimal");
        Assert.That(bound.Bound, Is.LessThanOrEqualTo(exact.Objective!.Value));
        if (plan.HotZonesAfter == 0)
        {
            Assert.That(exact.Objective.Value, Is.LessThanOrEqualTo(plan.Moves.Count));
        }
    }
}
