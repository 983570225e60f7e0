using System.Globalization;
using System.Text.RegularExpressions;
using Azure;
using Azure.Core;
using Azure.ResourceManager.Compute;
using Azure.ResourceManager.Compute.Models;
using Azure.ResourceManager.Resources;
using Microsoft.Extensions.Logging;

namespace CloudGov.Agent.Providers.Azure;

/// <summary>Place and remove: a VM and its NSG, created or updated by name, deleted together.</summary>
internal sealed partial class AzureZoneProvider
{
    /// <summary>The tag that marks an NSG as CloudGov's for the VM it names (so remove deletes only what place made).</summary>
    internal const string NsgOwnerTag = "cloudgov.io:workload";

    /// <summary>Creates or updates the workload's NSG, then its VM; null when done, else why not.</summary>
    private async Task<string?> PlaceAsync(WorkloadSpec spec, CancellationToken cancellationToken)
    {
        string name = spec.WorkloadId;
        if (!VmNamePattern().IsMatch(name))
        {
            return $"workload id '{Excerpt(name)}' cannot be an Azure VM name: 1-64 letters, digits, '-', '_' or '.', starting with a letter or digit and not ending in '-' or '.'";
        }

        if (options.Placement.SubnetId.Length == 0 || options.Placement.SshPublicKey.Length == 0)
        {
            return "the Azure zone cannot place VMs: set Agent:Azure:Placement:SubnetId and Agent:Azure:Placement:SshPublicKey";
        }

        var tags = Tags(spec, out var tagProblem);
        if (tags is null)
        {
            return tagProblem;
        }

        var requests = spec.Requests ?? new ResourceVector();
        var size = options.VmSizes
            .Where(s => s.Value.CpuMillicores >= requests.CpuMillicores && s.Value.MemoryMib >= requests.MemoryMib && s.Value.Gpu >= requests.Gpu)
            .OrderBy(s => s.Value.Gpu).ThenBy(s => s.Value.CpuMillicores).ThenBy(s => s.Value.MemoryMib).ThenBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => s.Key)
            .FirstOrDefault();
        if (size is null)
        {
            return $"no size in Agent:Azure:VmSizes covers {requests.CpuMillicores} millicores, {requests.MemoryMib} MiB and {requests.Gpu} GPU(s)";
        }

        var vms = _group.GetVirtualMachines();
        VirtualMachineData? existing = null;
        try
        {
            existing = (await vms.GetAsync(name, cancellationToken: cancellationToken)).Value.Data;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }

        int diskGib = (int)Math.Clamp(Math.Max(requests.StorageGib, options.Placement.MinOsDiskGib), 1, 4095);
        if (existing is null && await QuotaProblemAsync(options.VmSizes[size], diskGib, cancellationToken) is { } quota)
        {
            return quota;
        }

        // The NSG first (the VM's network interface names it), with the workload's access policy as its rules.
        var nsgId = NsgId(name);
        var nsg = new GenericResourceData(new AzureLocation(options.Location))
        {
            Properties = BinaryData.FromString(NsgRules.Properties(spec.AccessPolicy).ToJsonString()),
        };
        nsg.Tags[NsgOwnerTag] = name;
        await CompleteAsync(await arm.GetGenericResources().CreateOrUpdateAsync(WaitUntil.Started, nsgId, nsg, cancellationToken), cancellationToken);

        // Then the VM, by name: created, or (already there) updated in place with the command's tags. An existing VM keeps
        // its size, image and disks: ARM refuses changes to most of them on a running VM, and place is idempotent.
        var data = existing ?? NewVm(name, size, diskGib, nsgId);
        data.Tags.Clear();
        foreach (var (key, value) in tags)
        {
            data.Tags[key] = value;
        }

        await CompleteAsync(await vms.CreateOrUpdateAsync(WaitUntil.Started, name, data, cancellationToken), cancellationToken);
        AzureProviderLog.Placed(logger, options.ResourceGroup, name, data.HardwareProfile?.VmSize?.ToString() ?? size, NsgName(name));
        return null;
    }

    /// <summary>Deletes the VM (its NIC and OS disk go with it) and then the NSG place made for it; null when done.</summary>
    private async Task<string?> RemoveAsync(string name, CancellationToken cancellationToken)
    {
        if (!VmNamePattern().IsMatch(name))
        {
            return null; // No VM can have this name: there is nothing to remove.
        }

        // ARM answers a delete of a VM that is not there with 204: removing twice is removing once.
        var id = VirtualMachineResource.CreateResourceIdentifier(options.SubscriptionId, options.ResourceGroup, name);
        await CompleteAsync(await arm.GetVirtualMachineResource(id).DeleteAsync(WaitUntil.Started, cancellationToken: cancellationToken), cancellationToken);
        var nsg = arm.GetGenericResource(NsgId(name));
        try
        {
            var found = (await nsg.GetAsync(cancellationToken)).Value;
            if (found.Data.Tags.TryGetValue(NsgOwnerTag, out var owner) && owner == name)
            {
                await CompleteAsync(await found.DeleteAsync(WaitUntil.Started, cancellationToken), cancellationToken);
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }

        AzureProviderLog.Removed(logger, options.ResourceGroup, name);
        return null;
    }

    /// <summary>Waits for a long-running operation the SDK's way: polling its Azure-AsyncOperation / Location until it ends (it throws when the operation failed).</summary>
    private async Task CompleteAsync(Operation operation, CancellationToken cancellationToken)
    {
        if (options.OperationPollInterval is { } interval)
        {
            await operation.WaitForCompletionResponseAsync(interval, cancellationToken);
        }
        else
        {
            await operation.WaitForCompletionResponseAsync(cancellationToken);
        }
    }

    /// <summary>The same for an operation with a result.</summary>
    private async Task CompleteAsync<T>(Operation<T> operation, CancellationToken cancellationToken)
        where T : notnull
    {
        if (options.OperationPollInterval is { } interval)
        {
            await operation.WaitForCompletionAsync(interval, cancellationToken);
        }
        else
        {
            await operation.WaitForCompletionAsync(cancellationToken);
        }
    }

    /// <summary>Why a new VM of this size would exceed the zone's quota (Agent:Azure:Capacity), or null when it fits.</summary>
    private async Task<string?> QuotaProblemAsync(ResourceVectorSettings size, int diskGib, CancellationToken cancellationToken)
    {
        long cpu = size.CpuMillicores, mem = size.MemoryMib, gpu = size.Gpu, disk = diskGib;
        await foreach (var vm in _group.GetVirtualMachines().GetAllAsync(cancellationToken: cancellationToken))
        {
            if (VmInventory.State(vm.Data.ProvisioningState) is WorkloadState.Terminating)
            {
                continue;
            }

            var r = VmInventory.Requests(vm.Data, options);
            cpu += r.CpuMillicores;
            mem += r.MemoryMib;
            gpu += r.Gpu;
            disk += r.StorageGib;
        }

        var q = options.Capacity;
        return cpu > q.CpuMillicores || mem > q.MemoryMib || disk > q.StorageGib || gpu > q.Gpu
            ? $"the zone's quota (Agent:Azure:Capacity) has no room: with it the resource group would use {cpu}/{q.CpuMillicores} millicores, {mem}/{q.MemoryMib} MiB, {disk}/{q.StorageGib} GiB, {gpu}/{q.Gpu} GPU(s)"
            : null;
    }

    /// <summary>The tags of a placed VM: the command's labels ('/' as ':') and its tenant, system and MLPS level.</summary>
    private static Dictionary<string, string>? Tags(WorkloadSpec spec, out string? problem)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in spec.Labels)
        {
            labels[key] = value;
        }

        labels.TryAdd(WorkloadLabels.Tenant, spec.TenantId);
        if (spec.System.Length > 0)
        {
            labels.TryAdd(WorkloadLabels.System, spec.System);
        }

        if (spec.MlpsLevel != MlpsLevel.Unspecified)
        {
            labels.TryAdd(WorkloadLabels.MlpsLevel, ((int)spec.MlpsLevel).ToString(CultureInfo.InvariantCulture));
        }

        if (WorkloadLabels.Problem(labels) is { } bad)
        {
            problem = $"the workload's labels cannot be reported: {bad}";
            return null;
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in labels)
        {
            if (VmTags.TagName(key, out problem) is not { } tag)
            {
                problem = $"label '{Excerpt(key)}' cannot be an Azure tag: {problem}";
                return null;
            }

            tags[tag] = value;
        }

        problem = null;
        return tags;
    }

    private VirtualMachineData NewVm(string name, string size, int diskGib, ResourceIdentifier nsgId)
    {
        var p = options.Placement;
        var image = p.Image.Split(':');
        var osDisk = new VirtualMachineOSDisk(DiskCreateOptionType.FromImage)
        {
            DiskSizeGB = diskGib,
            DeleteOption = DiskDeleteOptionType.Delete,
            ManagedDisk = new VirtualMachineManagedDisk { StorageAccountType = new StorageAccountType(p.OsDiskType) },
        };
        if (p.DiskEncryptionSetId.Length > 0)
        {
            osDisk.ManagedDisk.DiskEncryptionSetId = new ResourceIdentifier(p.DiskEncryptionSetId);
        }

        var linux = new LinuxConfiguration { IsPasswordAuthenticationDisabled = true };
        linux.SshPublicKeys.Add(new SshPublicKeyConfiguration { Path = $"/home/{p.AdminUsername}/.ssh/authorized_keys", KeyData = p.SshPublicKey });
        var ip = new VirtualMachineNetworkInterfaceIPConfiguration("ipconfig1") { SubnetId = new ResourceIdentifier(p.SubnetId), Primary = true };
        var nic = new VirtualMachineNetworkInterfaceConfiguration($"{name}-nic")
        {
            Primary = true,
            DeleteOption = ComputeDeleteOption.Delete,
            NetworkSecurityGroupId = nsgId,
        };
        nic.IPConfigurations.Add(ip);
        var network = new VirtualMachineNetworkProfile { NetworkApiVersion = NetworkApiVersion.TwoThousandTwenty1101 };
        network.NetworkInterfaceConfigurations.Add(nic);
        return new VirtualMachineData(new AzureLocation(options.Location))
        {
            HardwareProfile = new VirtualMachineHardwareProfile { VmSize = new VirtualMachineSizeType(size) },
            StorageProfile = new VirtualMachineStorageProfile
            {
                ImageReference = new ImageReference { Publisher = image[0], Offer = image[1], Sku = image[2], Version = image[3] },
                OSDisk = osDisk,
            },
            OSProfile = new VirtualMachineOSProfile
            {
                ComputerName = ComputerName(name),
                AdminUsername = p.AdminUsername,
                LinuxConfiguration = linux,
            },
            NetworkProfile = network,
            SecurityProfile = new SecurityProfile { EncryptionAtHost = p.EncryptionAtHost },
        };
    }

    /// <summary>A Linux host name from the VM name: letters, digits and '-', at most 64.</summary>
    private static string ComputerName(string name)
    {
        var host = new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        host = host.Length == 0 ? "vm" : host;
        return host.Length <= 64 ? host : host[..64].TrimEnd('-');
    }

    private static string Excerpt(string s) => new([.. (s.Length <= 32 ? s : s[..32] + "…").Select(c => char.IsControl(c) ? '?' : c)]);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}[A-Za-z0-9_]$|^[A-Za-z0-9]$")]
    private static partial Regex VmNamePattern();
}
