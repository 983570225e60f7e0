using System.Runtime.InteropServices;

namespace CloudGov.Ledger.Benchmarks;

/// <summary>glibc's view of the native heap (SQLite, the runtime's own allocations): in use, and free but still held.</summary>
internal static class NativeHeap
{
    /// <summary>Bytes malloc has handed out and not had back (arenas plus mmapped chunks), and bytes free in its arenas; zeros off glibc.</summary>
    public static (long InUse, long FreeHeld) Read()
    {
        if (!OperatingSystem.IsLinux())
        {
            return (0, 0);
        }

        try
        {
            var info = MallInfo2();
            return ((long)(info.Uordblks + info.Hblkhd), (long)info.Fordblks);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return (0, 0);
        }
    }

    /// <summary>Asks glibc to give free arena memory back to the system (malloc_trim(0)); false off glibc.</summary>
    public static bool Trim()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            MallocTrim(0);
            return true;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc.so.6", EntryPoint = "mallinfo2")]
    private static extern MallInfo MallInfo2();

    [DllImport("libc.so.6", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo
    {
        public nuint Arena;
        public nuint Ordblks;
        public nuint Smblks;
        public nuint Hblks;
        public nuint Hblkhd;
        public nuint Usmblks;
        public nuint Fsmblks;
        public nuint Uordblks;
        public nuint Fordblks;
        public nuint Keepcost;
    }
}
