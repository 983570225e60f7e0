using CloudGov.Agent.Connection;
using CloudGov.Proto.Agent.V1;

namespace CloudGov.Agent.Tests;

public sealed class CommandResultTextTests
{
    [Test]
    public void Bounded_LongMultiLineMessage_CutAt1024WithoutControlCharacters()
    {
        var result = new CommandResult { CommandId = "c-1", Succeeded = false, Message = "failed:\n" + new string('x', 5000) };

        var bounded = CommandResultText.Bounded(result);

        Assert.That(bounded.Message, Has.Length.EqualTo(1024));
        Assert.That(bounded.Message, Does.StartWith("failed: x"));
        Assert.That(bounded.Message.Any(char.IsControl), Is.False);
        Assert.That(bounded.CommandId, Is.EqualTo("c-1"));
        Assert.That(result.Message, Has.Length.EqualTo(5008), "the original is left as it was");
    }

    [Test]
    public void Bounded_ShortMessage_Unchanged()
    {
        var result = new CommandResult { CommandId = "c-2", Succeeded = true, Message = "ok" };

        Assert.That(CommandResultText.Bounded(result), Is.SameAs(result));
    }
}
