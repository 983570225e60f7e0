namespace CloudGov.ControlPlane.Grains.Placement;

/// <summary>How new workloads are placed. Bound from the <c>Placement</c> configuration section.</summary>
public sealed class PlacementOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Placement";

    /// <summary>
    /// How long a place command stays valid: an agent that receives it later refuses it, and the placement stops
    /// holding room for it in the chosen zone. Default 10 min; 10 s to 1 day, and at least twice
    /// <c>Zones:ReportInterval</c> (the agent must be able to report the workload before the reservation lapses).
    /// </summary>
    public TimeSpan CommandDeadline { get; set; } = TimeSpan.FromMinutes(10);
}
