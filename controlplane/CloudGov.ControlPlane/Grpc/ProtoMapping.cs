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
        };
        if (z.LastReportAt is { } observed)
        {
            proto.LastReportAt = Timestamp.FromDateTimeOffset(observed);
        }

        return proto;
    }

    public static Ops.Workload ToProto(this WorkloadObservation w) => new()
    {
        WorkloadId = w.WorkloadId,
        TenantId = w.TenantId,
        System = w.System,
        Requests = w.Requests.ToProto(),
        Usage = w.Usage.ToProto(),
        MlpsLevel = (Common.MlpsLevel)(int)w.MlpsLevel,
        State = w.State.ToString(),
    };

    public static CloudGov.Proto.Agent.V1.Command ToProto(this ZoneCommand c) => new()
    {
        CommandId = c.CommandId,
        Kind = c.Kind == ZoneCommandKind.Place ? CloudGov.Proto.Agent.V1.CommandKind.Place : CloudGov.Proto.Agent.V1.CommandKind.Remove,
        Deadline = Timestamp.FromDateTimeOffset(c.Deadline),
        Workload = new CloudGov.Proto.Agent.V1.WorkloadSpec
        {
            WorkloadId = c.WorkloadId,
            TenantId = c.TenantId,
            System = c.System,
            Requests = c.Requests.ToProto(),
            MlpsLevel = (Common.MlpsLevel)(int)c.MlpsLevel,
        },
    };

    private static double Ratio(long used, long capacity) => capacity <= 0 ? 0 : (double)used / capacity;
}
