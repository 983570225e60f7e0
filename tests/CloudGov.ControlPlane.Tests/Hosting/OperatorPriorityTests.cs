using CloudGov.ControlPlane.Grpc;
using CloudGov.ControlPlane.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CloudGov.ControlPlane.Tests.Hosting;

/// <summary>Operators first: an agent admission holding its slot waits for operators' requests in flight, at most the pause.</summary>
public sealed class OperatorPriorityTests
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(50);

    [Test]
    public void YieldAsync_NoOperatorRequestInFlight_CompletesAtOnce()
    {
        var priority = new OperatorPriority(Pause, new FakeTimeProvider());

        using (priority.Enter())
        {
        }

        Assert.That(priority.YieldAsync(CancellationToken.None).IsCompleted, Is.True);
        Assert.That(priority.InFlight, Is.Zero);
    }

    [Test]
    public async Task YieldAsync_OperatorRequestInFlight_CompletesWhenTheLastOneEndsAndNotBefore()
    {
        var priority = new OperatorPriority(Pause, new FakeTimeProvider());
        var first = priority.Enter();
        var second = priority.Enter();

        var waiting = priority.YieldAsync(CancellationToken.None);
        first.Dispose();
        first.Dispose(); // a handle counts once
        Assert.That(waiting.IsCompleted, Is.False, "one operator request is still in flight");

        second.Dispose();
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(priority.InFlight, Is.Zero);
    }

    [Test]
    public async Task YieldAsync_OperatorCallingBackToBack_AgentWaitsAtMostThePause()
    {
        var time = new FakeTimeProvider();
        var priority = new OperatorPriority(Pause, time);
        using var endless = priority.Enter();

        var waiting = priority.YieldAsync(CancellationToken.None);
        time.Advance(Pause - TimeSpan.FromMilliseconds(1));
        Assert.That(waiting.IsCompleted, Is.False);

        time.Advance(TimeSpan.FromMilliseconds(1));
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(priority.InFlight, Is.EqualTo(1), "the operator's request is still counted");
    }

    [Test]
    public void Off_NothingCountedAndNoWait()
    {
        var priority = new OperatorPriority(TimeSpan.Zero, new FakeTimeProvider());
        using var request = priority.Enter();

        Assert.That(priority.InFlight, Is.Zero);
        Assert.That(priority.YieldAsync(CancellationToken.None).IsCompleted, Is.True);
    }

    [Test]
    public async Task AgentAdmission_OperatorRequestInFlight_AgentCallStartsOnlyOnceItEnds()
    {
        var priority = new OperatorPriority(TimeSpan.FromSeconds(1), new FakeTimeProvider());
        var admission = new AgentAdmission(Options.Create(new ControlPlaneOptions { MaxAgentCallsInFlight = 4 }), priority);
        var operatorCall = priority.Enter();
        bool started = false;

        var agentCall = admission.RunAsync(() => { started = true; return Task.FromResult(1); }, CancellationToken.None);
        Assert.That(started, Is.False, "the registration waits for the operator's call");

        operatorCall.Dispose();
        Assert.That(await agentCall.WaitAsync(TimeSpan.FromSeconds(10)), Is.EqualTo(1));
        Assert.That(started, Is.True);
    }
}
