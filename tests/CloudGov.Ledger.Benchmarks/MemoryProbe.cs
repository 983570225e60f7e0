using System.Diagnostics;
using System.Runtime;

namespace CloudGov.Ledger.Benchmarks;

/// <summary>One memory reading after full, blocking, compacting collections.</summary>
/// <param name="Rss">Resident set size from /proc/self/statm (bytes).</param>
/// <param name="WorkingSet">Process.WorkingSet64 after Refresh (bytes).</param>
/// <param name="Managed">GC.GetTotalMemory(true) (bytes).</param>
/// <param name="Committed">The GC's committed bytes.</param>
/// <param name="NativeInUse">Native heap in use (glibc mallinfo2: allocated arena bytes plus mmapped chunks).</param>
/// <param name="NativeFree">Native heap free but held by glibc's arenas.</param>
internal readonly record struct MemoryReading(long Rss, long WorkingSet, long Managed, long Committed, long NativeInUse, long NativeFree)
{
    /// <summary>The parts of this reading, for a log line.</summary>
    public string Describe() =>
        $"RSS {Mib(Rss)} (working set {Mib(WorkingSet)}), managed heap {Mib(Managed)}, GC committed {Mib(Committed)}, native heap in use {Mib(NativeInUse)} + free held {Mib(NativeFree)}";

    public static string Mib(long bytes) => $"{bytes / 1048576.0:F1} MiB";
}

/// <summary>Reads memory the same way for the reference and the loaded host.</summary>
internal static class MemoryProbe
{
    /// <summary>The GC's generations after the last collection: size and fragmentation of each, and what it keeps committed.</summary>
    public static string Generations()
    {
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        string[] names = ["gen0", "gen1", "gen2", "LOH", "POH"];
        var parts = info.GenerationInfo.ToArray().Select((g, i) => $"{(i < names.Length ? names[i] : $"gen{i}")} {MemoryReading.Mib(g.SizeAfterBytes)} (free {MemoryReading.Mib(g.FragmentationAfterBytes)})");
        return $"heap {MemoryReading.Mib(info.HeapSizeBytes)}, committed {MemoryReading.Mib(info.TotalCommittedBytes)}, fragmented {MemoryReading.Mib(info.FragmentedBytes)}; {string.Join(", ", parts)}";
    }

    /// <summary>RSS after glibc has been asked to return its free arena memory (malloc_trim(0)).</summary>
    public static long RssAfterMallocTrim()
    {
        NativeHeap.Trim();
        return StatmRss();
    }

    /// <summary>
    /// GC.Collect(2, Forced, blocking, compacting) twice with the finalizers in between (LOH compacted too), then RSS;
    /// the median of three such readings 500 ms apart (grain timers keep running meanwhile). With
    /// <paramref name="aggressive"/>, the collections are GCCollectionMode.Aggressive, which also decommits free regions.
    /// </summary>
    public static async Task<MemoryReading> ReadAsync(bool aggressive = false)
    {
        var readings = new List<MemoryReading>();
        for (int i = 0; i < 3; i++)
        {
            if (i > 0)
            {
                await Task.Delay(500);
            }

            readings.Add(ReadOnce(aggressive));
        }

        return readings.OrderBy(r => r.Rss).ElementAt(1);
    }

    private static MemoryReading ReadOnce(bool aggressive)
    {
        var mode = aggressive ? GCCollectionMode.Aggressive : GCCollectionMode.Forced;
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, mode, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, mode, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        long managed = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var (nativeInUse, nativeFree) = NativeHeap.Read();
        return new MemoryReading(StatmRss(), process.WorkingSet64, managed, GC.GetGCMemoryInfo().TotalCommittedBytes, nativeInUse, nativeFree);
    }

    private static long StatmRss()
    {
        try
        {
            var fields = File.ReadAllText("/proc/self/statm").Split(' ');
            return long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) * Environment.SystemPageSize;
        }
        catch (IOException)
        {
            using var process = Process.GetCurrentProcess();
            return process.WorkingSet64;
        }
    }
}
