using CloudGov.Domain;

namespace CloudGov.Scheduling.Model;

/// <summary>
/// Over-commit ratios per resource dimension: a zone may promise <c>capacity × ratio</c> of a dimension.
/// 1.0 means no over-commit. Ratios are at least 1.0.
/// </summary>
public readonly record struct OverCommit(double Cpu = 1.0, double Memory = 1.0, double Storage = 1.0, double Gpu = 1.0)
{
    /// <summary>No over-commit in any dimension.</summary>
    public static OverCommit None => new(1.0, 1.0, 1.0, 1.0);

    /// <summary>The ratio for one dimension (0 CPU, 1 memory, 2 storage, 3 GPU).</summary>
    public double this[int dimension] => dimension switch
    {
        0 => Cpu,
        1 => Memory,
        2 => Storage,
        3 => Gpu,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "A resource vector has 4 dimensions."),
    };

    /// <summary>What the zone may allocate: the capacity scaled by the ratios and rounded down.</summary>
    public ResourceVector Allocatable(ResourceVector capacity) => new(
        (long)Math.Floor(capacity.CpuMillicores * Cpu),
        (long)Math.Floor(capacity.MemoryMiB * Memory),
        (long)Math.Floor(capacity.StorageGiB * Storage),
        (long)Math.Floor(capacity.Gpu * Gpu));

    /// <summary>True when every ratio is finite and at least 1.0.</summary>
    public bool IsValid =>
        Valid(Cpu) && Valid(Memory) && Valid(Storage) && Valid(Gpu);

    private static bool Valid(double r) => double.IsFinite(r) && r >= 1.0;
}
