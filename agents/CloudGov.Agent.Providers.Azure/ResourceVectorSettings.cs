namespace CloudGov.Agent.Providers.Azure;

/// <summary>Resources in configuration: a quota or a VM size.</summary>
public sealed class ResourceVectorSettings
{
    /// <summary>CPU in millicores (1000 = one vCPU).</summary>
    public long CpuMillicores { get; set; }

    /// <summary>Memory in MiB.</summary>
    public long MemoryMib { get; set; }

    /// <summary>Disk in GiB (quotas only; a VM's disk comes from its disks).</summary>
    public long StorageGib { get; set; }

    /// <summary>Whole GPUs.</summary>
    public long Gpu { get; set; }

    /// <summary>The wire form.</summary>
    internal ResourceVector ToProto() => new() { CpuMillicores = CpuMillicores, MemoryMib = MemoryMib, StorageGib = StorageGib, Gpu = Gpu };
}
