using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.ResourceManager;
using Azure.ResourceManager.Compute;
using Azure.ResourceManager.Resources;
using Microsoft.Extensions.Logging;

namespace CloudGov.Agent.Providers.Azure;

/// <summary>
/// A zone that is one Azure resource group: its VMs are the workloads (tags carry CloudGov's intent labels), each VM's
/// network security group is its access policy, capacity is the configured quota. Place creates or updates the VM and
/// its NSG by name; remove deletes them. Every ARM call goes through Azure.Core's pipeline (its retry policy, its
/// long-running-operation polling); a failing ARM makes the observation Degraded with the reason, never an exception.
/// </summary>
internal sealed partial class AzureZoneProvider(AzureOptions options, ArmClient arm, ILogger<AzureZoneProvider> logger) : IZoneProvider
{
    private readonly ResourceGroupResource _group = arm.GetResourceGroupResource(ResourceGroupResource.CreateResourceIdentifier(options.SubscriptionId, options.ResourceGroup));
    private readonly ConcurrentDictionary<string, byte> _unknownSizesLogged = new(StringComparer.OrdinalIgnoreCase);
    private volatile ZoneObservation? _last;
    private volatile string? _degradedReason;

    /// <inheritdoc />
    public ProviderKind Kind => ProviderKind.Azure;

    /// <inheritdoc />
    public async ValueTask<ZoneObservation> ObserveAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            var observation = await ObserveCoreAsync(cancellationToken);
            _last = observation;
            if (_degradedReason is not null)
            {
                _degradedReason = null;
                AzureProviderLog.Recovered(logger, options.ResourceGroup);
            }

            return observation;
        }
        catch (Exception ex) when (AzureFailure.IsProviderFailure(ex, cancellationToken))
        {
            string reason = AzureFailure.Describe(ex, options);
            // Logged when the zone becomes degraded or the reason changes, not on every report.
            if (!string.Equals(_degradedReason, reason, StringComparison.Ordinal))
            {
                _degradedReason = reason;
                AzureProviderLog.ObserveFailed(logger, options.ResourceGroup, reason);
            }

            // The last inventory stands (no workload vanishes because ARM did not answer), marked degraded with the reason.
            var last = _last;
            return last is null
                ? new ZoneObservation(options.Capacity.ToProto(), new ResourceVector(), [], [], Degraded: true, reason)
                : last with { Degraded = true, DegradedReason = reason };
        }
    }

    /// <inheritdoc />
    public async ValueTask<CommandResult> ExecuteAsync(Command command, CancellationToken cancellationToken)
    {
        var spec = command.Workload;
        if (spec is null || spec.WorkloadId.Length == 0)
        {
            return Result(command, "the command has no workload");
        }

        try
        {
            string? problem = command.Kind switch
            {
                CommandKind.Place => await PlaceAsync(spec, cancellationToken),
                CommandKind.Remove => await RemoveAsync(spec.WorkloadId, cancellationToken),
                _ => $"command kind {command.Kind} is not supported by the Azure provider",
            };
            if (problem is not null)
            {
                AzureProviderLog.CommandFailed(logger, options.ResourceGroup, command.Kind, spec.WorkloadId, problem);
            }

            return Result(command, problem);
        }
        catch (Exception ex) when (AzureFailure.IsProviderFailure(ex, cancellationToken))
        {
            string reason = AzureFailure.Describe(ex, options);
            AzureProviderLog.CommandFailed(logger, options.ResourceGroup, command.Kind, spec.WorkloadId, reason);
            return Result(command, reason);
        }
    }

    /// <summary>The resource id of a VM's network security group.</summary>
    internal ResourceIdentifier NsgId(string vmName) =>
        new($"/subscriptions/{options.SubscriptionId}/resourceGroups/{options.ResourceGroup}/providers/Microsoft.Network/networkSecurityGroups/{NsgName(vmName)}");

    /// <summary>The NSG name of a VM.</summary>
    internal static string NsgName(string vmName) => vmName + "-nsg";

    private async Task<ZoneObservation> ObserveCoreAsync(CancellationToken cancellationToken)
    {
        var vms = new List<VirtualMachineData>();
        await foreach (var vm in _group.GetVirtualMachines().GetAllAsync(cancellationToken: cancellationToken))
        {
            vms.Add(vm.Data);
        }

        // Each VM's NSGs, read as generic resources (a few at a time; every read goes through the same retry policy).
        var nsgs = new ConcurrentDictionary<string, JsonNode?>(StringComparer.OrdinalIgnoreCase);
        var vmNsgs = new ConcurrentDictionary<string, IReadOnlyList<ResourceIdentifier>>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(vms, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (vm, ct) =>
        {
            var ids = await NsgIdsAsync(vm, ct);
            vmNsgs[vm.Name] = ids;
            foreach (var id in ids)
            {
                if (!nsgs.ContainsKey(id.ToString()))
                {
                    nsgs[id.ToString()] = await PropertiesOrNullAsync(id, ct);
                }
            }
        });

        var reports = new List<WorkloadReport>(vms.Count);
        var usage = new ResourceVector();
        var unencrypted = new SortedSet<string>(StringComparer.Ordinal);
        var exposed = new SortedSet<string>(StringComparer.Ordinal);
        var noNsg = new SortedSet<string>(StringComparer.Ordinal);
        var openPorts = new SortedSet<int>();
        foreach (var vm in vms.OrderBy(v => v.Name, StringComparer.Ordinal))
        {
            if (!VmInventory.KnownSize(vm, options) && _unknownSizesLogged.TryAdd(vm.HardwareProfile?.VmSize?.ToString() ?? string.Empty, 0))
            {
                AzureProviderLog.UnknownSize(logger, options.ResourceGroup, vm.Name, vm.HardwareProfile?.VmSize?.ToString() ?? "(none)");
            }

            var report = VmInventory.Report(vm, options);
            var readable = vmNsgs[vm.Name].Select(id => nsgs[id.ToString()]).Where(p => p is not null).ToList();
            if (readable.Count > 0)
            {
                report.AccessPolicy = NsgRules.ReadPolicy(readable[0]);
            }
            else
            {
                noNsg.Add(vm.Name);
            }

            foreach (var properties in readable)
            {
                foreach (int port in NsgRules.InternetOpenPorts(properties, options.EffectiveAdminPorts))
                {
                    openPorts.Add(port);
                    exposed.Add(vm.Name);
                }
            }

            if (!VmInventory.DiskEncrypted(vm))
            {
                unencrypted.Add(vm.Name);
            }

            usage.CpuMillicores += report.Usage.CpuMillicores;
            usage.MemoryMib += report.Usage.MemoryMib;
            usage.StorageGib += report.Usage.StorageGib;
            usage.Gpu += report.Usage.Gpu;
            reports.Add(report);
        }

        var posture = new List<PostureFact>
        {
            new() { Key = AzurePostureKeys.EncryptionAtRest, Value = unencrypted.Count == 0 ? "enabled" : "disabled" },
            new() { Key = AzurePostureKeys.WorldOpenPorts, Value = openPorts.Count == 0 ? "none" : string.Join(',', openPorts) },
            new() { Key = AzurePostureKeys.UnencryptedVms, Value = NameList(unencrypted) },
            new() { Key = AzurePostureKeys.InternetExposedVms, Value = NameList(exposed) },
            new() { Key = AzurePostureKeys.VmsWithoutNsg, Value = NameList(noNsg) },
        };
        return new ZoneObservation(options.Capacity.ToProto(), usage, reports, posture, Degraded: false);
    }

    /// <summary>The NSGs of a VM: on its network interface configurations, else on the NICs it references (read as generic resources).</summary>
    private async Task<IReadOnlyList<ResourceIdentifier>> NsgIdsAsync(VirtualMachineData vm, CancellationToken cancellationToken)
    {
        var (nsgs, nics) = VmInventory.Network(vm);
        if (nsgs.Count > 0)
        {
            return nsgs;
        }

        var found = new List<ResourceIdentifier>();
        foreach (var nic in nics)
        {
            if (await PropertiesOrNullAsync(nic, cancellationToken) is { } properties
                && (properties["networkSecurityGroup"] as JsonObject)?["id"] is JsonValue id && id.TryGetValue<string>(out var text)
                && ResourceIdentifier.TryParse(text, out var nsg) && nsg is not null)
            {
                found.Add(nsg);
            }
        }

        return found;
    }

    /// <summary>A generic resource's <c>properties</c>, or null when it does not exist.</summary>
    private async Task<JsonNode?> PropertiesOrNullAsync(ResourceIdentifier id, CancellationToken cancellationToken)
    {
        try
        {
            var resource = await arm.GetGenericResource(id).GetAsync(cancellationToken);
            return resource.Value.Data.Properties is { } p ? JsonNode.Parse(p.ToString()) as JsonObject : null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private static string NameList(SortedSet<string> names)
    {
        if (names.Count == 0)
        {
            return "none";
        }

        var text = string.Join(',', names);
        return text.Length <= 1024 ? text : text[..1023] + "…";
    }

    private static CommandResult Result(Command command, string? problem) => new()
    {
        CommandId = command.CommandId,
        Succeeded = problem is null,
        Message = problem is null ? string.Empty : problem.Length <= 1024 ? problem : problem[..1023] + "…",
    };
}
