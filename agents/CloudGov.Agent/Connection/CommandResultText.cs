using System.Text;

namespace CloudGov.Agent.Connection;

/// <summary>
/// Keeps a command result's message within what the control plane accepts (at most 1,024 characters, no control
/// characters; see the README's "Inputs and limits"), so a long or multi-line failure text — an exception's message,
/// say — never gets the result, and with it the stream, rejected again on every reconnect.
/// </summary>
internal static class CommandResultText
{
    /// <summary>The longest message the control plane accepts.</summary>
    public const int MaxLength = 1024;

    /// <summary><paramref name="result"/> with its message bounded: control characters as spaces, cut at <see cref="MaxLength"/> (never inside a surrogate pair).</summary>
    public static CommandResult Bounded(CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        string message = result.Message;
        if (message.Length <= MaxLength && !message.Any(char.IsControl))
        {
            return result;
        }

        int length = message.Length <= MaxLength ? message.Length : char.IsHighSurrogate(message[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
        var text = new StringBuilder(length);
        foreach (char c in message.AsSpan(0, length))
        {
            text.Append(char.IsControl(c) ? ' ' : c);
        }

        var bounded = result.Clone();
        bounded.Message = text.ToString();
        return bounded;
    }
}
