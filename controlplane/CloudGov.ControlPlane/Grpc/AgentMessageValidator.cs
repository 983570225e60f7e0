using System.Globalization;
using CloudGov.ControlPlane.Abstractions.Zones;
using CloudGov.Proto.Agent.V1;
using Common = CloudGov.Proto.Common.V1;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>
/// Turns agent messages into domain records, or says exactly what is wrong with them.
/// Every check runs before anything is stored, so a rejected message changes nothing.
/// </summary>
public static class AgentMessageValidator
{
    /// <summary>The longest workload label key accepted (as the cloud tags it).</summary>
    private const int MaxLabelKeyLength = 128;

    /// <summary>The longest workload label value accepted.</summary>
    private const int MaxLabelValueLength = 256;

    /// <summary>Validates a Hello; returns the zone id and descriptor or throws InvalidArgument.</summary>
    public static (string ZoneId, Abstractions.Zones.ZoneDescriptor Descriptor) ValidateHello(Hello hello)
    {
        var errors = new List<string>();
        if (!ZoneId.IsValid(hello.ZoneId))
        {
            errors.Add($"hello.zone_id '{Truncate(hello.ZoneId)}' is malformed: {ZoneId.FormatDescription}");
        }

        if (hello.Provider == Common.ProviderKind.Unspecified || !Enum.IsDefined(hello.Provider))
        {
            errors.Add("hello.provider must be set to a known provider kind");
        }

        var zone = hello.Zone;
        if (zone is null)
        {
            errors.Add("hello.zone (the zone descriptor) is required");
            throw Invalid(errors);
        }

        if (string.IsNullOrWhiteSpace(zone.DisplayName) || zone.DisplayName.Length > 128)
        {
            errors.Add("hello.zone.display_name must be 1-128 characters");
        }

        if (zone.AdministrativeLevel == Common.AdministrativeLevel.Unspecified || !Enum.IsDefined(zone.AdministrativeLevel))
        {
            errors.Add("hello.zone.administrative_level must be PROVINCE, CITY or COUNTY");
        }

        if (!RegionCode.IsValid(zone.RegionCode))
        {
            errors.Add($"hello.zone.region_code '{Truncate(zone.RegionCode)}' is malformed: {RegionCode.FormatDescription}");
        }

        if (zone.MlpsLevel is < Common.MlpsLevel._2 or > Common.MlpsLevel._4)
        {
            errors.Add("hello.zone.mlps_level must be 2, 3 or 4 (the MLPS level the zone is certified for)");
        }

        if (zone.NetworkPlane == Common.NetworkPlane.Unspecified || !Enum.IsDefined(zone.NetworkPlane))
        {
            errors.Add("hello.zone.network_plane must be set");
        }

        double cpuOvercommit = zone.CpuOvercommit == 0 ? 1.0 : zone.CpuOvercommit;
        double memoryOvercommit = zone.MemoryOvercommit == 0 ? 1.0 : zone.MemoryOvercommit;
        if (!(cpuOvercommit >= 1.0 && cpuOvercommit <= ZoneLimits.MaxOvercommit))
        {
            errors.Add($"hello.zone.cpu_overcommit {zone.CpuOvercommit} must be between 1 and {ZoneLimits.MaxOvercommit} (0 means 1)");
        }

        if (!(memoryOvercommit >= 1.0 && memoryOvercommit <= ZoneLimits.MaxOvercommit))
        {
            errors.Add($"hello.zone.memory_overcommit {zone.MemoryOvercommit} must be between 1 and {ZoneLimits.MaxOvercommit} (0 means 1)");
        }

        if (zone.Labels.Count > ZoneLimits.MaxLabels)
        {
            errors.Add($"hello.zone.labels has {zone.Labels.Count} entries; at most {ZoneLimits.MaxLabels} are allowed");
        }
        else if (zone.Labels.Any(l => l.Key.Length is 0 or > 63 || l.Value.Length > 63))
        {
            errors.Add("hello.zone.labels keys must be 1-63 characters and values at most 63");
        }

        if (hello.AgentVersion.Length > 64)
        {
            errors.Add("hello.agent_version must be at most 64 characters");
        }

        if (errors.Count > 0)
        {
            throw Invalid(errors);
        }

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
        var errors = new List<string>();
        var where = $"report {report.Sequence}";
        if (report.Sequence == 0)
        {
            errors.Add("report.sequence must be 1 or more (sequences start at 1 and increase)");
        }

        DateTimeOffset observedAt = default;
        if (report.ObservedAt is null)
        {
            errors.Add($"{where}: observed_at is required");
        }
        else
        {
            observedAt = report.ObservedAt.ToDateTimeOffset();
            if (observedAt > now + ZoneLimits.MaxClockSkew)
            {
                errors.Add($"{where}: observed_at {observedAt:O} is more than {ZoneLimits.MaxClockSkew.TotalMinutes} minutes ahead of the control plane's clock ({now:O}); fix the agent's clock");
            }
        }

        if (report.Capacity is null)
        {
            errors.Add($"{where}: capacity is required");
        }

        var capacity = report.Capacity.ToDomain();
        var usage = report.Usage.ToDomain();
        CheckVector(errors, $"{where}: capacity", capacity);
        CheckVector(errors, $"{where}: usage", usage);
        for (int d = 0; d < ResourceVector.Dimensions; d++)
        {
            if (capacity[d] > ZoneLimits.MaxCapacity[d])
            {
                errors.Add($"{where}: capacity.{ResourceVector.DimensionNames[d]} {capacity[d]} is absurd; a zone may report at most {ZoneLimits.MaxCapacity[d]}");
            }

            if (usage[d] > 0 && usage[d] > capacity[d] * ZoneLimits.MaxUsageOverCapacity)
            {
                errors.Add($"{where}: usage.{ResourceVector.DimensionNames[d]} {usage[d]} exceeds {ZoneLimits.MaxUsageOverCapacity}x the capacity {capacity[d]}");
            }
        }

        if (report.Workloads.Count > ZoneLimits.MaxWorkloadsPerReport)
        {
            errors.Add($"{where}: {report.Workloads.Count} workloads; at most {ZoneLimits.MaxWorkloadsPerReport} per report");
        }

        if (report.Posture.Count > ZoneLimits.MaxPostureFacts)
        {
            errors.Add($"{where}: {report.Posture.Count} posture facts; at most {ZoneLimits.MaxPostureFacts} per report");
        }

        if (errors.Count > 0)
        {
            throw Invalid(errors);
        }

        var workloads = ImmutableArray.CreateBuilder<WorkloadObservation>(report.Workloads.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var w in report.Workloads)
        {
            if (w.WorkloadId.Length is 0 or > ZoneLimits.MaxIdLength || w.TenantId.Length is 0 or > ZoneLimits.MaxIdLength)
            {
                errors.Add($"{where}: workload '{Truncate(w.WorkloadId)}' needs a workload_id and tenant_id of 1-{ZoneLimits.MaxIdLength} characters");
            }
            else if (!seen.Add(w.WorkloadId))
            {
                errors.Add($"{where}: workload '{w.WorkloadId}' appears twice");
            }

            var requests = w.Requests.ToDomain();
            var used = w.Usage.ToDomain();
            if (!requests.IsNonNegative || !used.IsNonNegative)
            {
                errors.Add($"{where}: workload '{Truncate(w.WorkloadId)}' has negative requests or usage");
            }

            CheckLabels(errors, where, w);
            if (errors.Count > 10)
            {
                break;
            }

            workloads.Add(new WorkloadObservation(w.WorkloadId, w.TenantId, w.System, requests, used, w.MlpsLevel.ToDomain(), (CloudGov.Domain.WorkloadState)(int)w.State)
            {
                Labels = w.Labels.Count == 0 ? [] : SortedLabels(w.Labels),
            });
        }

        var posture = ImmutableArray.CreateBuilder<Abstractions.Zones.PostureFact>(report.Posture.Count);
        foreach (var fact in report.Posture)
        {
            if (fact.Key.Length is 0 or > 128 || fact.Value.Length > 1024)
            {
                errors.Add($"{where}: posture fact keys must be 1-128 characters and values at most 1024");
                break;
            }

            posture.Add(new Abstractions.Zones.PostureFact(fact.Key, fact.Value));
        }

        if (errors.Count > 0)
        {
            throw Invalid(errors);
        }

        return new ZoneReportData(report.Sequence, observedAt, capacity, usage, workloads.MoveToImmutable(), posture.MoveToImmutable(), report.Degraded);
    }

    private static void CheckVector(List<string> errors, string what, ResourceVector v)
    {
        for (int d = 0; d < ResourceVector.Dimensions; d++)
        {
            if (v[d] < 0)
            {
                errors.Add($"{what}.{ResourceVector.DimensionNames[d]} is {v[d]}; it must not be negative");
            }
        }
    }

    /// <summary>
    /// Checks a workload's labels against the report bounds; adds one error naming the first problem, so a zone that
    /// tags every workload badly yields a readable message rather than thousands.
    /// </summary>
    private static void CheckLabels(List<string> errors, string where, WorkloadReport w)
    {
        if (w.Labels.Count == 0)
        {
            return;
        }

        // Built only for a message: this runs for every workload of every report.
        string Workload() => $"{where}: workload '{Excerpt(w.WorkloadId, 40)}'";
        if (w.Labels.Count > ZoneLimits.MaxLabels)
        {
            errors.Add($"{Workload()}: labels has {w.Labels.Count} entries; at most {ZoneLimits.MaxLabels} are allowed");
            return;
        }

        foreach (var (key, value) in w.Labels)
        {
            if (key.Length is 0 or > MaxLabelKeyLength || char.IsWhiteSpace(key[0]) || char.IsWhiteSpace(key[^1]) || HasControl(key))
            {
                errors.Add($"{Workload()}: labels key '{Excerpt(key)}' ({key.Length} characters) must be 1-{MaxLabelKeyLength} characters without control characters or leading or trailing whitespace");
                return;
            }

            if (value.Length > MaxLabelValueLength || HasControl(value))
            {
                errors.Add($"{Workload()}: labels['{Excerpt(key)}'] value '{Excerpt(value)}' ({value.Length} characters) must be at most {MaxLabelValueLength} characters without control characters");
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

    private static bool HasControl(string s)
    {
        foreach (char c in s)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A short prefix of an untrusted value for an error message: at most <paramref name="max"/> characters (never
    /// splitting a surrogate pair), control characters escaped so they cannot break the logs the message ends up in.
    /// </summary>
    private static string Excerpt(string s, int max = 32)
    {
        int length = s.Length <= max ? s.Length : char.IsHighSurrogate(s[max - 1]) ? max - 1 : max;
        var text = new System.Text.StringBuilder(length + 8);
        foreach (char c in s.AsSpan(0, length))
        {
            if (char.IsControl(c))
            {
                text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                text.Append(c);
            }
        }

        return length < s.Length ? text.Append('…').ToString() : text.ToString();
    }

    private static RpcException Invalid(List<string> errors) =>
        new(new Status(StatusCode.InvalidArgument, string.Join("; ", errors.Take(10)) + (errors.Count > 10 ? $"; and {errors.Count - 10} more" : string.Empty)));

    private static string Truncate(string? s) => s is null ? string.Empty : s.Length <= 70 ? s : s[..70] + "…";
}
