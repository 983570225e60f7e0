namespace CloudGov.Scheduling.Model;

/// <summary>
/// The ceilings <see cref="CloudSnapshot.Create"/> enforces, chosen so that no sum the scheduler forms can overflow:
/// at most <see cref="MaxWorkloads"/> requests of at most <see cref="MaxWorkloadAmount"/> each add up to at most
/// 2^60 per dimension, a zone's allocatable (capacity ≤ <see cref="MaxZoneAmount"/> × over-commit ≤
/// <see cref="MaxOverCommit"/>) is at most 2^50, and a load plus one request stays below 2^61 — far from
/// <see cref="long.MaxValue"/> (2^63 − 1). Sums are also formed with checked arithmetic as a second line of defence.
/// </summary>
public static class SnapshotLimits
{
    /// <summary>
    /// The most a workload may request in any one dimension: 2^36 (68,719,476,736 millicores ≈ 68.7 million cores,
    /// MiB ≈ 64 PiB, GiB, or devices).
    /// </summary>
    public const long MaxWorkloadAmount = 1L << 36;

    /// <summary>The most a zone's physical capacity may be in any one dimension: 2^44 (≈ 17.6 × 10^12).</summary>
    public const long MaxZoneAmount = 1L << 44;

    /// <summary>The largest over-commit ratio in any dimension: 64.</summary>
    public const double MaxOverCommit = 64.0;

    /// <summary>The most workloads one snapshot may hold: 2^24 (16,777,216).</summary>
    public const int MaxWorkloads = 1 << 24;

    /// <summary>The most zones one snapshot may hold: 65,536.</summary>
    public const int MaxZones = 1 << 16;

    /// <summary>The longest anti-affinity group name, in characters.</summary>
    public const int MaxGroupNameLength = 253;

    /// <summary>The largest migration cost of one workload.</summary>
    public const double MaxMigrationCost = 1e9;
}
