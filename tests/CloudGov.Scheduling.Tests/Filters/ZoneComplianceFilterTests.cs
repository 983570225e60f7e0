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
}
