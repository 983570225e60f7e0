using System.Globalization;
using Azure.Core;
using Azure.ResourceManager.Compute;

namespace CloudGov.Agent.Providers.Azure;

/// <summary>How one VM reads as a workload: its requests from its size and disks, its labels from its tags, its state, its disk encryption and its NSGs.</summary>
internal static class VmInventory
{
    /// <summary>The workload report of a VM (without its access policy, which comes from its NSG).</summary>
    public static WorkloadReport Report(VirtualMachineData vm, AzureOptions o)
    {
        var labels = Labels(vm.Tags);
        var requests = Requests(vm, o);
        var state = State(vm.ProvisioningState);
        var report = new WorkloadReport
        {
            WorkloadId = vm.Name,
            TenantId = labels.TryGetValue(WorkloadLabels.Tenant, out var tenant) && IsId(tenant) ? tenant : o.DefaultTenant,
            System = labels.TryGetValue(WorkloadLabels.System, out var system) && system.Length <= 128 && system.Trim() == system ? system : string.Empty,
            Requests = requests,
            // The VM holds its whole size while it exists (Azure Monitor's guest metrics are not read).
            Usage = state is WorkloadState.Running or WorkloadState.Pending ? requests.Clone() : new ResourceVector(),
            MlpsLevel = labels.TryGetValue(WorkloadLabels.MlpsLevel, out var level) && int.TryParse(level, NumberStyles.None, CultureInfo.InvariantCulture, out int l) && l is >= 1 and <= 4
                ? (MlpsLevel)l
                : (MlpsLevel)o.DefaultMlpsLevel,
            State = state,
        };
        report.Labels.Add(labels);
        return report;
    }

    /// <summary>
    /// Tags as labels ('/' restored), kept within the gateway's bounds: the <c>cloudgov.io/</c> keys first, then the
    /// others by key, at most 32, any tag that is not a valid label left out (so one odd tag cannot get the zone's
    /// reports rejected).
    /// </summary>
    public static SortedDictionary<string, string> Labels(IDictionary<string, string>? tags)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (tags is null)
        {
            return labels;
        }

        var ordered = tags.Select(t => KeyValuePair.Create(VmTags.LabelKey(t.Key), t.Value ?? string.Empty))
            .OrderBy(t => t.Key.StartsWith("cloudgov.io/", StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(t => t.Key, StringComparer.Ordinal);
        foreach (var label in ordered)
        {
            if (labels.Count == WorkloadLabels.MaxCount)
            {
                break;
            }

            if (WorkloadLabels.Problem([label]) is null)
            {
                labels[label.Key] = label.Value;
            }
        }

        return labels;
    }

    /// <summary>CPU, memory and GPUs of its size (from <c>Agent:Azure:VmSizes</c>; zero for a size it does not list), disk from its disks.</summary>
    public static ResourceVector Requests(VirtualMachineData vm, AzureOptions o)
    {
        string size = vm.HardwareProfile?.VmSize?.ToString() ?? string.Empty;
        var r = o.VmSizes.TryGetValue(size, out var known) ? known.ToProto() : new ResourceVector();
        long disk = vm.StorageProfile?.OSDisk?.DiskSizeGB ?? 0;
        foreach (var data in vm.StorageProfile?.DataDisks ?? [])
        {
            disk += data.DiskSizeGB ?? 0;
        }

        r.StorageGib = disk;
        return r;
    }

    /// <summary>True when the VM's size is one <c>Agent:Azure:VmSizes</c> lists.</summary>
    public static bool KnownSize(VirtualMachineData vm, AzureOptions o) => o.VmSizes.ContainsKey(vm.HardwareProfile?.VmSize?.ToString() ?? string.Empty);

    /// <summary>The workload state of an ARM provisioning state.</summary>
    public static WorkloadState State(string? provisioningState) => provisioningState?.ToLowerInvariant() switch
    {
        "succeeded" or "updating" or "migrating" => WorkloadState.Running,
        "deleting" => WorkloadState.Terminating,
        "failed" or "canceled" => WorkloadState.Failed,
        _ => WorkloadState.Pending,
    };

    /// <summary>
    /// True when the VM's disks are encrypted under a key the zone controls: encryption at host, Azure Disk Encryption
    /// on the OS disk, or a disk encryption set (customer-managed keys) on the OS disk and every data disk. Azure's
    /// platform-managed server-side encryption alone does not count.
    /// </summary>
    public static bool DiskEncrypted(VirtualMachineData vm)
    {
        if (vm.SecurityProfile?.EncryptionAtHost == true || vm.StorageProfile?.OSDisk?.EncryptionSettings?.Enabled == true)
        {
            return true;
        }

        var os = vm.StorageProfile?.OSDisk?.ManagedDisk;
        return os?.DiskEncryptionSetId is not null
            && (vm.StorageProfile?.DataDisks ?? []).All(d => d.ManagedDisk?.DiskEncryptionSetId is not null);
    }

    /// <summary>The NSGs the VM's network interface configurations name (primary first), and the NICs it references.</summary>
    public static (IReadOnlyList<ResourceIdentifier> Nsgs, IReadOnlyList<ResourceIdentifier> Nics) Network(VirtualMachineData vm)
    {
        var nsgs = (vm.NetworkProfile?.NetworkInterfaceConfigurations ?? [])
            .OrderByDescending(c => c.Primary == true)
            .Select(c => c.NetworkSecurityGroupId)
            .OfType<ResourceIdentifier>()
            .ToList();
        var nics = (vm.NetworkProfile?.NetworkInterfaces ?? [])
            .OrderByDescending(n => n.Primary == true)
            .Select(n => n.Id)
            .OfType<ResourceIdentifier>()
            .ToList();
        return (nsgs, nics);
    }

    private static bool IsId(string s) => s.Length is >= 1 and <= 128 && !s.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
}
