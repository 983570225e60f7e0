namespace CloudGov.Domain;

/// <summary>A workload's lifecycle state inside its zone, as the agent observes it.</summary>
[GenerateSerializer, Alias("cloudgov.WorkloadState")]
public enum WorkloadState
{
    /// <summary>Not reported.</summary>
    Unspecified = 0,

    /// <summary>Being created.</summary>
    Pending = 1,

    /// <summary>Running.</summary>
    Running = 2,

    /// <summary>Failed.</summary>
    Failed = 3,

    /// <summary>Being removed.</summary>
    Terminating = 4,
}
