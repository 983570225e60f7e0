using CloudGov.Domain;
using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Tests.Support;

namespace CloudGov.Scheduling.Tests.Filters;

public sealed class NetworkPlaneFilterTests
{
    [Test]
    public void Admits_SamePlane_Eligible()
    {
        var snapshot = CloudSnapshot.Create([Build.Zone("za", plane: NetworkPlane.Internet)], []);

        Assert.That(new NetworkPlaneFilter().Admits(Build.Context(snapshot, Build.Workload("w", null, plane: NetworkPlane.Internet), "za")), Is.True);
    }

    [Test]
    public void Admits_OtherPlane_RejectedNamingBothPlanes()
    {
        var snapshot = CloudSnapshot.Create([Build.Zone("za", plane: NetworkPlane.Internet)], []);
        var context = Build.Context(snapshot, Build.Workload("w", null, plane: NetworkPlane.EGovIntranet), "za");

        FilterAssert.Rejects(new NetworkPlaneFilter(), context, ReasonCodes.NetworkPlaneMismatch);
        Assert.That(new NetworkPlaneFilter().Explain(context).Chinese, Does.Contain("互联网区").And.Contain("政务内网"));
    }
}
