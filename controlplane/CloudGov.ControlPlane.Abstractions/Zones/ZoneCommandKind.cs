namespace CloudGov.ControlPlane.Abstractions.Zones;

/// <summary>What a command asks the zone's agent to do.</summary>
[GenerateSerializer, Alias("cloudgov.ZoneCommandKind")]
public enum ZoneCommandKind
{
    /// <summary>Create the workload in the zone.</summary>
    Place = 1,

    /// <summary>Remove the workload from the zone.</summary>
    Remove = 2,
}
