using CloudGov.Domain;
using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Tests.Support;

namespace CloudGov.Scheduling.Tests.Filters;

public sealed class MlpsLevelFilterTests
{
    [TestCase(MlpsLevel.Level3, MlpsLevel.Level3)]
    [TestCase(MlpsLevel.Level4, MlpsLevel.Level2)]
    public void Admits_ZoneLevelAtLeastWorkloadLevel_Eligible(MlpsLevel zone, MlpsLevel workload)
    {
        var snapshot = CloudSnapshot.Create([Build.Zone("za", level: zone)], []);

        Assert.That(new MlpsLevelFilter().Admits(Build.Context(snapshot, Build.Workload("w", null, level: workload), "za")), Is.True);
    }

    [Test]
    public void Admits_ZoneLevelBelowWorkload_RejectedWithLevels()
    {
        var snapshot = CloudSnapshot.Create([Build.Zone("za", level: MlpsLevel.Level2)], []);
        var context = Build.Context(snapshot, Build.Workload("w", null, level: MlpsLevel.Level3), "za");

        FilterAssert.Rejects(new MlpsLevelFilter(), context, ReasonCodes.MlpsLevelTooLow);
        Assert.That(new MlpsLevelFilter().Explain(context).Chinese, Does.Contain("第2级").And.Contain("第3级"));
    }
}
