using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CloudGov.Scheduling.Benchmarks;

/// <summary>
/// CPU time of the calling thread (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>), so background JIT and other
/// threads of the process do not count; elsewhere the process's CPU time.
/// </summary>
internal static partial class ThreadCpuTime
{
    private const int ClockThreadCpuTimeId = 3;

    public static double Milliseconds(Process process)
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTimeId, out Timespec ts) == 0)
        {
            return (ts.Seconds * 1_000.0) + (ts.Nanoseconds / 1_000_000.0);
        }

        process.Refresh();
        return process.TotalProcessorTime.TotalMilliseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clockId, out Timespec value);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
