using System.Globalization;
using k8s.Models;

namespace CloudGov.Agent.Providers.Kubernetes;

/// <summary>Between Kubernetes resource lists (cpu, memory, ephemeral-storage, nvidia.com/gpu) and CloudGov's resource vector.</summary>
internal static class KubernetesResources
{
    public const string Cpu = "cpu";
    public const string Memory = "memory";
    public const string Storage = "ephemeral-storage";
    public const string Gpu = "nvidia.com/gpu";

    private const decimal Mebi = 1024m * 1024m;
    private const decimal Gibi = 1024m * 1024m * 1024m;

    /// <summary>A resource list as a vector: CPU in millicores (rounded up), memory in MiB and storage in GiB (rounded down), whole GPUs.</summary>
    public static ResourceVector ToVector(IDictionary<string, ResourceQuantity>? resources)
    {
        var vector = new ResourceVector();
        if (resources is null)
        {
            return vector;
        }

        if (resources.TryGetValue(Cpu, out var cpu) && cpu is not null)
        {
            vector.CpuMillicores = (long)Math.Ceiling(cpu.ToDecimal() * 1000m);
        }

        if (resources.TryGetValue(Memory, out var memory) && memory is not null)
        {
            vector.MemoryMib = (long)Math.Floor(memory.ToDecimal() / Mebi);
        }

        if (resources.TryGetValue(Storage, out var storage) && storage is not null)
        {
            vector.StorageGib = (long)Math.Floor(storage.ToDecimal() / Gibi);
        }

        if (resources.TryGetValue(Gpu, out var gpu) && gpu is not null)
        {
            vector.Gpu = (long)Math.Floor(gpu.ToDecimal());
        }

        return vector;
    }

    /// <summary>A vector as a container's resource requests (zero entries left out).</summary>
    public static Dictionary<string, ResourceQuantity> ToRequests(ResourceVector vector)
    {
        var requests = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal);
        if (vector.CpuMillicores > 0)
        {
            requests[Cpu] = new ResourceQuantity(vector.CpuMillicores.ToString(CultureInfo.InvariantCulture) + "m");
        }

        if (vector.MemoryMib > 0)
        {
            requests[Memory] = new ResourceQuantity(vector.MemoryMib.ToString(CultureInfo.InvariantCulture) + "Mi");
        }

        if (vector.StorageGib > 0)
        {
            requests[Storage] = new ResourceQuantity(vector.StorageGib.ToString(CultureInfo.InvariantCulture) + "Gi");
        }

        if (vector.Gpu > 0)
        {
            requests[Gpu] = new ResourceQuantity(vector.Gpu.ToString(CultureInfo.InvariantCulture));
        }

        return requests;
    }

    public static ResourceVector Add(ResourceVector a, ResourceVector b) => new()
    {
        CpuMillicores = a.CpuMillicores + b.CpuMillicores,
        MemoryMib = a.MemoryMib + b.MemoryMib,
        StorageGib = a.StorageGib + b.StorageGib,
        Gpu = a.Gpu + b.Gpu,
    };

    public static ResourceVector Times(ResourceVector a, long n) => new()
    {
        CpuMillicores = a.CpuMillicores * n,
        MemoryMib = a.MemoryMib * n,
        StorageGib = a.StorageGib * n,
        Gpu = a.Gpu * n,
    };
}
