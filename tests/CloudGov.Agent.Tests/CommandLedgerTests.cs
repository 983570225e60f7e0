using CloudGov.Agent.Connection;

namespace CloudGov.Agent.Tests;

public sealed class CommandLedgerTests
{
    [Test]
    public void TryGet_RecordedCommand_ReturnsFirstOutcome()
    {
        var ledger = new CommandLedger();
        ledger.Record(new CommandResult { CommandId = "c-1", Succeeded = true });
        ledger.Record(new CommandResult { CommandId = "c-1", Succeeded = false, Message = "second outcome must not replace the first" });

        Assert.That(ledger.TryGet("c-1", out var result), Is.True);
        Assert.That(result.Succeeded, Is.True);
        Assert.That(ledger.TryGet("c-2", out _), Is.False);
    }

    [Test]
    public void Record_BeyondCapacity_ForgetsTheOldestIds()
    {
        var ledger = new CommandLedger(capacity: 2);
        ledger.Record(new CommandResult { CommandId = "a", Succeeded = true });
        ledger.Record(new CommandResult { CommandId = "b", Succeeded = true });
        ledger.Record(new CommandResult { CommandId = "c", Succeeded = true });

        Assert.That(ledger.TryGet("a", out _), Is.False);
        Assert.That(ledger.TryGet("c", out _), Is.True);
    }
}
