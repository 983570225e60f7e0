namespace CloudGov.Scheduling.Benchmarks;

/// <summary>The machine's load averages (Linux <c>/proc/loadavg</c>: 1, 5 and 15 minutes), printed beside timings.</summary>
internal static class LoadAverage
{
    /// <summary>"1-min 5-min 15-min", or "n/a" where the file does not exist.</summary>
    public static string Text()
    {
        try
        {
            string[] parts = File.ReadAllText("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return parts.Length >= 3 ? $"{parts[0]} {parts[1]} {parts[2]}" : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
        catch (UnauthorizedAccessException)
        {
            return "n/a";
        }
    }
}
