namespace CloudGov.Domain;

/// <summary>
/// One resource vector for capacity, requests, usage and quota, so VMs and pods share one model.
/// CPU in millicores, memory in MiB, storage in GiB, GPU in whole devices. All components are non-negative
/// for capacity, requests and quota; differences may be negative.
/// </summary>
[GenerateSerializer, Immutable, Alias("cloudgov.ResourceVector")]
public readonly record struct ResourceVector(
    [property: Id(0)] long CpuMillicores,
    [property: Id(1)] long MemoryMiB,
    [property: Id(2)] long StorageGiB,
    [property: Id(3)] long Gpu = 0)
{
    /// <summary>The number of dimensions a vector has (CPU, memory, storage, GPU).</summary>
    public const int Dimensions = 4;

    /// <summary>Names of the dimensions, in index order; used for labels and reasons.</summary>
    public static readonly IReadOnlyList<string> DimensionNames = ["cpu", "memory", "storage", "gpu"];

    /// <summary>The zero vector.</summary>
    public static ResourceVector Zero => default;

    /// <summary>Gets a component by index: 0 CPU, 1 memory, 2 storage, 3 GPU.</summary>
    public long this[int dimension] => dimension switch
    {
        0 => CpuMillicores,
        1 => MemoryMiB,
        2 => StorageGiB,
        3 => Gpu,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "A resource vector has 4 dimensions."),
    };

    /// <summary>True when every component is zero or more.</summary>
    public bool IsNonNegative => CpuMillicores >= 0 && MemoryMiB >= 0 && StorageGiB >= 0 && Gpu >= 0;

    /// <summary>True when every component is zero.</summary>
    public bool IsZero => CpuMillicores == 0 && MemoryMiB == 0 && StorageGiB == 0 && Gpu == 0;

    public static ResourceVector operator +(ResourceVector a, ResourceVector b) =>
        new(a.CpuMillicores + b.CpuMillicores, a.MemoryMiB + b.MemoryMiB, a.StorageGiB + b.StorageGiB, a.Gpu + b.Gpu);

    public static ResourceVector operator -(ResourceVector a, ResourceVector b) =>
        new(a.CpuMillicores - b.CpuMillicores, a.MemoryMiB - b.MemoryMiB, a.StorageGiB - b.StorageGiB, a.Gpu - b.Gpu);

    /// <summary>True when every component of <paramref name="other"/> is at least this vector's.</summary>
    public bool FitsWithin(ResourceVector other) =>
        CpuMillicores <= other.CpuMillicores && MemoryMiB <= other.MemoryMiB && StorageGiB <= other.StorageGiB && Gpu <= other.Gpu;

    /// <summary>Each component multiplied by a factor and rounded down.</summary>
    public ResourceVector Scale(double factor) => new(
        (long)Math.Floor(CpuMillicores * factor),
        (long)Math.Floor(MemoryMiB * factor),
        (long)Math.Floor(StorageGiB * factor),
        (long)Math.Floor(Gpu * factor));

    /// <summary>The component-wise maximum of two vectors.</summary>
    public static ResourceVector Max(ResourceVector a, ResourceVector b) => new(
        Math.Max(a.CpuMillicores, b.CpuMillicores), Math.Max(a.MemoryMiB, b.MemoryMiB),
        Math.Max(a.StorageGiB, b.StorageGiB), Math.Max(a.Gpu, b.Gpu));

    /// <summary>
    /// This vector as a fraction of <paramref name="capacity"/> in one dimension; 0 where the capacity has none
    /// of that dimension and nothing is used.
    /// </summary>
    public double RatioOf(ResourceVector capacity, int dimension)
    {
        long cap = capacity[dimension];
        long used = this[dimension];
        if (cap <= 0)
        {
            return used <= 0 ? 0 : double.PositiveInfinity;
        }

        return (double)used / cap;
    }

    /// <summary>The largest per-dimension fraction of <paramref name="capacity"/> (the dominant share).</summary>
    public double DominantRatioOf(ResourceVector capacity)
    {
        double max = 0;
        for (int d = 0; d < Dimensions; d++)
        {
            max = Math.Max(max, RatioOf(capacity, d));
        }

        return max;
    }

    public override string ToString() =>
        $"cpu={CpuMillicores}m mem={MemoryMiB}Mi storage={StorageGiB}Gi gpu={Gpu}";
}
