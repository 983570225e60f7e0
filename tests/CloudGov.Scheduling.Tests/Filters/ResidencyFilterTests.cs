using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Tests.Support;

namespace CloudGov.Scheduling.Tests.Filters;

public sealed class ResidencyFilterTests
{
    [TestCase("450000", "450102")]
    [TestCase("45", "451402")]
    [TestCase("450100", "450103")]
    [TestCase("4501", "450103")]
    [TestCase("450103", "450103")]
    public void Admits_EntryCoversZoneRegion_Eligible(string allowed, string zoneRegion)
    {
        var snapshot = CloudSnapshot.Create([Build.Zone("za", region: zoneRegion)], []);

        Assert.That(new ResidencyFilter().Admits(Build.Context(snapshot, Build.Workload("w", null, regions: [allowed]), "za")), Is.True);
    }

    [Test]
    public void Admits_EmptyAllowedList_Eligible()
    {
        var snapshot = CloudSnapshot.Create([Build.Zone("za", region: "110101")], []);

        Assert.That(new ResidencyFilter().Admits(Build.Context(snapshot, Build.Workload("w", null), "za")), Is.True);
    }

    [TestCase("450100", "450201")]
    [TestCase("450103", "450102")]
    [TestCase("440000", "450102")]
    [TestCase("450100", "450000")]
    public void Admits_RegionOutsideAllowed_Rejected(string allowed, string zoneRegion)
    {
        var snapshot = CloudSnapshot.Create([Build.Zone("za", region: zoneRegion)], []);
        var context = Build.Context(snapshot, Build.Workload("w", null, regions: [allowed]), "za");

        FilterAssert.Rejects(new ResidencyFilter(), context, ReasonCodes.ResidencyNotAllowed);
        Assert.That(new ResidencyFilter().Explain(context).English, Does.Contain(zoneRegion).And.Contain(allowed));
    }

    [TestCase("450000", "45")]
    [TestCase("450100", "4501")]
    [TestCase("450102", "450102")]
    [TestCase("45", "45")]
    public void SignificantPrefix_TrailingZeroPairs_Removed(string code, string expected) =>
        Assert.That(RegionCodes.SignificantPrefix(code), Is.EqualTo(expected));
}
