using CloudGov.Scheduling.Benchmarks.Baselines;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Rebalancing;
using CloudGov.Scheduling.Tests.Support;

namespace CloudGov.Scheduling.Tests.Baselines;

public sealed class WatcherWorkloadStabilizationTests
{
    private static WatcherWorkloadStabilization Strategy(bool fullSearch = true) =>
        new(Build.Filters(), new WatcherWorkloadStabilization.Settings(FullSearch: fullSearch));

    [Test]
    public void Plan_DeviationUnderThresholds_NoMigration()
    {
        var snapshot = CloudSnapshot.Create(
            [Build.Zone("za"), Build.Zone("zb")],
            [Build.Workload("x", "za", cpu: 5_000, mem: 20_000), Build.Workload("y", "zb", cpu: 4_500, mem: 18_000)]);

        Assert.That(Strategy().Plan(snapshot).Moves, Is.Empty);
    }

    [Test]
    public void Plan_Imbalanced_MigrationsLowerStandardDeviationBelowThreshold()
    {
        var snapshot = CloudSnapshot.Create(
            [Build.Zone("za"), Build.Zone("zb"), Build.Zone("zc")],
            [
                Build.Workload("w1", "za", cpu: 2_000, mem: 8_000), Build.Workload("w2", "za", cpu: 2_000, mem: 8_000),
                Build.Workload("w3", "za", cpu: 2_000, mem: 8_000), Build.Workload("w4", "za", cpu: 2_000, mem: 8_000),
            ]);

        RebalancePlan plan = Strategy().Plan(snapshot);

        double cpuSd = StdDev(plan.Zones.Select(z => z.After.Cpu));
        Assert.That(plan.Moves, Is.Not.Empty);
        Assert.That(cpuSd, Is.LessThan(StdDev(plan.Zones.Select(z => z.Before.Cpu))));
        Assert.That(cpuSd, Is.LessThanOrEqualTo(0.1 + 1e-9).Or.LessThan(StdDev(plan.Zones.Select(z => z.Before.Cpu)) / 2));
    }

    [Test]
    public void Plan_RetryHostChoice_DeterministicForSeed()
    {
        var snapshot = Benchmarks.InstanceGenerator.Generate(200, 8, seed: 3);

        Assert.That(Strategy(fullSearch: false).Plan(snapshot).Moves, Is.EqualTo(Strategy(fullSearch: false).Plan(snapshot).Moves));
    }

    private static double StdDev(IEnumerable<double> values)
    {
        double[] v = [.. values];
        double mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / v.Length);
    }
}
