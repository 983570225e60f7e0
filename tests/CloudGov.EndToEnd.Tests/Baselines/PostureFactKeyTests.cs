using CloudGov.Agent.Providers;
using CloudGov.Baselines.Model;

namespace CloudGov.EndToEnd.Tests.Baselines;

/// <summary>The agents' posture keys and the control plane's are the same list: a renamed key on either side fails here.</summary>
public sealed class PostureFactKeyTests
{
    [Test]
    public void PostureKeys_AgentAndControlPlane_SameNames()
    {
        Assert.That(PostureFactKeys.All, Is.EqualTo(FactKeys.Posture));
    }

    [Test]
    public void Violations_EveryDrillRule_IsABuiltInZoneRuleReadingThatKey()
    {
        var pack = CloudGov.Baselines.Evaluation.BaselinePack.BuiltIn();
        foreach (var (rule, (key, _)) in PostureFactKeys.Violations)
        {
            Assert.That(pack.Find(rule)?.Descriptor.FactKeys, Does.Contain(key), rule);
        }
    }
}
