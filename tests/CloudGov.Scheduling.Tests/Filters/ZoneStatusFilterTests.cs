using CloudGov.Domain;
using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Tests.Support;

namespace CloudGov.Scheduling.Tests.Filters;

public sealed class ZoneStatusFilterTests
{
    [Test]
    public void Admits_ReadyZone_Eligible()
    {
        var snapshot = CloudSnapshot.Create([Build.Zone("za")], []);

        Assert.That(new ZoneStatusFilter().Admits(Build.Context(snapshot, Build.Workload("w", null), "za")), Is.True);
    }

    [TestCase(ZoneStatus.Unknown)]
    [TestCase(ZoneStatus.Degraded)]
    [TestCase(ZoneStatus.Unreachable)]
    [TestCase(ZoneStatus.Draining)]
    [TestCase(ZoneStatus.Quarantined)]
    public void Admits_NotReady_Rejected(ZoneStatus status)
    {
        var snapshot = CloudSnapshot.Create([Build.Zone("za", status: status)], []);

        FilterAssert.Rejects(new ZoneStatusFilter(), Build.Context(snapshot, Build.Workload("w", null), "za"), ReasonCodes.ZoneNotReady);
    }
}
