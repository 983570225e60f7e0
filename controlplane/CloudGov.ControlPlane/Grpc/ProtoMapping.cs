using CloudGov.ControlPlane.Abstractions.Zones;
using Google.Protobuf.WellKnownTypes;
using Common = CloudGov.Proto.Common.V1;
using Ops = CloudGov.Proto.Operations.V1;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>Maps between wire messages and domain records. Enum values are kept numerically equal on both sides.</summary>
internal static class ProtoMapping
{
    public static ResourceVector ToDomain(this Common.ResourceVector? v) =>
        v is null ? ResourceVector.Zero : new ResourceVector(v.CpuMillicores, v.MemoryMib, v.StorageGib, v.Gpu);

    public static Common.ResourceVector ToProto(this ResourceVector v) => new()
    {
        CpuMillicores = v.CpuMillicores,
        MemoryMib = v.MemoryMiB,
        StorageGib = v.StorageGiB,
        Gpu = v.Gpu,
    };

    public static AdministrativeLevel ToDomain(this Common.AdministrativeLevel v) => (AdministrativeLevel)(int)v;

    public static MlpsLevel ToDomain(this Common.MlpsLevel v) => (MlpsLevel)(int)v;

    public static NetworkPlane ToDomain(this Common.NetworkPlane v) => (NetworkPlane)(int)v;

    public static ProviderKind ToDomain(this Common.ProviderKind v) => (ProviderKind)(int)v;

    public static Common.ZoneStatus ToProto(this ZoneStatus v) => (Common.ZoneStatus)(int)v;

    public static ZoneStatus ToDomain(this Common.ZoneStatus v) => (ZoneStatus)(int)v;

    public static Ops.Utilization Utilization(ResourceVector usage, ResourceVector capacity) => new()
    {
        Cpu = Ratio(usage.CpuMillicores, capacity.CpuMillicores),
        Memory = Ratio(usage.MemoryMiB, capacity.MemoryMiB),
        Storage = Ratio(usage.StorageGiB, capacity.StorageGiB),
        Gpu = Ratio(usage.Gpu, capacity.Gpu),
    };

    public static Ops.ZoneSummary ToProto(this ZoneSummary z, DateTimeOffset now, TimeSpan stalenessWindow)
    {
        var d = z.Descriptor;
        var proto = new Ops.ZoneSummary
        {
            ZoneId = z.ZoneId,
            DisplayName = d.DisplayName,
            AdministrativeLevel = (Common.AdministrativeLevel)(int)d.AdministrativeLevel,
            RegionCode = d.RegionCode,
            Vendor = d.Vendor,
            Provider = (Common.ProviderKind)(int)d.Provider,
            MlpsLevel = (Common.MlpsLevel)(int)d.MlpsLevel,
            NetworkPlane = (Common.NetworkPlane)(int)d.NetworkPlane,
            Status = z.EffectiveStatus(now, stalenessWindow).ToProto(),
            Capacity = z.Capacity.ToProto(),
            Usage = z.Usage.ToProto(),
            Requested = z.Requested.ToProto(),
            Utilization = Utilization(z.Usage, z.Capacity),
            WorkloadCount = z.WorkloadCount,
            AgentConnected = z.AgentConnected,
            LastReportAgeSeconds = z.LastReceivedAt is { } at ? Math.Max(0, (now - at).TotalSeconds) : -1,
            LastSequence = z.LastSequence,
            DegradedReason = z.DegradedReason ?? string.Empty,
        };
        if (z.LastReportAt is { } observed)
        {
            proto.LastReportAt = Timestamp.FromDateTimeOffset(observed);
        }

        return proto;
    }

    /// <summary>Adds what the scheduler uses to a zone's summary: allocatable, requested ÷ allocatable, the target, and the ledger's counts.</summary>
    public static Ops.ZoneSummary WithScheduling(this Ops.ZoneSummary proto, ZoneSummary z, DateTimeOffset now, TimeSpan stalenessWindow, double defaultTarget,
        ImmutableSortedDictionary<CloudGov.ControlPlane.Abstractions.Ledger.ReconciliationState, int>? counts)
    {
        var snapshot = CloudGov.ControlPlane.Grains.Plans.SnapshotMapper.ToZone(z, now, stalenessWindow, defaultTarget);
        proto.Allocatable = snapshot.Allocatable.ToProto();
        proto.RequestedRatio = Utilization(z.Requested, snapshot.Allocatable);
        proto.TargetUtilization = snapshot.TargetUtilization;
        foreach (var (state, n) in counts ?? ImmutableSortedDictionary<CloudGov.ControlPlane.Abstractions.Ledger.ReconciliationState, int>.Empty)
        {
            proto.WorkloadsByLedgerState[LedgerProtoMapping.StateName(state)] = n;
        }

        return proto;
    }

    public static Ops.Workload ToProto(this WorkloadObservation w)
    {
        var proto = new Ops.Workload
        {
            WorkloadId = w.WorkloadId,
            TenantId = w.TenantId,
            System = w.System,
            Requests = w.Requests.ToProto(),
            Usage = w.Usage.ToProto(),
            MlpsLevel = (Common.MlpsLevel)(int)w.MlpsLevel,
            State = w.State.ToString(),
            AccessPolicy = w.AccessPolicy?.ToProto(),
        };
        foreach (var label in w.Labels.IsDefault ? [] : w.Labels)
        {
            proto.Labels[label.Key] = label.Value;
        }

        return proto;
    }

    public static CloudGov.Proto.Agent.V1.Command ToProto(this ZoneCommand c) => new()
    {
        CommandId = c.CommandId,
        Kind = c.Kind == ZoneCommandKind.Place ? CloudGov.Proto.Agent.V1.CommandKind.Place : CloudGov.Proto.Agent.V1.CommandKind.Remove,
        Deadline = Timestamp.FromDateTimeOffset(c.Deadline),
        // A place command labels the workload with its whole intent (IntentLabels), so the intent travels with it.
        Workload = c.Workload.ToProto(c.Kind == ZoneCommandKind.Place ? IntentLabels.Encode(c.Workload) : c.Workload.Labels),
    };

    /// <summary>The spec on the wire, with <paramref name="labels"/> as its labels.</summary>
    public static Common.WorkloadSpec ToProto(this WorkloadSpec spec, ImmutableArray<WorkloadLabel> labels)
    {
        var proto = new Common.WorkloadSpec
        {
            WorkloadId = spec.WorkloadId,
            TenantId = spec.TenantId,
            System = spec.System,
            Project = spec.Project,
            Requests = spec.Requests.ToProto(),
            MlpsLevel = (Common.MlpsLevel)(int)spec.MlpsLevel,
            NetworkPlane = (Common.NetworkPlane)(int)spec.NetworkPlane,
            AntiAffinityGroup = spec.AntiAffinityGroup,
            Pinned = spec.Pinned,
            Priority = spec.Priority,
            MigrationCost = spec.MigrationCost,
        };
        proto.AllowedRegions.Add(spec.AllowedRegions.IsDefault ? [] : spec.AllowedRegions);
        if (spec.AccessPolicy is { } policy)
        {
            proto.AccessPolicy = policy.ToProto();
        }

        foreach (var label in labels.IsDefault ? [] : labels)
        {
            proto.Labels[label.Key] = label.Value;
        }

        return proto;
    }

    /// <summary>The spec on the wire with its own labels.</summary>
    public static Common.WorkloadSpec ToProto(this WorkloadSpec spec) => spec.ToProto(spec.Labels);

    private static double Ratio(long used, long capacity) => capacity <= 0 ? 0 : (double)used / capacity;
}
