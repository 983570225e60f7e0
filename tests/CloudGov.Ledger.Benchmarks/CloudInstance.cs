using System.Globalization;
using CloudGov.Proto.Agent.V1;
using Google.Protobuf.WellKnownTypes;
using Common = CloudGov.Proto.Common.V1;

namespace CloudGov.Ledger.Benchmarks;

/// <summary>
/// The benchmark's cloud, generated deterministically from indices (nothing is kept, so the client holds no copy of
/// the 100,000 workloads while memory is measured). Zones <c>gx-z000</c>.. spread over Guangxi's 14 cities, three
/// districts each; every <see cref="HotEvery"/>th zone is hot (~95% requested against the 80% target), the rest ~40%.
/// Hard parts: 10% of the workloads may only live in their own district (6-digit residency), 10% anywhere in
/// Guangxi, the rest in their city; 1 zone in 10 is on the internet plane; 1 zone in 8 is certified MLPS 2 and runs
/// a few MLPS-3 workloads (violations to relocate, some with no legal target); 1% of the workloads sit in anti-affinity
/// groups spanning 4 zones; 2% are pinned.
/// </summary>
internal sealed class CloudInstance(int zones, int workloadsPerZone, int hotEvery)
{
    private static readonly string[] Tenants = ["gx-rst", "gx-gat", "gx-jyt", "gx-wjw", "gx-zrzyt", "gx-swt", "gx-jtt", "gx-dsjj"];

    private static readonly string[] Systems =
        ["社保核心", "医保结算", "不动产登记", "公积金", "电子证照", "一网通办", "交通监测", "教育资助", "卫健直报", "税务发票", "视频会议", "大数据中台"];

    private static readonly string[] Apps =
        ["si-core", "mi-settle", "estate-reg", "housing-fund", "e-license", "one-window", "traffic-mon", "edu-aid", "health-report", "tax-invoice", "video-conf", "data-hub"];

    private static readonly string[] Cities =
        ["南宁", "柳州", "桂林", "梧州", "北海", "防城港", "钦州", "贵港", "玉林", "百色", "贺州", "河池", "来宾", "崇左"];

    private static readonly double[] Sizes = [0.5, 0.75, 1.25, 1.5];

    // An average workload asks for 2 cores, 4 GiB and 100 GiB; hot zones' workloads are 95/40 times bigger.
    private const long BaseCpu = 2000, BaseMemory = 4096, BaseStorage = 100;
    private const double Cold = 0.40, Hot = 0.95;

    public int Zones => zones;

    public int WorkloadsPerZone => workloadsPerZone;

    public int HotEvery => hotEvery;

    public int HotZones => Enumerable.Range(0, zones).Count(IsHot);

    public static string ZoneId(int zone) => $"gx-z{zone:D3}";

    public static string WorkloadId(int zone, int w) => $"gx-z{zone:D3}-w{w:D4}";

    public bool IsHot(int zone) => zone % hotEvery == 0;

    public static int City(int zone) => (zone % 14) + 1;

    public static string CityCode(int zone) => $"45{City(zone):D2}";

    public static string RegionCode(int zone) => $"{CityCode(zone)}{((zone / 14) % 3) + 2:D2}";

    public static Common.MlpsLevel ZoneLevel(int zone) => zone % 8 == 3 ? Common.MlpsLevel._2 : Common.MlpsLevel._3;

    public static Common.NetworkPlane ZonePlane(int zone) => zone % 10 == 7 ? Common.NetworkPlane.Internet : Common.NetworkPlane.EgovExtranet;

    public static string PlaneName(Common.NetworkPlane plane) => plane == Common.NetworkPlane.Internet ? "internet" : "egov-extranet";

    public string Describe() =>
        $"{zones} zones in 14 cities (3 districts each), {workloadsPerZone:N0} workloads per zone = {zones * workloadsPerZone:N0}; "
        + $"{HotZones} hot zones at ~{Hot:P0} requested, {zones - HotZones} at ~{Cold:P0} (target 80%); residency 80% city, 10% district (6-digit), 10% province; "
        + "1 zone in 10 on the internet plane; 1 zone in 8 MLPS 2 with 1% of its workloads requiring MLPS 3 (violations); "
        + "1% in anti-affinity groups spanning 4 zones; 2% pinned; 3-5 labels each, intent in cloudgov.io/allowed-regions and cloudgov.io/network-plane";

    /// <summary>The zone's Hello.</summary>
    public static Hello Hello(int zone) => new()
    {
        ZoneId = ZoneId(zone),
        AgentVersion = "ledger-bench",
        Provider = Common.ProviderKind.Simulated,
        Zone = new ZoneDescriptor
        {
            DisplayName = $"{Cities[City(zone) - 1]}政务云{zone:D3}",
            AdministrativeLevel = Common.AdministrativeLevel.City,
            RegionCode = RegionCode(zone),
            Vendor = zone % 3 == 0 ? "华为云Stack" : zone % 3 == 1 ? "浪潮云" : "紫光云",
            MlpsLevel = ZoneLevel(zone),
            NetworkPlane = ZonePlane(zone),
        },
    };

    /// <summary>The zone's report with <paramref name="workloads"/> workloads (0 for the reference).</summary>
    public ZoneReport Report(int zone, ulong sequence, int workloads)
    {
        var capacity = new Common.ResourceVector
        {
            CpuMillicores = (long)(workloadsPerZone * BaseCpu / Cold),
            MemoryMib = (long)(workloadsPerZone * BaseMemory / Cold),
            StorageGib = (long)(workloadsPerZone * BaseStorage / Cold),
        };
        var report = new ZoneReport
        {
            Sequence = sequence,
            ObservedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            Capacity = capacity,
            Usage = new Common.ResourceVector { CpuMillicores = capacity.CpuMillicores / 3, MemoryMib = capacity.MemoryMib / 3, StorageGib = capacity.StorageGib / 3 },
        };
        for (int w = 0; w < workloads; w++)
        {
            report.Workloads.Add(Workload(zone, w));
        }

        return report;
    }

    /// <summary>One workload as its zone's agent reports it.</summary>
    public WorkloadReport Workload(int zone, int w)
    {
        double factor = Sizes[w % Sizes.Length] * (IsHot(zone) ? Hot / Cold : 1.0);
        var requests = new Common.ResourceVector
        {
            CpuMillicores = (long)(BaseCpu * factor),
            MemoryMib = (long)(BaseMemory * factor),
            StorageGib = (long)(BaseStorage * factor),
        };
        var level = Level(zone, w);
        var report = new WorkloadReport
        {
            WorkloadId = WorkloadId(zone, w),
            TenantId = Tenants[((zone * 7) + w) % Tenants.Length],
            System = Systems[((w * 5) + zone) % Systems.Length],
            Requests = requests,
            Usage = new Common.ResourceVector { CpuMillicores = requests.CpuMillicores * 3 / 5, MemoryMib = requests.MemoryMib * 3 / 5, StorageGib = requests.StorageGib * 3 / 5 },
            MlpsLevel = level,
            State = WorkloadState.Running,
        };
        foreach (var (key, value) in Labels(zone, w))
        {
            report.Labels[key] = value;
        }

        return report;
    }

    /// <summary>The workload's labels: the two intent labels, its app, often env, sometimes one more intent label.</summary>
    public static IEnumerable<(string Key, string Value)> Labels(int zone, int w)
    {
        yield return ("cloudgov.io/allowed-regions", (w % 10) switch
        {
            0 => RegionCode(zone),
            1 => "45",
            _ => CityCode(zone),
        });
        yield return ("cloudgov.io/network-plane", PlaneName(ZonePlane(zone)));
        yield return ("app", Apps[((w * 5) + zone) % Apps.Length]);
        if (w % 2 == 0)
        {
            yield return ("env", "prod");
        }

        if (w % 100 == 0)
        {
            yield return ("cloudgov.io/anti-affinity", $"aa-{zone / 4:D3}-{w / 100}");
        }
        else if (w % 50 == 1)
        {
            yield return ("cloudgov.io/pinned", "true");
        }
        else if (w % 3 == 0)
        {
            yield return ("cloudgov.io/mlps-level", ((int)Level(zone, w)).ToString(CultureInfo.InvariantCulture));
        }
    }

    private static Common.MlpsLevel Level(int zone, int w) =>
        ZoneLevel(zone) == Common.MlpsLevel._2
            ? (w % 100 == 7 ? Common.MlpsLevel._3 : Common.MlpsLevel._2)
            : (w % 3 == 0 ? Common.MlpsLevel._3 : Common.MlpsLevel._2);
}
