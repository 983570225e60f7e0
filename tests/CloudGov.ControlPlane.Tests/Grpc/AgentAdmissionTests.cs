using CloudGov.ControlPlane.Grpc;
using CloudGov.ControlPlane.Hosting;
using Microsoft.Extensions.Options;

namespace CloudGov.ControlPlane.Tests.Grpc;

/// <summary>A reconnect burst waits its turn for the zone grains instead of flooding the silo; calls keep their order.</summary>
public sealed class AgentAdmissionTests
{
    private static AgentAdmission Admission(int limit) => new(Options.Create(new ControlPlaneOptions { MaxAgentCallsInFlight = limit }));

    [Test]
    public async Task RunAsync_MoreCallsThanSlots_AtMostTheLimitRunAndTheRestStartInArrivalOrder()
    {
        var admission = Admission(2);
        var gates = Enumerable.Range(0, 5).Select(_ => new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var started = new List<int>();
        var calls = gates.Select((gate, i) => admission.RunAsync(() =>
        {
            lock (started)
            {
                started.Add(i);
            }

            return gate.Task;
        }, CancellationToken.None)).ToArray();

        Assert.That(started, Is.EqualTo(new[] { 0, 1 }), "two slots: the third call waits");

        for (int i = 0; i < gates.Length; i++)
        {
            gates[i].SetResult(i);
            Assert.That(await calls[i], Is.EqualTo(i));
        }

        await Task.WhenAll(calls);
        Assert.That(started, Is.EqualTo(new[] { 0, 1, 2, 3, 4 }), "waiting calls start in the order they arrived (a zone's reports stay in sequence)");
    }

    [Test]
    public async Task RunAsync_CallFails_SlotReleasedForTheNext()
    {
        var admission = Admission(1);

        Assert.That(() => admission.RunAsync<int>(() => throw new InvalidOperationException("grain call failed"), CancellationToken.None), Throws.InvalidOperationException);
        Assert.That(await admission.RunAsync(() => Task.FromResult(7), CancellationToken.None), Is.EqualTo(7));
    }

    [Test]
    public void RunAsync_WaitingCallCancelled_NeverRuns()
    {
        var admission = Admission(1);
        var held = new TaskCompletionSource<int>();
        _ = admission.RunAsync(() => held.Task, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        bool ran = false;

        var waiting = admission.RunAsync(() => { ran = true; return Task.FromResult(1); }, cancel.Token);
        cancel.Cancel();

        Assert.That(() => waiting, Throws.InstanceOf<OperationCanceledException>());
        held.SetResult(0);
        Assert.That(ran, Is.False, "a stream that ended while waiting does not reach the zone grain");
    }

    [Test]
    public void ForStream_OneStreamFloods_HoldsAtMostItsShareAndOtherStreamsStillRun()
    {
        var admission = Admission(8);
        var stuck = admission.ForStream<int>();
        var other = admission.ForStream<int>();
        var never = new TaskCompletionSource<int>();
        int stuckRunning = 0;

        for (int i = 0; i < 20; i++)
        {
            _ = stuck(() => { Interlocked.Increment(ref stuckRunning); return never.Task; }, CancellationToken.None);
        }

        var call = other(() => Task.FromResult(5), CancellationToken.None);

        Assert.That(stuckRunning, Is.EqualTo(AgentAdmission.SlotsPerStream), "a zone whose grain hangs holds only its own share of the slots");
        Assert.That(call.IsCompletedSuccessfully && call.Result == 5, Is.True, "another agent's report is not held up by it");
    }

    [Test]
    public async Task RunAsync_Unbounded_EveryCallRunsAtOnce()
    {
        var admission = Admission(0);
        var gate = new TaskCompletionSource<int>();
        int running = 0;

        var calls = Enumerable.Range(0, 100).Select(_ => admission.RunAsync(() => { Interlocked.Increment(ref running); return gate.Task; }, CancellationToken.None)).ToArray();

        Assert.That(running, Is.EqualTo(100));
        gate.SetResult(1);
        await Task.WhenAll(calls);
    }
}
