namespace CloudGov.Domain;

/// <summary>
/// Bounds on what a zone may report. Anything outside is treated as a broken agent, not as data:
/// the report is rejected and nothing changes.
/// </summary>
public static class ZoneLimits
{
    /// <summary>The largest capacity a single zone may report: 100,000 cores, 1 PiB memory, 1 EiB storage, 100,000 GPUs.</summary>
    public static readonly ResourceVector MaxCapacity = new(100_000_000, 1L << 30, 1L << 30, 100_000);

    /// <summary>Usage may exceed capacity by measurement noise, but never by more than this factor.</summary>
    public const double MaxUsageOverCapacity = 2.0;

    /// <summary>The most workloads one report may carry.</summary>
    public const int MaxWorkloadsPerReport = 10_000;

    /// <summary>The most posture facts one report may carry.</summary>
    public const int MaxPostureFacts = 256;

    /// <summary>The longest id (workload, tenant) accepted.</summary>
    public const int MaxIdLength = 128;

    /// <summary>The most labels a zone may carry.</summary>
    public const int MaxLabels = 32;

    /// <summary>The largest over-commit ratio accepted.</summary>
    public const double MaxOvercommit = 10.0;

    /// <summary>How far in the future an observation time may lie before it is rejected (clock skew allowance).</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);
}
