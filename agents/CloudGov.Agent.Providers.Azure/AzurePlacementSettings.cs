namespace CloudGov.Agent.Providers.Azure;

/// <summary>How the provider builds the VM of a place command (the image, network and disks every placed VM gets).</summary>
public sealed class AzurePlacementSettings
{
    /// <summary>The marketplace image as <c>publisher:offer:sku:version</c>.</summary>
    public string Image { get; set; } = "Canonical:ubuntu-24_04-lts:server:latest";

    /// <summary>The subnet's resource id the VM's network interface joins. Required to place.</summary>
    public string SubnetId { get; set; } = string.Empty;

    /// <summary>The Linux admin user.</summary>
    public string AdminUsername { get; set; } = "cloudgov";

    /// <summary>The admin's SSH public key (password login is disabled). Required to place.</summary>
    public string SshPublicKey { get; set; } = string.Empty;

    /// <summary>The OS disk's storage type. Default Premium_LRS.</summary>
    public string OsDiskType { get; set; } = "Premium_LRS";

    /// <summary>The smallest OS disk, in GiB (a workload asking for more storage gets more). Default 30.</summary>
    public int MinOsDiskGib { get; set; } = 30;

    /// <summary>True (default): encryption at host for every placed VM.</summary>
    public bool EncryptionAtHost { get; set; } = true;

    /// <summary>A disk encryption set (customer-managed keys) for the OS disk; empty for none.</summary>
    public string DiskEncryptionSetId { get; set; } = string.Empty;
}
