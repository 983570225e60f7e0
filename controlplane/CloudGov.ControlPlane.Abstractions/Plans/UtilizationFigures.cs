namespace CloudGov.ControlPlane.Abstractions.Plans;

/// <summary>Predicted utilization per dimension, as a fraction of allocatable capacity (requests over allocatable).</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.UtilizationFigures")]
public sealed record UtilizationFigures(
    [property: Id(0)] double Cpu,
    [property: Id(1)] double Memory,
    [property: Id(2)] double Storage,
    [property: Id(3)] double Gpu)
{
    /// <summary>The largest component (dominant share).</summary>
    public double Dominant => Math.Max(Math.Max(Cpu, Memory), Math.Max(Storage, Gpu));
}
