using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Tests.Support;

namespace CloudGov.Scheduling.Tests.Filters;

public sealed class AntiAffinityFilterTests
{
    [Test]
    public void Admits_NoGroupMemberInZone_Eligible()
    {
        var snapshot = CloudSnapshot.Create([Build.Zone("za"), Build.Zone("zb")], [Build.Workload("w1", "zb", group: "ha")]);

        Assert.That(new AntiAffinityFilter().Admits(Build.Context(snapshot, Build.Workload("w2", null, group: "ha"), "za")), Is.True);
    }

    [Test]
    public void Admits_NoGroup_Eligible()
    {
        var snapshot = CloudSnapshot.Create([Build.Zone("za")], [Build.Workload("w1", "za", group: "ha")]);

        Assert.That(new AntiAffinityFilter().Admits(Build.Context(snapshot, Build.Workload("w2", null), "za")), Is.True);
    }

    [Test]
    public void Admits_GroupMemberInZone_RejectedNamingGroup()
    {
        var snapshot = CloudSnapshot.Create([Build.Zone("za")], [Build.Workload("w1", "za", group: "ha-db")]);
        var context = Build.Context(snapshot, Build.Workload("w2", null, group: "ha-db"), "za");

        FilterAssert.Rejects(new AntiAffinityFilter(), context, ReasonCodes.AntiAffinityConflict);
        Assert.That(new AntiAffinityFilter().Explain(context).English, Does.Contain("ha-db"));
    }
}
