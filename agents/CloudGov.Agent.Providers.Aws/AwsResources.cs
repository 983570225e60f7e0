namespace CloudGov.Agent.Providers.Aws;

/// <summary>Resources of an instance type, or of a zone's limits.</summary>
public sealed class AwsResources
{
    /// <summary>CPU in millicores (1 vCPU = 1,000).</summary>
    public long CpuMillicores { get; set; }

    /// <summary>Memory in MiB.</summary>
    public long MemoryMib { get; set; }

    /// <summary>Storage in GiB (the root volume an instance gets; the zone's EBS limit).</summary>
    public long StorageGib { get; set; }

    /// <summary>GPUs.</summary>
    public long Gpu { get; set; }

    /// <summary>As the wire's vector.</summary>
    public ResourceVector ToVector() => new() { CpuMillicores = CpuMillicores, MemoryMib = MemoryMib, StorageGib = StorageGib, Gpu = Gpu };
}
