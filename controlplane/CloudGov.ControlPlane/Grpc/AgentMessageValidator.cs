using System.Globalization;
using CloudGov.ControlPlane.Abstractions.Zones;
using CloudGov.ControlPlane.Grains.Ledger;
using CloudGov.Proto.Agent.V1;
using Google.Protobuf.WellKnownTypes;
using Common = CloudGov.Proto.Common.V1;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>
/// The agent stream's one validator: turns Hello, ZoneReport and CommandResult into domain records, or throws
/// InvalidArgument with a google.rpc.BadRequest naming every bad field (the bounds are <see cref="WireLimits"/> and
/// <see cref="ZoneLimits"/>). Every check runs before anything is stored, so a rejected message changes nothing; a bad
/// value is quoted by a short escaped prefix only.
/// </summary>
public static class AgentMessageValidator
{
    /// <summary>The most problems collected from one message before checking stops.</summary>
    private const int MaxProblems = 20;

    private static readonly string[] Dimensions = ["cpu_millicores", "memory_mib", "storage_gib", "gpu"];

    /// <summary>Validates a Hello; returns the zone id and descriptor or throws InvalidArgument.</summary>
    public static (string ZoneId, Abstractions.Zones.ZoneDescriptor Descriptor) ValidateHello(Hello hello)
    {
        ArgumentNullException.ThrowIfNull(hello);
        var problems = new List<FieldProblem>();
        if (!ZoneId.IsValid(hello.ZoneId))
        {
            problems.Add(new("hello.zone_id", $"{WireText.Quote(hello.ZoneId)} is malformed: {ZoneId.FormatDescription}"));
        }

        if (hello.Provider == Common.ProviderKind.Unspecified || !System.Enum.IsDefined(hello.Provider))
        {
            problems.Add(new("hello.provider", $"{(int)hello.Provider} is not a provider kind: give PROVIDER_KIND_SIMULATED, _KUBERNETES, _AWS_EC2 or _AZURE"));
        }

        if (!WireText.IsText(hello.AgentVersion, WireLimits.MaxAgentVersionLength))
        {
            problems.Add(new("hello.agent_version", $"must be at most {WireLimits.MaxAgentVersionLength} characters without control characters ({hello.AgentVersion.Length} given)"));
        }

        if (hello.Capabilities.Count > WireLimits.MaxCapabilities)
        {
            problems.Add(new("hello.capabilities", $"has {hello.Capabilities.Count} entries; at most {WireLimits.MaxCapabilities}"));
        }
        else
        {
            for (int i = 0; i < hello.Capabilities.Count; i++)
            {
                if (!WireText.IsId(hello.Capabilities[i], WireLimits.MaxCapabilityLength))
                {
                    problems.Add(new($"hello.capabilities[{i}]", $"{WireText.Quote(hello.Capabilities[i])} must be 1-{WireLimits.MaxCapabilityLength} characters without whitespace or control characters"));
                }
            }
        }

        var zone = hello.Zone;
        if (zone is null)
        {
            problems.Add(new("hello.zone", "the zone descriptor is required"));
            throw FieldErrors.Invalid(problems);
        }

        if (string.IsNullOrWhiteSpace(zone.DisplayName) || !WireText.IsText(zone.DisplayName, WireLimits.MaxDisplayNameLength))
        {
            problems.Add(new("hello.zone.display_name", $"must be 1-{WireLimits.MaxDisplayNameLength} characters without control characters ({zone.DisplayName.Length} given)"));
        }

        if (zone.AdministrativeLevel == Common.AdministrativeLevel.Unspecified || !System.Enum.IsDefined(zone.AdministrativeLevel))
        {
            problems.Add(new("hello.zone.administrative_level", $"{(int)zone.AdministrativeLevel} is not a level: give PROVINCE, CITY or COUNTY"));
        }

        if (!RegionCode.IsValid(zone.RegionCode))
        {
            problems.Add(new("hello.zone.region_code", $"{WireText.Quote(zone.RegionCode)} is malformed: {RegionCode.FormatDescription}"));
        }

        if (!WireText.IsText(zone.Vendor, WireLimits.MaxVendorLength))
        {
            problems.Add(new("hello.zone.vendor", $"must be at most {WireLimits.MaxVendorLength} characters without control characters ({zone.Vendor.Length} given)"));
        }

        if (zone.MlpsLevel is < Common.MlpsLevel._2 or > Common.MlpsLevel._4)
        {
            problems.Add(new("hello.zone.mlps_level", $"{(int)zone.MlpsLevel} is not allowed: give 2, 3 or 4 (the MLPS level the zone is certified for)"));
        }

        if (zone.NetworkPlane == Common.NetworkPlane.Unspecified || !System.Enum.IsDefined(zone.NetworkPlane))
        {
            problems.Add(new("hello.zone.network_plane", $"{(int)zone.NetworkPlane} is not a network plane: give EGOV_EXTRANET, INTERNET or EGOV_INTRANET"));
        }

        double cpuOvercommit = zone.CpuOvercommit == 0 ? 1.0 : zone.CpuOvercommit;
        double memoryOvercommit = zone.MemoryOvercommit == 0 ? 1.0 : zone.MemoryOvercommit;
        if (!(cpuOvercommit >= 1.0 && cpuOvercommit <= ZoneLimits.MaxOvercommit))
        {
            problems.Add(new("hello.zone.cpu_overcommit", $"{zone.CpuOvercommit.ToString(CultureInfo.InvariantCulture)} must be between 1 and {ZoneLimits.MaxOvercommit} (0 means 1)"));
        }

        if (!(memoryOvercommit >= 1.0 && memoryOvercommit <= ZoneLimits.MaxOvercommit))
        {
            problems.Add(new("hello.zone.memory_overcommit", $"{zone.MemoryOvercommit.ToString(CultureInfo.InvariantCulture)} must be between 1 and {ZoneLimits.MaxOvercommit} (0 means 1)"));
        }

        if (zone.Labels.Count > WireLimits.MaxLabels)
        {
            problems.Add(new("hello.zone.labels", $"has {zone.Labels.Count} entries; at most {WireLimits.MaxLabels}"));
        }
        else
        {
            foreach (var (key, value) in zone.Labels)
            {
                if (!WireText.IsName(key, WireLimits.MaxZoneLabelLength) || key.Length == 0)
                {
                    problems.Add(new("hello.zone.labels", $"key {WireText.Quote(key)} must be 1-{WireLimits.MaxZoneLabelLength} characters without control characters or surrounding whitespace"));
                }
                else if (!WireText.IsText(value, WireLimits.MaxZoneLabelLength))
                {
                    problems.Add(new($"hello.zone.labels[{key}]", $"value must be at most {WireLimits.MaxZoneLabelLength} characters without control characters ({value.Length} given)"));
                }
            }
        }

        FieldErrors.ThrowIfAny(problems);
        var descriptor = new Abstractions.Zones.ZoneDescriptor(
            zone.DisplayName.Trim(),
            zone.AdministrativeLevel.ToDomain(),
            zone.RegionCode,
            zone.Vendor,
            hello.Provider.ToDomain(),
            zone.MlpsLevel.ToDomain(),
            zone.NetworkPlane.ToDomain(),
            cpuOvercommit,
            memoryOvercommit,
            zone.Labels.ToImmutableDictionary(),
            hello.AgentVersion);
        return (hello.ZoneId, descriptor);
    }

    /// <summary>Validates a report received at <paramref name="now"/>; returns the record or throws InvalidArgument.</summary>
    public static ZoneReportData ValidateReport(ZoneReport report, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(report);
        var problems = new List<FieldProblem>();
        if (report.Sequence == 0 || report.Sequence > WireLimits.MaxSequence)
        {
            problems.Add(new("report.sequence", $"{report.Sequence} is out of range: sequences start at 1, increase by report, and stay at most {WireLimits.MaxSequence} (2^53)"));
        }

        DateTimeOffset observedAt = default;
        if (report.ObservedAt is null)
        {
            problems.Add(new("report.observed_at", "the observation time is required"));
        }
        else if (TryTimestamp(report.ObservedAt, "report.observed_at", problems) is { } observed)
        {
            observedAt = observed;
            if (observedAt > now + ZoneLimits.MaxClockSkew)
            {
                problems.Add(new("report.observed_at", $"{observedAt:O} is more than {ZoneLimits.MaxClockSkew.TotalMinutes} minutes ahead of the control plane's clock ({now:O}); fix the agent's clock"));
            }
            else if (observedAt < WireLimits.MinTimestamp)
            {
                problems.Add(new("report.observed_at", $"{observedAt:O} is before {WireLimits.MinTimestamp:yyyy-MM-dd}; fix the agent's clock"));
            }
        }

        if (report.Capacity is null)
        {
            problems.Add(new("report.capacity", "the zone's capacity is required"));
        }

        var capacity = report.Capacity.ToDomain();
        var usage = report.Usage.ToDomain();
        for (int d = 0; d < ResourceVector.Dimensions; d++)
        {
            if (capacity[d] < 0)
            {
                problems.Add(new($"report.capacity.{Dimensions[d]}", $"is {capacity[d]}; it must not be negative"));
            }
            else if (capacity[d] > ZoneLimits.MaxCapacity[d])
            {
                problems.Add(new($"report.capacity.{Dimensions[d]}", $"{capacity[d]} is absurd; a zone may report at most {ZoneLimits.MaxCapacity[d]}"));
            }

            if (usage[d] < 0)
            {
                problems.Add(new($"report.usage.{Dimensions[d]}", $"is {usage[d]}; it must not be negative"));
            }
            else if (report.Capacity is not null && capacity[d] >= 0 && capacity[d] <= ZoneLimits.MaxCapacity[d]
                && usage[d] > 0 && usage[d] > capacity[d] * ZoneLimits.MaxUsageOverCapacity)
            {
                problems.Add(new($"report.usage.{Dimensions[d]}", $"{usage[d]} exceeds {ZoneLimits.MaxUsageOverCapacity}x the capacity {capacity[d]}"));
            }
        }

        if (report.Workloads.Count > ZoneLimits.MaxWorkloadsPerReport)
        {
            problems.Add(new("report.workloads", $"has {report.Workloads.Count} workloads; at most {ZoneLimits.MaxWorkloadsPerReport} per report"));
        }

        if (report.Posture.Count > ZoneLimits.MaxPostureFacts)
        {
            problems.Add(new("report.posture", $"has {report.Posture.Count} facts; at most {ZoneLimits.MaxPostureFacts} per report"));
        }

        if (!WireText.IsText(report.DegradedReason, WireLimits.MaxDegradedReasonLength))
        {
            problems.Add(new("report.degraded_reason", $"must be at most {WireLimits.MaxDegradedReasonLength} characters without control characters ({report.DegradedReason.Length} given)"));
        }

        FieldErrors.ThrowIfAny(problems);
        var workloads = ImmutableArray.CreateBuilder<WorkloadObservation>(report.Workloads.Count);
        var seen = new HashSet<string>(report.Workloads.Count, StringComparer.Ordinal);
        var requested = ResourceVector.Zero;
        for (int i = 0; i < report.Workloads.Count && problems.Count < MaxProblems; i++)
        {
            var w = report.Workloads[i];
            int before = problems.Count;
            CheckWorkload(problems, i, w, seen);
            if (problems.Count > before)
            {
                continue;
            }

            var policy = w.AccessPolicy.ToDomain();
            IntentValidator.Policy(problems, FieldOf(i, "access_policy"), policy);
            if (problems.Count > before)
            {
                continue;
            }

            var requests = w.Requests.ToDomain();
            requested = ResourceSums.Checked(requested, requests);
            workloads.Add(new WorkloadObservation(w.WorkloadId, w.TenantId, w.System, requests, w.Usage.ToDomain(), w.MlpsLevel.ToDomain(), (CloudGov.Domain.WorkloadState)(int)w.State)
            {
                Labels = w.Labels.Count == 0 ? [] : SortedLabels(w.Labels),
                AccessPolicy = policy,
            });
        }

        var posture = ImmutableArray.CreateBuilder<Abstractions.Zones.PostureFact>(report.Posture.Count);
        for (int i = 0; i < report.Posture.Count && problems.Count < MaxProblems; i++)
        {
            var fact = report.Posture[i];
            if (fact.Key.Length == 0 || !WireText.IsName(fact.Key, WireLimits.MaxPostureKeyLength))
            {
                problems.Add(new($"report.posture[{i}].key", $"{WireText.Quote(fact.Key)} must be 1-{WireLimits.MaxPostureKeyLength} characters without control characters or surrounding whitespace"));
            }
            else if (!WireText.IsText(fact.Value, WireLimits.MaxPostureValueLength))
            {
                problems.Add(new($"report.posture[{i}].value", $"must be at most {WireLimits.MaxPostureValueLength} characters without control characters ({fact.Value.Length} given)"));
            }
            else
            {
                posture.Add(new Abstractions.Zones.PostureFact(fact.Key, fact.Value));
            }
        }

        FieldErrors.ThrowIfAny(problems);
        return new ZoneReportData(report.Sequence, observedAt, capacity, usage, workloads.MoveToImmutable(), posture.MoveToImmutable(), report.Degraded,
            report.Degraded && report.DegradedReason.Length > 0 ? report.DegradedReason : null);
    }

    /// <summary>Validates a command result; returns its id and message or throws InvalidArgument.</summary>
    public static (string CommandId, bool Succeeded, string Message) ValidateCommandResult(CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var problems = new List<FieldProblem>();
        if (!WireText.IsId(result.CommandId))
        {
            problems.Add(new("command_result.command_id", $"{WireText.Quote(result.CommandId)} must be 1-{WireLimits.MaxIdLength} characters without whitespace or control characters"));
        }

        if (!WireText.IsText(result.Message, WireLimits.MaxCommandMessageLength))
        {
            problems.Add(new("command_result.message", $"must be at most {WireLimits.MaxCommandMessageLength} characters without control characters ({result.Message.Length} given)"));
        }

        FieldErrors.ThrowIfAny(problems);
        return (result.CommandId, result.Succeeded, result.Message);
    }

    /// <summary>
    /// A protobuf Timestamp as a time, or null with a problem added: seconds within 0001-01-01..9999-12-31 and nanos
    /// 0..999,999,999 (what <see cref="Timestamp.ToDateTimeOffset"/> would otherwise throw on).
    /// </summary>
    internal static DateTimeOffset? TryTimestamp(Timestamp timestamp, string field, List<FieldProblem> problems)
    {
        const long MinSeconds = -62_135_596_800; // 0001-01-01T00:00:00Z
        const long MaxSeconds = 253_402_300_799; // 9999-12-31T23:59:59Z
        if (timestamp.Nanos is < 0 or > 999_999_999)
        {
            problems.Add(new($"{field}.nanos", $"is {timestamp.Nanos}; it must be 0..999,999,999"));
            return null;
        }

        if (timestamp.Seconds is < MinSeconds or > MaxSeconds)
        {
            problems.Add(new($"{field}.seconds", $"is {timestamp.Seconds}; a time must lie between 0001-01-01 and 9999-12-31 (and an observation after {WireLimits.MinTimestamp:yyyy-MM-dd})"));
            return null;
        }

        return timestamp.ToDateTimeOffset();
    }

    private static void CheckWorkload(List<FieldProblem> problems, int i, WorkloadReport w, HashSet<string> seen)
    {
        // Field paths and names are built only for a message (no delegate, no closure): this runs for every workload of every report.
        string Field(string name) => FieldOf(i, name);
        string Who() => WhoOf(w);
        if (!WireText.IsId(w.WorkloadId))
        {
            problems.Add(new(Field("workload_id"), $"{WireText.Quote(w.WorkloadId)} must be 1-{WireLimits.MaxIdLength} characters without whitespace or control characters"));
        }
        else if (!seen.Add(w.WorkloadId))
        {
            problems.Add(new(Field("workload_id"), $"{Who()} appears twice"));
        }

        if (!WireText.IsId(w.TenantId))
        {
            problems.Add(new(Field("tenant_id"), $"{Who()}: tenant {WireText.Quote(w.TenantId)} must be 1-{WireLimits.MaxIdLength} characters without whitespace or control characters"));
        }

        if (!WireText.IsName(w.System))
        {
            problems.Add(new(Field("system"), $"{Who()}: must be at most {WireLimits.MaxNameLength} characters without control characters or surrounding whitespace ({w.System.Length} given)"));
        }

        CheckWorkloadVector(problems, w.Requests, i, w, "requests");
        CheckWorkloadVector(problems, w.Usage, i, w, "usage");
        if (w.MlpsLevel is < Common.MlpsLevel._1 or > Common.MlpsLevel._4)
        {
            problems.Add(new(Field("mlps_level"), $"{Who()}: {(int)w.MlpsLevel} is not an MLPS level: give MLPS_LEVEL_1 to MLPS_LEVEL_4 (the level the workload requires)"));
        }

        if (w.State is < CloudGov.Proto.Agent.V1.WorkloadState.Unspecified or > CloudGov.Proto.Agent.V1.WorkloadState.Terminating)
        {
            problems.Add(new(Field("state"), $"{Who()}: {(int)w.State} is not a workload state: give WORKLOAD_STATE_PENDING, _RUNNING, _FAILED or _TERMINATING"));
        }

        CheckLabels(problems, i, w);
    }

    private static string FieldOf(int i, string name) => string.Create(CultureInfo.InvariantCulture, $"report.workloads[{i}].{name}");

    private static string WhoOf(WorkloadReport w) => $"workload {WireText.Quote(w.WorkloadId)}";

    private static void CheckWorkloadVector(List<FieldProblem> problems, Common.ResourceVector? proto, int i, WorkloadReport w, string name)
    {
        if (proto is null)
        {
            return;
        }

        string Field(string n) => FieldOf(i, n);
        string Who() => WhoOf(w);
        var v = proto.ToDomain();
        for (int d = 0; d < ResourceVector.Dimensions; d++)
        {
            if (v[d] < 0)
            {
                problems.Add(new(Field($"{name}.{Dimensions[d]}"), $"{Who()}: is {v[d]}; it must not be negative"));
            }
            else if (v[d] > WireLimits.MaxWorkloadResources[d])
            {
                problems.Add(new(Field($"{name}.{Dimensions[d]}"), $"{Who()}: {v[d]} is more than any zone can have ({WireLimits.MaxWorkloadResources[d]})"));
            }
        }
    }

    /// <summary>Checks a workload's labels; adds one problem naming the first bad one, so a zone that tags every workload badly yields a readable message.</summary>
    private static void CheckLabels(List<FieldProblem> problems, int i, WorkloadReport w)
    {
        if (w.Labels.Count == 0)
        {
            return;
        }

        string Field(string n) => FieldOf(i, n);
        string Who() => WhoOf(w);

        if (w.Labels.Count > WireLimits.MaxLabels)
        {
            problems.Add(new(Field("labels"), $"{Who()}: labels has {w.Labels.Count} entries; at most {WireLimits.MaxLabels} are allowed"));
            return;
        }

        foreach (var (key, value) in w.Labels)
        {
            if (key.Length == 0 || !WireText.IsName(key, WireLimits.MaxLabelKeyLength))
            {
                problems.Add(new(Field("labels"), $"{Who()}: labels key {WireText.Quote(key)} must be 1-{WireLimits.MaxLabelKeyLength} characters without control characters or leading or trailing whitespace"));
                return;
            }

            if (!WireText.IsText(value, WireLimits.MaxLabelValueLength))
            {
                problems.Add(new(Field("labels"), $"{Who()}: labels[{WireText.Quote(key)}] value {WireText.Quote(value)} must be at most {WireLimits.MaxLabelValueLength} characters without control characters"));
                return;
            }
        }
    }

    /// <summary>The labels ordered by key (a map has no repeated key), in one array: the hot path allocates nothing else.</summary>
    private static ImmutableArray<WorkloadLabel> SortedLabels(Google.Protobuf.Collections.MapField<string, string> labels)
    {
        var array = new WorkloadLabel[labels.Count];
        int i = 0;
        foreach (var (key, value) in labels)
        {
            array[i++] = new WorkloadLabel(key, value);
        }

        if (array.Length > 1)
        {
            Array.Sort(array, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        }

        return System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(array);
    }
}
