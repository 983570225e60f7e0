using CloudGov.Domain;

namespace CloudGov.Scheduling.Rebalancing;

/// <summary>Utilization per dimension as a fraction of allocatable capacity (may exceed 1 when over-committed).</summary>
public readonly record struct Utilization(double Cpu, double Memory, double Storage, double Gpu)
{
    /// <summary>The largest component (dominant share).</summary>
    public double Dominant => Math.Max(Math.Max(Cpu, Memory), Math.Max(Storage, Gpu));

    /// <summary>A component by index (0 CPU, 1 memory, 2 storage, 3 GPU).</summary>
    public double this[int dimension] => dimension switch
    {
        0 => Cpu,
        1 => Memory,
        2 => Storage,
        3 => Gpu,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "A resource vector has 4 dimensions."),
    };

    /// <summary>The utilization of <paramref name="load"/> on <paramref name="allocatable"/>; 0 where nothing is allocatable or used.</summary>
    public static Utilization Of(ResourceVector load, ResourceVector allocatable) => new(
        Ratio(load, allocatable, 0), Ratio(load, allocatable, 1), Ratio(load, allocatable, 2), Ratio(load, allocatable, 3));

    private static double Ratio(ResourceVector load, ResourceVector allocatable, int d)
    {
        double r = load.RatioOf(allocatable, d);
        return double.IsFinite(r) ? r : 1e9;
    }

    public override string ToString() => $"cpu={Cpu:P1} mem={Memory:P1} storage={Storage:P1} gpu={Gpu:P1}";
}
