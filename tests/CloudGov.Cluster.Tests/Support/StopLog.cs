using System.Text.RegularExpressions;

namespace CloudGov.Cluster.Tests.Support;

/// <summary>What a clean stop must not print: error or critical log lines, stack traces, a non-graceful silo shutdown.</summary>
internal static partial class StopLog
{
    /// <summary>The offending lines of <paramref name="log"/> (empty when the stop was clean).</summary>
    public static IReadOnlyList<string> Problems(string log) =>
        [.. log.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => Offending().IsMatch(l))];

    /// <summary>
    /// The simple console formatter's <c>fail:</c> / <c>crit:</c> prefixes, a stack frame (<c>   at X.Y(…)</c>), an exception
    /// type printed with its message, and Orleans' "non-graceful" shutdown line.
    /// </summary>
    [GeneratedRegex(@"(^|\s)(fail|crit): |^\s+at \S+\(|^\s*[\w.]+Exception: |---> |non-graceful", RegexOptions.CultureInvariant)]
    private static partial Regex Offending();
}
