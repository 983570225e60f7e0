using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Tests.Support;

namespace CloudGov.Scheduling.Tests.Filters;

public sealed class CapacityFilterTests
{
    [Test]
    public void Admits_RequestWithinHeadroom_Eligible()
    {
        var zone = Build.Zone("za", cpu: 10_000);
        var snapshot = CloudSnapshot.Create([zone], [Build.Workload("w1", "za", cpu: 5_000)]);
        var incoming = Build.Workload("new", null, cpu: 4_000);

        Assert.That(new CapacityFilter(0.05).Admits(Build.Context(snapshot, incoming, "za")), Is.True);
    }

    [Test]
    public void Admits_RequestIntoHeadroom_RejectedWithCapacityCode()
    {
        var snapshot = CloudSnapshot.Create([Build.Zone("za", cpu: 10_000)], [Build.Workload("w1", "za", cpu: 5_000)]);
        var incoming = Build.Workload("new", null, cpu: 4_600);
        var context = Build.Context(snapshot, incoming, "za");

        FilterAssert.Rejects(new CapacityFilter(0.05), context, ReasonCodes.CapacityInsufficient);
        Assert.That(new CapacityFilter(0.05).Explain(context).English, Does.Contain("cpu"));
    }

    [Test]
    public void Admits_CpuOverCommit_CountsScaledCapacity()
    {
        var zone = Build.Zone("za", cpu: 10_000) with { OverCommit = new OverCommit(Cpu: 2.0) };
        var snapshot = CloudSnapshot.Create([zone], [Build.Workload("w1", "za", cpu: 10_000)]);
        var incoming = Build.Workload("new", null, cpu: 9_000);

        Assert.That(new CapacityFilter(0.05).Admits(Build.Context(snapshot, incoming, "za")), Is.True);
    }

    [Test]
    public void Admits_MemoryShort_RejectedNamingMemory()
    {
        var snapshot = CloudSnapshot.Create([Build.Zone("za", mem: 4_096)], []);
        var incoming = Build.Workload("new", null, cpu: 100, mem: 8_192);
        var filter = new CapacityFilter(0);

        Assert.That(filter.Explain(Build.Context(snapshot, incoming, "za")).English, Does.Contain("memory"));
        Assert.That(filter.Admits(Build.Context(snapshot, incoming, "za")), Is.False);
    }

    [TestCase(-0.1)]
    [TestCase(0.6)]
    public void Constructor_HeadroomOutOfRange_Throws(double headroom) =>
        Assert.That(() => new CapacityFilter(headroom), Throws.InstanceOf<ArgumentOutOfRangeException>());
}
