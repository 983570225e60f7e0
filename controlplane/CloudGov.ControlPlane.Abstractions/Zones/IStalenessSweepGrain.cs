namespace CloudGov.ControlPlane.Abstractions.Zones;

/// <summary>Runs the staleness sweep once for the cluster (key 0), whichever host's trigger fired.</summary>
[Alias("cloudgov.IStalenessSweepGrain")]
public interface IStalenessSweepGrain : IGrainWithIntegerKey
{
    /// <summary>Moves every zone whose agent went silent past the staleness window to Unreachable; returns how many moved.</summary>
    [Alias("Sweep")]
    Task<int> SweepAsync();
}
