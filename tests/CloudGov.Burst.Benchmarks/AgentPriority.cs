using System.Globalization;
using System.Runtime.InteropServices;

namespace CloudGov.Burst.Benchmarks;

/// <summary>
/// The CPU priority of this process, which runs the N simulated agents. In a deployment the agents run in their own
/// zones, on other machines: their TLS handshakes and streams never take the host's cores. Here they share the host's
/// two, so <c>--agents-nice 19</c> lets the host and the operator's sampler go first whenever both want the CPU. Linux's
/// nice value belongs to each thread, not to the process, so every thread of this process is set (threads started
/// later inherit it from the thread that starts them).
/// </summary>
internal static partial class AgentPriority
{
    private const int PrioProcess = 0;

    /// <summary>Sets the nice value of every thread of this process; returns how many threads refused it.</summary>
    public static int Set(int nice)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("--agents-nice needs Linux (per-thread nice values)");
        }

        int refused = 0;
        foreach (string task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            if (int.TryParse(Path.GetFileName(task), NumberStyles.None, CultureInfo.InvariantCulture, out int tid)
                && SetPriority(PrioProcess, tid, nice) != 0)
            {
                refused++;
            }
        }

        return refused;
    }

    [LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, int who, int prio);
}
