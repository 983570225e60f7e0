using System.Diagnostics;

namespace CloudGov.ControlPlane.Hosting;

/// <summary>
/// The clock of Orleans' membership and silo watchdog (<c>TimeProviderNames.Membership</c>): real time, with
/// monotonic timestamps counted from when this clock was made instead of from the machine's boot.
/// <para>
/// Why: Orleans' <c>Watchdog.Start</c> starts its platform thread before it sets the component thread's first
/// timestamp, and that thread's first check computes <c>GetElapsedTime(0)</c> — with the system clock, the time since
/// boot — so every start logged "Participant check thread has not completed for &lt;machine uptime&gt;". Counted from
/// this clock's creation (moments before the silo starts), the unset timestamp reads as the few seconds of start-up,
/// below the warning's threshold (twice <c>ClusterMembershipOptions.LocalHealthDegradationMonitoringPeriod</c>), while a
/// real stall is still reported with its true length. Membership only ever compares these timestamps with each other.
/// </para>
/// </summary>
internal sealed class MembershipClock : TimeProvider
{
    // One tick before now, so no timestamp handed out is zero (the value Orleans leaves unset).
    private readonly long _origin = Stopwatch.GetTimestamp() - 1;

    /// <inheritdoc />
    public override long GetTimestamp() => Stopwatch.GetTimestamp() - _origin;
}
