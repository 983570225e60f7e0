namespace CloudGov.ControlPlane.PlanStreams;

/// <summary>How a host serves <c>WatchPlan</c> streams. Bound from the <c>PlanWatch</c> configuration section.</summary>
public sealed class PlanWatchOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "PlanWatch";

    /// <summary>
    /// The most WatchPlan streams one host serves at once; one more is refused with ResourceExhausted until a stream ends.
    /// Default 256; 1 to 10,000.
    /// </summary>
    public int MaxStreamsPerHost { get; set; } = 256;

    /// <summary>
    /// The safety net: a stream re-reads its plan this long after its last read even without a change signal, in case a
    /// one-way signal of the live feed was lost. Changes themselves are pushed. Default 15 s; 1 s to 10 min.
    /// </summary>
    public TimeSpan SafetyRereadInterval { get; set; } = TimeSpan.FromSeconds(15);
}
