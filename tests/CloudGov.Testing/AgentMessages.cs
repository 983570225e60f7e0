using CloudGov.Proto.Agent.V1;
using Google.Protobuf.WellKnownTypes;
using Common = CloudGov.Proto.Common.V1;

namespace CloudGov.Testing;

/// <summary>Builders for raw agent-protocol messages, for tests that drive the stream by hand.</summary>
public static class AgentMessages
{
    /// <summary>The zone whose certificate a hand-driven stream starting with <paramref name="first"/> presents.</summary>
    public const string AnyZone = "gx-test-any-zone";

    /// <summary>
    /// The zone a stream that starts with <paramref name="first"/> should present a certificate for: its Hello's zone
    /// when that is a valid id, otherwise <see cref="AnyZone"/> (the control plane rejects such a stream's content before
    /// it looks at the certificate's zone).
    /// </summary>
    public static string CertifiedZone(AgentMessage? first) =>
        first?.Hello?.ZoneId is { } zone && CloudGov.Domain.ZoneId.IsValid(zone) ? zone : AnyZone;

    /// <summary>A valid Hello for a city zone.</summary>
    public static Hello Hello(string zoneId, string displayName = "钦州市政务云", string regionCode = "450700") => new()
    {
        ZoneId = zoneId,
        AgentVersion = "test",
        Provider = Common.ProviderKind.Simulated,
        Zone = new ZoneDescriptor
        {
            DisplayName = displayName,
            AdministrativeLevel = Common.AdministrativeLevel.City,
            RegionCode = regionCode,
            Vendor = "Test Vendor",
            MlpsLevel = Common.MlpsLevel._3,
            NetworkPlane = Common.NetworkPlane.EgovExtranet,
        },
    };

    /// <summary>A valid report observed now: 64 cores, the given CPU usage and one small workload per id.</summary>
    public static ZoneReport Report(ulong sequence, long cpuUsage = 1_000, long cpuCapacity = 64_000, params string[] workloads)
    {
        var report = new ZoneReport
        {
            Sequence = sequence,
            ObservedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            Capacity = new Common.ResourceVector { CpuMillicores = cpuCapacity, MemoryMib = 262_144, StorageGib = 4_000 },
            Usage = new Common.ResourceVector { CpuMillicores = cpuUsage, MemoryMib = 10_000, StorageGib = 100 },
        };
        foreach (var id in workloads)
        {
            report.Workloads.Add(new WorkloadReport
            {
                WorkloadId = id,
                TenantId = "yl-rsj",
                System = "社保核心",
                Requests = new Common.ResourceVector { CpuMillicores = 2000, MemoryMib = 4096, StorageGib = 50 },
                Usage = new Common.ResourceVector { CpuMillicores = 500, MemoryMib = 2048, StorageGib = 20 },
                MlpsLevel = Common.MlpsLevel._2,
                State = WorkloadState.Running,
            });
        }

        return report;
    }
}
