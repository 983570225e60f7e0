namespace CloudGov.Domain;

/// <summary>Sums of resource vectors that never wrap around: checked where a sum must be exact, saturating for totals shown to people.</summary>
public static class ResourceSums
{
    /// <summary><paramref name="a"/> + <paramref name="b"/>; throws <see cref="OverflowException"/> rather than wrap.</summary>
    public static ResourceVector Checked(ResourceVector a, ResourceVector b) => new(
        checked(a.CpuMillicores + b.CpuMillicores),
        checked(a.MemoryMiB + b.MemoryMiB),
        checked(a.StorageGiB + b.StorageGiB),
        checked(a.Gpu + b.Gpu));

    /// <summary><paramref name="a"/> + <paramref name="b"/>, each component held at <see cref="long.MaxValue"/> / <see cref="long.MinValue"/> instead of wrapping.</summary>
    public static ResourceVector Saturating(ResourceVector a, ResourceVector b) => new(
        Add(a.CpuMillicores, b.CpuMillicores),
        Add(a.MemoryMiB, b.MemoryMiB),
        Add(a.StorageGiB, b.StorageGiB),
        Add(a.Gpu, b.Gpu));

    private static long Add(long x, long y)
    {
        long sum = unchecked(x + y);
        // Overflow happened when both operands share a sign that the sum does not.
        return ((x ^ sum) & (y ^ sum)) < 0 ? (x < 0 ? long.MinValue : long.MaxValue) : sum;
    }
}
