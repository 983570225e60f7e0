using CloudGov.Agent.Connection;
using Microsoft.Extensions.Options;

namespace CloudGov.Agent.Tests;

public sealed class AgentStateTests
{
    private static AgentState NewState() => new(Options.Create(new AgentOptions { ZoneId = "gx-test", BacklogCapacity = 100 }));

    [Test]
    public void Welcomed_ControlPlaneAhead_SequenceContinuesAfterIt()
    {
        var state = NewState();
        state.NextSequence();

        state.Welcomed(lastAccepted: 41);

        Assert.That(state.NextSequence(), Is.EqualTo(42UL));
    }

    [Test]
    public void Welcomed_ControlPlaneBehind_SequenceNeverGoesBackAndBacklogKeepsUnstored()
    {
        var state = NewState();
        for (int i = 0; i < 5; i++)
        {
            state.Backlog.Add(new ZoneReport { Sequence = state.NextSequence() });
        }

        state.Welcomed(lastAccepted: 2);

        Assert.That(state.NextSequence(), Is.EqualTo(6UL));
        Assert.That(state.Backlog.Snapshot().Select(r => r.Sequence), Is.EqualTo(new ulong[] { 3, 4, 5 }));
        Assert.That(state.Acknowledged, Is.EqualTo(2UL));
    }
}
