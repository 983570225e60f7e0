namespace CloudGov.Agent.Providers.Azure;

/// <summary>
/// The posture facts the Azure provider reports. The first two are the baseline's shared keys (the same strings as the
/// agent's <c>PostureFactKeys</c>, which this project cannot reference); the <c>azure.</c> ones name the VMs behind them.
/// </summary>
internal static class AzurePostureKeys
{
    /// <summary>"enabled" when every VM's disks are encrypted under a key the zone controls, else "disabled".</summary>
    public const string EncryptionAtRest = "storage.encryption_at_rest";

    /// <summary>Comma-separated management ports (Agent:Azure:AdminPorts) an NSG of a VM opens to the Internet; "none" for none.</summary>
    public const string WorldOpenPorts = "network.world_open_ports";

    /// <summary>Comma-separated VMs whose disks are not so encrypted; "none" for none.</summary>
    public const string UnencryptedVms = "azure.vms_without_disk_encryption";

    /// <summary>Comma-separated VMs a management port of which is open to the Internet; "none" for none.</summary>
    public const string InternetExposedVms = "azure.vms_admin_ports_open_to_internet";

    /// <summary>Comma-separated VMs whose NSG could not be read (no NSG, or it is missing); "none" for none.</summary>
    public const string VmsWithoutNsg = "azure.vms_without_readable_nsg";
}
