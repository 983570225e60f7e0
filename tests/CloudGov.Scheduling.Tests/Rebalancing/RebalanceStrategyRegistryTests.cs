using CloudGov.Scheduling.Rebalancing;
using CloudGov.Scheduling.Tests.Support;

namespace CloudGov.Scheduling.Tests.Rebalancing;

public sealed class RebalanceStrategyRegistryTests
{
    [Test]
    public void Get_RegisteredName_CaseInsensitive()
    {
        var registry = new RebalanceStrategyRegistry([Build.Strategy()]);

        Assert.That(registry.Get("CloudGov").Name, Is.EqualTo(CloudGovRebalanceStrategy.StrategyName));
    }

    [Test]
    public void Get_UnknownName_ThrowsListingKnownNames() =>
        Assert.That(() => new RebalanceStrategyRegistry([Build.Strategy()]).Get("nope"), Throws.InstanceOf<KeyNotFoundException>().With.Message.Contains("cloudgov"));

    [Test]
    public void Register_DuplicateName_Throws() =>
        Assert.That(() => new RebalanceStrategyRegistry([Build.Strategy(), Build.Strategy()]), Throws.ArgumentException);
}
