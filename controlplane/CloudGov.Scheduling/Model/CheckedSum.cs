using CloudGov.Domain;

namespace CloudGov.Scheduling.Model;

/// <summary>Resource-vector sums that throw <see cref="OverflowException"/> instead of wrapping.</summary>
internal static class CheckedSum
{
    /// <summary><paramref name="a"/> + <paramref name="b"/>, checked per dimension.</summary>
    public static ResourceVector Add(ResourceVector a, ResourceVector b) => new(
        checked(a.CpuMillicores + b.CpuMillicores),
        checked(a.MemoryMiB + b.MemoryMiB),
        checked(a.StorageGiB + b.StorageGiB),
        checked(a.Gpu + b.Gpu));

    /// <summary><paramref name="a"/> − <paramref name="b"/>, checked per dimension.</summary>
    public static ResourceVector Subtract(ResourceVector a, ResourceVector b) => new(
        checked(a.CpuMillicores - b.CpuMillicores),
        checked(a.MemoryMiB - b.MemoryMiB),
        checked(a.StorageGiB - b.StorageGiB),
        checked(a.Gpu - b.Gpu));
}
