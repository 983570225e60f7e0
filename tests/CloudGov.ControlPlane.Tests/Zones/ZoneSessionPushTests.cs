using CloudGov.ControlPlane.Grains.Zones;
using Microsoft.Extensions.Logging;

namespace CloudGov.ControlPlane.Tests.Zones;

/// <summary>The zone grain's push to the host serving its stream: one call in flight, latest value wins, a dead host is dropped once.</summary>
public sealed class ZoneSessionPushTests
{
    [Test]
    public void Durable_WhileAPushIsInFlight_SendsOnlyTheLatestAfterIt()
    {
        var observer = new ManualObserver();
        var logger = new CountingLogger();
        var push = new ZoneSessionPush("nn-a", logger);
        var session = Guid.NewGuid();
        push.Subscribe(session, observer, durable: 1);

        push.Durable(2);
        push.Durable(3);
        push.Durable(4);
        Assert.That(observer.Calls, Is.EqualTo(new ulong[] { 2 }), "one push in flight; the rest wait for it");

        observer.CompleteNext();
        Assert.That(observer.Calls, Is.EqualTo(new ulong[] { 2, 4 }), "then only the latest durable sequence");

        observer.CompleteNext();
        push.Durable(4);
        Assert.That(observer.Calls, Is.EqualTo(new ulong[] { 2, 4 }), "nothing the subscriber already knows is pushed again");
    }

    [Test]
    public void Durable_ObserverDead_DroppedAndLoggedOnce_NoFurtherCalls()
    {
        var observer = new ManualObserver();
        var logger = new CountingLogger();
        var push = new ZoneSessionPush("nn-a", logger);
        push.Subscribe(Guid.NewGuid(), observer, durable: 0);

        push.Durable(1);
        observer.FailNext(new TimeoutException("the host is gone"));
        for (ulong sequence = 2; sequence < 100; sequence++)
        {
            push.Durable(sequence);
        }

        Assert.That(observer.Calls, Is.EqualTo(new ulong[] { 1 }), "a dead host gets no further calls");
        Assert.That(logger.Count, Is.EqualTo(1), "one line for the lost subscriber, not one per flush");
    }

    [Test]
    public async Task Durable_AfterSessionEndedOrReplaced_NotPushedToTheOldHost()
    {
        var observer = new ManualObserver();
        var push = new ZoneSessionPush("nn-a", new CountingLogger());
        var first = Guid.NewGuid();
        push.Subscribe(first, observer, durable: 0);

        push.SessionStarted(Guid.NewGuid());
        push.Durable(1);
        Assert.That(observer.Calls, Is.Empty, "a newer session's registration ends the older subscription");

        var second = Guid.NewGuid();
        push.Subscribe(second, observer, durable: 1);
        await push.SessionEndedAsync(first);
        push.Durable(2);
        Assert.That(observer.Calls, Is.EqualTo(new ulong[] { 2 }), "an older session ending does not end the current one");

        var ending = push.SessionEndedAsync(second);
        Assert.That(ending.IsCompleted, Is.False, "ending the session hands back the push still on its way, so the host deletes its observer after it lands");
        observer.CompleteNext();
        await ending;
        push.Durable(3);
        Assert.That(observer.Calls, Is.EqualTo(new ulong[] { 2 }));
    }

    [Test]
    public void CommandStored_Subscribed_PushedAtOnce_AndFoldedWhileAPushIsInFlight()
    {
        var observer = new ManualObserver();
        var push = new ZoneSessionPush("nn-a", new CountingLogger());
        push.Subscribe(Guid.NewGuid(), observer, durable: 0);

        push.CommandStored();
        Assert.That(observer.Log, Is.EqualTo(new[] { "command" }), "a stored command is announced at once");

        push.CommandStored();
        push.Durable(1);
        push.CommandStored();
        observer.CompleteNext();
        Assert.That(observer.Log, Is.EqualTo(new[] { "command", "command" }), "commands stored meanwhile make one more notice, sent first");
        observer.CompleteNext();
        Assert.That(observer.Log, Is.EqualTo(new[] { "command", "command", "durable 1" }), "and the durable sequence follows");
        observer.CompleteNext();
        Assert.That(observer.Log, Has.Count.EqualTo(3), "nothing left to tell");
    }

    [Test]
    public void CommandStored_NoSubscription_NothingSent_AndANewSubscriptionStartsClean()
    {
        var observer = new ManualObserver();
        var push = new ZoneSessionPush("nn-a", new CountingLogger());

        push.CommandStored();
        push.Subscribe(Guid.NewGuid(), observer, durable: 0);
        push.Durable(0);

        Assert.That(observer.Log, Is.Empty, "a session reads the pending commands once it subscribed; an earlier notice is not replayed");
    }

    /// <summary>An observer whose calls complete when the test says so (continuations run inline, so the test is deterministic).</summary>
    private sealed class ManualObserver : IZoneSessionObserver
    {
        private readonly Queue<TaskCompletionSource> _pending = new();

        public List<ulong> Calls { get; } = [];

        /// <summary>Every call in order: "durable N" or "command".</summary>
        public List<string> Log { get; } = [];

        public Task OnDurableAsync(ulong durableSequence)
        {
            Calls.Add(durableSequence);
            Log.Add($"durable {durableSequence}");
            return Pending();
        }

        public Task OnCommandAvailableAsync()
        {
            Log.Add("command");
            return Pending();
        }

        private Task Pending()
        {
            var call = new TaskCompletionSource();
            _pending.Enqueue(call);
            return call.Task;
        }

        public void CompleteNext() => _pending.Dequeue().SetResult();

        public void FailNext(Exception exception) => _pending.Dequeue().SetException(exception);
    }

    private sealed class CountingLogger : ILogger
    {
        public int Count { get; private set; }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) => Count++;
    }
}
