namespace CloudGov.ControlPlane.Grains;

/// <summary>
/// The clock the grains read for domain time (report ages, staleness, expiry). Kept apart from the silo's own
/// <see cref="TimeProvider"/> so tests can move domain time with a FakeTimeProvider without moving Orleans' timers.
/// </summary>
public sealed class ControlPlaneClock(TimeProvider time)
{
    /// <summary>The underlying time provider.</summary>
    public TimeProvider Time { get; } = time;

    /// <summary>The current UTC time.</summary>
    public DateTimeOffset UtcNow => Time.GetUtcNow();
}
