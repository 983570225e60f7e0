namespace CloudGov.Scheduling.Rebalancing;

/// <summary>
/// Settings of CloudGov's own rebalancing strategy (<see cref="CloudGovRebalanceStrategy"/>). Bound from
/// <see cref="SectionName"/>; checked by <see cref="CloudGovRebalanceOptionsValidator"/>.
/// </summary>
public sealed class CloudGovRebalanceOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "CloudGov:Scheduling:Rebalance";

    /// <summary>Most moves in one plan; null for no limit. Range ≥ 1.</summary>
    public int? MaxMovesPerPlan { get; set; }

    /// <summary>Most moves leaving one zone in one plan; null for no limit. Range ≥ 1, ≤ <see cref="MaxMovesPerPlan"/>.</summary>
    public int? MaxMovesPerSourceZone { get; set; }

    /// <summary>Most moves of one tenant's workloads in one plan; null for no limit. Range ≥ 1, ≤ <see cref="MaxMovesPerPlan"/>.</summary>
    public int? MaxMovesPerTenant { get; set; }

    /// <summary>A workload moved less than this long ago is not moved again. Default 6 h; range [0, 30 days].</summary>
    public TimeSpan Cooldown { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// Balance phase: a Ready zone whose dominant utilization exceeds the cloud mean by more than this gives up
    /// workloads to colder zones while that lowers the variance of utilization. Default 0.40; range (0, 1]
    /// (1 turns the balance phase off). Hot zones are always cooled to target first, whatever this says.
    /// </summary>
    public double BalanceTolerance { get; set; } = 0.40;

    /// <summary>
    /// Balance phase: the least drop in the sum of squared deviations of dominant utilization, within the zones the
    /// moved workload may use, that a balance move must bring. Default 0.001; range [0, 1]. Moves that gain less are
    /// not worth a migration.
    /// </summary>
    public double MinBalanceGain { get; set; } = 0.001;

    /// <summary>
    /// Keep the moves that lower a hot zone part-way when no set of feasible moves brings it under its target. Default
    /// false: such moves leave the zone hot anyway, so none is planned and the plan's note says so; when true they are
    /// kept and the note says that instead.
    /// </summary>
    public bool KeepPartialCooling { get; set; }

    /// <summary>
    /// Allow make-room chains: move a workload out of a warm zone so that a hot zone's workload fits there. Default true.
    /// </summary>
    public bool MakeRoom { get; set; } = true;

    /// <summary>
    /// Exchange pass: re-cool a zone with fewer moves when re-routing another zone's cooling move frees the room its
    /// larger workloads need (bounded work per plan). Default true.
    /// </summary>
    public bool Exchange { get; set; } = true;

    /// <summary>Move every movable workload out of Draining zones. Default true.</summary>
    public bool EvacuateDrainingZones { get; set; } = true;

    /// <summary>Move workloads whose current zone breaks a hard constraint (level, residency, plane). Default true.</summary>
    public bool RelocateViolations { get; set; } = true;
}
