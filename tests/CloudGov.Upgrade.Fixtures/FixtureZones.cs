using CloudGov.Proto.Agent.V1;
using Google.Protobuf.WellKnownTypes;
using Common = CloudGov.Proto.Common.V1;

namespace CloudGov.Upgrade.Fixtures;

/// <summary>
/// The small one cloud the fixtures hold: a province zone with room, a hot 南宁 city zone whose labelled (managed)
/// workloads a rebalance moves out, and a county zone certified one MLPS level lower. Each zone reports a few
/// workloads, some declaring their intent with <c>cloudgov.io/</c> labels (adopted managed), some without (adopted
/// unmanaged and pinned), one with an incomplete declaration (unmanaged, with the reason).
/// </summary>
internal static class FixtureZones
{
    public const string Province = "upg-gx-province";
    public const string City = "upg-nn-city";
    public const string County = "upg-nn-xingning";

    /// <summary>The zones with the number of reports each sends, so their last sequences differ.</summary>
    public static readonly IReadOnlyList<FixtureZone> All =
    [
        new(Province, "广西壮族自治区政务云", Common.AdministrativeLevel.Province, "450000", Common.MlpsLevel._3, CpuCores: 64, Reports: 3,
        [
            Managed("upg-gx-zrzyt-gis", "gx-zrzyt", "自然资源一张图", cpu: 8000, level: Common.MlpsLevel._3, regions: "45", project: "国土空间规划"),
            Unmanaged("upg-gx-legacy-oa", "gx-bgt", "办公自动化", cpu: 4000),
        ]),
        new(City, "南宁市政务云", Common.AdministrativeLevel.City, "450100", Common.MlpsLevel._3, CpuCores: 16, Reports: 4,
        [
            Managed("upg-nn-rsj-01", "nn-rsj", "社保核心", cpu: 3000, level: Common.MlpsLevel._2, regions: "45", project: "社保一体化"),
            Managed("upg-nn-rsj-02", "nn-rsj", "社保核心", cpu: 3000, level: Common.MlpsLevel._2, regions: "45", project: "社保一体化"),
            Managed("upg-nn-rsj-03", "nn-rsj", "社保核心", cpu: 3000, level: Common.MlpsLevel._2, regions: "45", project: "社保一体化"),
            Managed("upg-nn-rsj-04", "nn-rsj", "社保核心", cpu: 3000, level: Common.MlpsLevel._2, regions: "4501,4502", project: "社保一体化"),
            Unmanaged("upg-nn-gjj-db", "nn-gjj", "公积金", cpu: 1500),
            HalfDeclared("upg-nn-dsj-etl", "nn-dsj", "数据交换", cpu: 1000),
        ]),
        new(County, "兴宁区政务云", Common.AdministrativeLevel.County, "450102", Common.MlpsLevel._2, CpuCores: 32, Reports: 5,
        [
            Managed("upg-xn-jyj-web", "xn-jyj", "教育门户", cpu: 2000, level: Common.MlpsLevel._2, regions: "4501", project: ""),
            Unmanaged("upg-xn-misc-vm", "xn-zfb", "", cpu: 1000),
        ]),
    ];

    /// <summary>Hello for <paramref name="zone"/>.</summary>
    public static Hello Hello(FixtureZone zone) => new()
    {
        ZoneId = zone.ZoneId,
        AgentVersion = "upgrade-fixture",
        Provider = Common.ProviderKind.Simulated,
        Capabilities = { "place", "remove" },
        Zone = new ZoneDescriptor
        {
            DisplayName = zone.DisplayName,
            AdministrativeLevel = zone.Level,
            RegionCode = zone.RegionCode,
            Vendor = "华为云Stack",
            MlpsLevel = zone.MlpsLevel,
            NetworkPlane = Common.NetworkPlane.EgovExtranet,
            CpuOvercommit = 1,
            MemoryOvercommit = 1,
            Labels = { ["cloudgov.io/fixture"] = "upgrade" },
        },
    };

    /// <summary>Report <paramref name="sequence"/> of <paramref name="zone"/>: the same workloads every time, usage varying a little.</summary>
    public static ZoneReport Report(FixtureZone zone, ulong sequence)
    {
        var report = new ZoneReport
        {
            Sequence = sequence,
            ObservedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            Capacity = new Common.ResourceVector { CpuMillicores = zone.CpuCores * 1000L, MemoryMib = zone.CpuCores * 4096L, StorageGib = 4_000 },
            Usage = new Common.ResourceVector { CpuMillicores = zone.CpuCores * 300L + (long)sequence * 10, MemoryMib = zone.CpuCores * 1024L, StorageGib = 500 },
        };
        // A compliant zone's posture, so the security baseline leaves every zone Ready (it quarantines a zone whose
        // location, pool, audit logging, open ports… it cannot establish).
        report.Posture.AddRange(CloudGov.Testing.AgentProcess.CompliantDeclaredPosture.Select(f => new PostureFact { Key = f.Key, Value = f.Value }));
        report.Posture.Add(new PostureFact { Key = CloudGov.Agent.Providers.PostureFactKeys.WorldOpenPorts, Value = "443" });
        report.Workloads.AddRange(zone.Workloads.Select(w => w.Clone()));
        return report;
    }

    private static WorkloadReport Managed(string id, string tenant, string system, long cpu, Common.MlpsLevel level, string regions, string project)
    {
        var w = Workload(id, tenant, system, cpu, level);
        w.Labels["cloudgov.io/allowed-regions"] = regions;
        w.Labels["cloudgov.io/network-plane"] = "egov-extranet";
        if (project.Length > 0)
        {
            w.Labels["cloudgov.io/project"] = project;
        }

        w.Labels["app"] = id;
        return w;
    }

    private static WorkloadReport Unmanaged(string id, string tenant, string system, long cpu)
    {
        var w = Workload(id, tenant, system, cpu, Common.MlpsLevel._2);
        w.Labels["owner"] = tenant;
        return w;
    }

    private static WorkloadReport HalfDeclared(string id, string tenant, string system, long cpu)
    {
        var w = Workload(id, tenant, system, cpu, Common.MlpsLevel._2);
        w.Labels["cloudgov.io/allowed-regions"] = "4501";
        return w;
    }

    private static WorkloadReport Workload(string id, string tenant, string system, long cpu, Common.MlpsLevel level) => new()
    {
        WorkloadId = id,
        TenantId = tenant,
        System = system,
        Requests = new Common.ResourceVector { CpuMillicores = cpu, MemoryMib = cpu, StorageGib = 50 },
        Usage = new Common.ResourceVector { CpuMillicores = cpu / 3, MemoryMib = cpu / 2, StorageGib = 20 },
        MlpsLevel = level,
        State = WorkloadState.Running,
    };
}

/// <summary>One fixture zone and what its agent reports.</summary>
internal sealed record FixtureZone(
    string ZoneId,
    string DisplayName,
    Common.AdministrativeLevel Level,
    string RegionCode,
    Common.MlpsLevel MlpsLevel,
    int CpuCores,
    int Reports,
    IReadOnlyList<WorkloadReport> Workloads);
