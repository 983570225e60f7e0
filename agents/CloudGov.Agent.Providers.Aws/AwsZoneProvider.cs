using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.EC2;
using Amazon.EC2.Model;
using Microsoft.Extensions.Logging;

namespace CloudGov.Agent.Providers.Aws;

/// <summary>
/// A zone on EC2 (or an EC2-compatible cloud): one subnet. Workloads are the subnet's instances CloudGov tagged; each
/// gets a security group of its own that carries its access policy. Capacity is the configured limits; a workload's
/// requests are its instance type's configured resources. Usage: the EC2 API has no utilization without CloudWatch,
/// so CPU and memory usage are reported as 0 (not measured), never made up.
/// <para>
/// Errors: the SDK retries by its own policy (<see cref="AwsProviderOptions.RetryMode"/>); what still fails makes the
/// observation Degraded with the reason (the last good inventory is kept, so nothing looks removed), and a command
/// fail with it. Commands and the security-group sweep run one at a time, so a sweep never sees a group between its
/// creation and its instance.
/// </para>
/// </summary>
public sealed partial class AwsZoneProvider : IZoneProvider, IDisposable
{
    private static readonly List<string> LiveStates = ["pending", "running", "stopping", "stopped", "shutting-down"];

    private readonly IAmazonEC2 _ec2;
    private readonly AwsProviderOptions _options;
    private readonly string _zoneId;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly (string Name, AwsResources Resources)[] _types;
    private ZoneObservation? _lastGood;
    private string? _vpcId;
    private bool _degraded;

    /// <summary>A provider for zone <paramref name="zoneId"/> over <paramref name="ec2"/> (owned: disposed with the provider).</summary>
    public AwsZoneProvider(IAmazonEC2 ec2, AwsProviderOptions options, string zoneId, ILogger<AwsZoneProvider>? logger = null)
    {
        _ec2 = ec2;
        _options = options;
        _zoneId = zoneId;
        _logger = (ILogger?)logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _types = [.. options.InstanceTypes
            .OrderBy(t => t.Value.CpuMillicores).ThenBy(t => t.Value.MemoryMib).ThenBy(t => t.Value.StorageGib).ThenBy(t => t.Value.Gpu).ThenBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => (t.Key, t.Value))];
    }

    /// <inheritdoc />
    public ProviderKind Kind => ProviderKind.AwsEc2;

    /// <inheritdoc />
    public async ValueTask<ZoneObservation> ObserveAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var observation = await ObserveOnceAsync(cancellationToken);
            _lastGood = observation;
            if (_degraded)
            {
                _degraded = false;
                AwsProviderLog.Recovered(_logger, _zoneId);
            }

            return observation;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && AwsErrors.Classify("call", ex) is { } failure)
        {
            _degraded = true;
            AwsProviderLog.ObservationFailed(_logger, _zoneId, failure.Message);

            // The last good inventory, marked Degraded: the control plane keeps its view of the workloads (an empty
            // list would read as every workload gone) and places nothing here while the zone is Degraded. Before any
            // good observation: no capacity and no workloads, so nothing can be scheduled onto what cannot be seen.
            return _lastGood is { } last
                ? last with { Degraded = true, DegradedReason = failure.Message }
                : new ZoneObservation(new ResourceVector(), new ResourceVector(), [], [], Degraded: true, failure.Message);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask<CommandResult> ExecuteAsync(Command command, CancellationToken cancellationToken)
    {
        var spec = command.Workload;
        if (spec is null || string.IsNullOrEmpty(spec.WorkloadId))
        {
            return Result(command, "the command has no workload");
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return command.Kind switch
            {
                CommandKind.Place => await PlaceAsync(command, spec, cancellationToken),
                CommandKind.Remove => await RemoveAsync(command, spec, cancellationToken),
                _ => Result(command, $"command kind {command.Kind} is not supported"),
            };
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && AwsErrors.Classify("call", ex) is { } failure)
        {
            AwsProviderLog.CommandFailed(_logger, _zoneId, command.Kind.ToString(), spec.WorkloadId, failure.Message);
            return Result(command, failure.Message);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _ec2.Dispose();
        _gate.Dispose();
    }

    /// <summary>The security group name of a workload: ASCII (EC2's rule for names), stable, unique per workload id.</summary>
    internal static string GroupName(string workloadId) => "cloudgov-wl-" + Hex(workloadId)[..32];

    /// <summary>
    /// The RunInstances client token of a place command: the same command (re-sent, retried) never starts a second
    /// instance; a later place command of the same workload (after a remove) gets a new one.
    /// </summary>
    internal static string ClientToken(string workloadId, string commandId) => Hex(workloadId + "\n" + commandId);

    private async Task<ZoneObservation> ObserveOnceAsync(CancellationToken ct)
    {
        var instances = await InstancesAsync([new Filter("subnet-id", [_options.SubnetId])], ct);
        bool? encryption = (await Call("GetEbsEncryptionByDefault", () => _ec2.GetEbsEncryptionByDefaultAsync(new GetEbsEncryptionByDefaultRequest(), ct))).EbsEncryptionByDefault;
        var groups = await GroupsAsync(await VpcIdAsync(ct), ct);
        var byId = groups.ToDictionary(g => g.GroupId, StringComparer.Ordinal);

        var workloads = new List<WorkloadReport>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int withoutOwnGroup = 0;
        foreach (var instance in instances.OrderBy(i => i.LaunchTime ?? DateTime.MinValue).ThenBy(i => i.InstanceId, StringComparer.Ordinal))
        {
            if (ToReport(instance, byId) is not { } report)
            {
                continue;
            }

            if (!seen.Add(report.WorkloadId))
            {
                AwsProviderLog.InstanceSkipped(_logger, _zoneId, instance.InstanceId, report.WorkloadId, "another instance already carries this workload id");
                continue;
            }

            string own = GroupName(report.WorkloadId);
            if (!(instance.SecurityGroups ?? []).Any(g => g.GroupName == own || (byId.TryGetValue(g.GroupId, out var sg) && sg.GroupName == own)))
            {
                withoutOwnGroup++;
            }

            workloads.Add(report);
        }

        workloads.Sort((a, b) => string.CompareOrdinal(a.WorkloadId, b.WorkloadId));
        await SweepGroupsAsync(groups, seen, ct);
        var posture = AwsPosture.Facts(encryption, instances, byId, withoutOwnGroup);
        return new ZoneObservation(_options.Limits.ToVector(), new ResourceVector(), workloads, posture, Degraded: false);
    }

    private WorkloadReport? ToReport(Instance instance, Dictionary<string, SecurityGroup> groups)
    {
        var tags = instance.Tags ?? [];
        bool intent = tags.Any(t => t.Key?.StartsWith("cloudgov.io/", StringComparison.Ordinal) == true);
        string? id = AwsTags.Get(tags, AwsTags.WorkloadId) ?? (intent ? instance.InstanceId : null);
        if (id is null)
        {
            return null;
        }

        string? tenant = AwsTags.Get(tags, AwsTags.Tenant) ?? AwsTags.Get(tags, WorkloadLabels.Tenant);
        if (string.IsNullOrWhiteSpace(tenant) || tenant.Any(char.IsWhiteSpace) || id.Length > 128 || id.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            AwsProviderLog.InstanceSkipped(_logger, _zoneId, instance.InstanceId, id, "it needs a tenant tag and an id without whitespace (at most 128 characters)");
            return null;
        }

        string levelText = AwsTags.Get(tags, AwsTags.MlpsLevel) ?? AwsTags.Get(tags, WorkloadLabels.MlpsLevel) ?? "";
        var level = int.TryParse(levelText, NumberStyles.None, CultureInfo.InvariantCulture, out int l) && l is >= 1 and <= 4 ? (MlpsLevel)l : MlpsLevel._2;
        string system = AwsTags.Get(tags, AwsTags.System) ?? AwsTags.Get(tags, WorkloadLabels.System) ?? "";
        var report = new WorkloadReport
        {
            WorkloadId = id,
            TenantId = tenant,
            System = system.Length <= 128 ? system.Trim() : system[..128].Trim(),
            Requests = _options.InstanceTypes.TryGetValue(instance.InstanceType?.Value ?? "", out var resources) ? resources.ToVector() : new ResourceVector(),
            // Not measured: EC2 has no CPU or memory utilization without CloudWatch (see the README).
            Usage = new ResourceVector(),
            MlpsLevel = level,
            State = instance.State?.Name?.Value switch
            {
                "pending" => WorkloadState.Pending,
                "running" => WorkloadState.Running,
                "shutting-down" => WorkloadState.Terminating,
                _ => WorkloadState.Failed,
            },
        };

        // Labels: every tag but the bookkeeping ones, intent keys first, within the gateway's bounds.
        var labels = tags.Where(t => t.Key is { Length: > 0 } && !AwsTags.IsBookkeeping(t.Key))
            .Select(t => new KeyValuePair<string, string>(t.Key, t.Value ?? ""))
            .Where(t => WorkloadLabels.Problem([t]) is null)
            .OrderBy(t => t.Key.StartsWith(WorkloadLabels.Tenant[..12], StringComparison.Ordinal) ? 0 : 1).ThenBy(t => t.Key, StringComparer.Ordinal)
            .Take(WorkloadLabels.MaxCount);
        foreach (var (key, value) in WorkloadLabels.Sorted(labels))
        {
            report.Labels[key] = value;
        }

        var attached = (instance.SecurityGroups ?? []).Select(g => groups.GetValueOrDefault(g.GroupId)).ToList();
        if (attached.All(g => g is not null) && AwsAccessPolicies.Policy(attached!) is { } policy)
        {
            report.AccessPolicy = policy;
        }

        return report;
    }

    private async Task<CommandResult> PlaceAsync(Command command, WorkloadSpec spec, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(spec.TenantId) || spec.TenantId.Any(char.IsWhiteSpace))
        {
            return Result(command, $"zone {_zoneId} cannot create {spec.WorkloadId}: it needs a tenant");
        }

        if (WorkloadLabels.Problem(WorkloadLabels.Sorted(spec.Labels)) is { } labelProblem)
        {
            return Result(command, $"zone {_zoneId} cannot tag {spec.WorkloadId}: {labelProblem}");
        }

        if (AwsAccessPolicies.Problem(spec.AccessPolicy) is { } policyProblem)
        {
            return Result(command, $"zone {_zoneId} cannot apply the access policy of {spec.WorkloadId}: {policyProblem}");
        }

        string vpc = await VpcIdAsync(ct);
        var existing = await InstancesAsync([new Filter($"tag:{AwsTags.WorkloadId}", [spec.WorkloadId]), new Filter("subnet-id", [_options.SubnetId])], ct);
        string groupId = await EnsureGroupAsync(spec, vpc, ct);
        if (existing.Count > 0)
        {
            // Already placed (the command re-sent, or an earlier attempt got through): its rules now match the spec.
            return Result(command, null);
        }

        var requests = spec.Requests ?? new ResourceVector();
        var type = _types.FirstOrDefault(t => t.Resources.CpuMillicores >= requests.CpuMillicores && t.Resources.MemoryMib >= requests.MemoryMib
            && t.Resources.StorageGib >= requests.StorageGib && t.Resources.Gpu >= requests.Gpu);
        if (type.Name is null)
        {
            return Result(command, $"zone {_zoneId} has no instance type that covers {spec.WorkloadId}'s requests (configured: {string.Join(", ", _types.Select(t => t.Name))})");
        }

        var zone = await InstancesAsync([new Filter("subnet-id", [_options.SubnetId])], ct);
        var used = type.Resources.ToVector();
        foreach (var i in zone)
        {
            if (_options.InstanceTypes.TryGetValue(i.InstanceType?.Value ?? "", out var r))
            {
                used.CpuMillicores += r.CpuMillicores;
                used.MemoryMib += r.MemoryMib;
                used.StorageGib += r.StorageGib;
                used.Gpu += r.Gpu;
            }
        }

        var limits = _options.Limits;
        if (used.CpuMillicores > limits.CpuMillicores || used.MemoryMib > limits.MemoryMib || used.StorageGib > limits.StorageGib || used.Gpu > limits.Gpu)
        {
            return Result(command, $"zone {_zoneId} cannot create {spec.WorkloadId} ({type.Name}): it would exceed the zone's limits");
        }

        var run = await Call("RunInstances", () => _ec2.RunInstancesAsync(new RunInstancesRequest
        {
            ImageId = _options.ImageId,
            InstanceType = InstanceType.FindValue(type.Name),
            MinCount = 1,
            MaxCount = 1,
            SubnetId = _options.SubnetId,
            SecurityGroupIds = [groupId],
            ClientToken = ClientToken(spec.WorkloadId, command.CommandId),
            MetadataOptions = new InstanceMetadataOptionsRequest { HttpTokens = HttpTokensState.Required, HttpEndpoint = InstanceMetadataEndpointState.Enabled },
            TagSpecifications = [new TagSpecification { ResourceType = ResourceType.Instance, Tags = AwsTags.ForWorkload(spec) }],
        }, ct));
        string instanceId = run.Reservation?.Instances?.FirstOrDefault()?.InstanceId ?? "?";
        AwsProviderLog.Placed(_logger, _zoneId, spec.WorkloadId, instanceId, type.Name, groupId);
        return Result(command, null);
    }

    private async Task<CommandResult> RemoveAsync(Command command, WorkloadSpec spec, CancellationToken ct)
    {
        var instances = await InstancesAsync([new Filter($"tag:{AwsTags.WorkloadId}", [spec.WorkloadId]), new Filter("subnet-id", [_options.SubnetId])], ct);
        var ids = instances.Where(i => i.State?.Name?.Value != "shutting-down").Select(i => i.InstanceId).ToList();
        if (ids.Count > 0)
        {
            await Call("TerminateInstances", () => _ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = ids }, ct));
            AwsProviderLog.Removed(_logger, _zoneId, spec.WorkloadId, ids.Count);
        }

        // Its security group goes when no instance holds it any more (at once where the cloud lets go of it; otherwise
        // a later observation's sweep deletes it).
        var groups = await GroupsAsync(await VpcIdAsync(ct), ct, [new Filter("group-name", [GroupName(spec.WorkloadId)])]);
        await SweepGroupsAsync(groups, [], ct);
        return Result(command, null);
    }

    private async Task<List<Instance>> InstancesAsync(List<Filter> filters, CancellationToken ct)
    {
        filters.Add(new Filter("instance-state-name", LiveStates));
        var instances = new List<Instance>();
        string? next = null;
        do
        {
            var page = await Call("DescribeInstances", () => _ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = filters, NextToken = next, MaxResults = 1000 }, ct));
            instances.AddRange((page.Reservations ?? []).SelectMany(r => r.Instances ?? []).Where(i => LiveStates.Contains(i.State?.Name?.Value ?? "")));
            next = page.NextToken;
        }
        while (!string.IsNullOrEmpty(next));
        return instances;
    }

    private async Task<string> VpcIdAsync(CancellationToken ct)
    {
        if (_vpcId is { } known)
        {
            return known;
        }

        var subnets = await Call("DescribeSubnets", () => _ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest { SubnetIds = [_options.SubnetId] }, ct));
        return _vpcId = subnets.Subnets?.FirstOrDefault()?.VpcId
            ?? throw AwsErrors.Classify("DescribeSubnets", new AmazonEC2Exception($"subnet {_options.SubnetId} (Agent:Aws:SubnetId) was not found") { ErrorCode = "InvalidSubnetID.NotFound" })!;
    }

    /// <summary>One EC2 call (the SDK retries it by its own policy); what still fails is classified with the operation's name.</summary>
    private static async Task<T> Call<T>(string operation, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (AwsErrors.Classify(operation, ex) is { } failure && failure != ex)
        {
            throw failure;
        }
    }

    private static CommandResult Result(Command command, string? failure) => new()
    {
        CommandId = command.CommandId,
        Succeeded = failure is null,
        Message = failure ?? string.Empty,
    };

    private static string Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
