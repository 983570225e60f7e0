namespace CloudGov.Cluster.Tests.Support;

/// <summary>Searches a host's whole log file (<see cref="HostProcess.ReadLog"/> keeps only the tail).</summary>
internal static class HostLog
{
    /// <summary>The host's log from character <paramref name="from"/> on.</summary>
    public static string Read(HostProcess host, int from = 0)
    {
        using var stream = new FileStream(host.LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        return from <= 0 ? text : from >= text.Length ? string.Empty : text[from..];
    }

    /// <summary>How many characters the host's log holds now (a mark for <see cref="Read"/>).</summary>
    public static int Length(HostProcess host) => Read(host).Length;

    /// <summary>True when the host's log, from <paramref name="from"/> on, contains <paramref name="text"/>.</summary>
    public static bool Contains(HostProcess host, string text, int from = 0) =>
        Read(host, from).Contains(text, StringComparison.Ordinal);
}
