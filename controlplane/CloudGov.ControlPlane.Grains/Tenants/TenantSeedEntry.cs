namespace CloudGov.ControlPlane.Grains.Tenants;

/// <summary>One configured tenant.</summary>
public sealed class TenantSeedEntry
{
    /// <summary>The tenant id (the workloads' tenant_id).</summary>
    public string Id { get; set; } = "";

    /// <summary>Display name; the id when empty.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>The parent's id; empty for a root.</summary>
    public string Parent { get; set; } = "";

    /// <summary>Allocated CPU in millicores.</summary>
    public long CpuMillicores { get; set; }

    /// <summary>Allocated memory in MiB.</summary>
    public long MemoryMiB { get; set; }

    /// <summary>Allocated storage in GiB.</summary>
    public long StorageGiB { get; set; }

    /// <summary>Allocated GPUs.</summary>
    public long Gpu { get; set; }

    /// <summary>The allocation as a vector.</summary>
    public ResourceVector Allocated => new(CpuMillicores, MemoryMiB, StorageGiB, Gpu);
}
