namespace CloudGov.Domain;

/// <summary>A zone's status in the one cloud. Only <see cref="Ready"/> zones receive new workloads.</summary>
[GenerateSerializer, Alias("cloudgov.ZoneStatus")]
public enum ZoneStatus
{
    /// <summary>Registered but never reported.</summary>
    Unknown = 0,

    /// <summary>Reporting on time; eligible for placement.</summary>
    Ready = 1,

    /// <summary>Reporting, but the agent says the zone is impaired.</summary>
    Degraded = 2,

    /// <summary>The agent missed reports past the staleness window.</summary>
    Unreachable = 3,

    /// <summary>An operator is emptying the zone.</summary>
    Draining = 4,

    /// <summary>Blocked by an enforced security baseline.</summary>
    Quarantined = 5,
}
