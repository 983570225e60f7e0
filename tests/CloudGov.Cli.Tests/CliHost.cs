using CloudGov.Proto.Operations.V1;
using CloudGov.Proto.Tenant.V1;
using CloudGov.Testing.Identity;
using Common = CloudGov.Proto.Common.V1;

namespace CloudGov.Cli.Tests;

/// <summary>
/// The control plane most command tests share: a real host with two real agents over mutual TLS — a city zone in 南宁 and
/// a province zone, both with Chinese display names — and a tenant hierarchy (so quota is enforced as in production).
/// Tests that change the one cloud (plans) start their own host.
/// </summary>
[SetUpFixture]
public sealed class CliHost
{
    public const string CityZone = "gx-cli-nanning";
    public const string CityZoneName = "南宁市政务云（华为云Stack）";
    public const string ProvinceZone = "gx-cli-prov";
    public const string ProvinceZoneName = "广西壮族自治区电子政务外网云（阿里云）";
    public const string RootTenant = "cli-gx";
    public const string RootTenantName = "广西壮族自治区大数据发展局";
    public const string Department = "cli-nn-dsj";
    public const string DepartmentName = "南宁市大数据发展局";

    private static AgentProcess? _city;
    private static AgentProcess? _province;

    /// <summary>The host.</summary>
    public static ControlPlaneProcess ControlPlane { get; private set; } = null!;

    /// <summary>The operations API as the test operator.</summary>
    public static OperationsService.OperationsServiceClient Operations { get; private set; } = null!;

    /// <summary>The quota API as the test operator.</summary>
    public static QuotaService.QuotaServiceClient Quota { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        ControlPlane = await ControlPlaneProcess.StartAsync(new Dictionary<string, string?>
        {
            ["Zones:ReportInterval"] = "00:00:00.200",
            ["Zones:StalenessWindow"] = "00:00:05",
            ["Zones:CommandPollInterval"] = "00:00:00.050",
            ["Zones:IndexPublishInterval"] = "00:00:00.200",
            ["Identity:RateLimit:Enabled"] = "false",
        });
        var city = AgentProcess.ZoneSettings(ControlPlane.AgentAddress, CityZone, workloads: 20);
        city["Agent:Zone:DisplayName"] = CityZoneName;
        var province = AgentProcess.ZoneSettings(ControlPlane.AgentAddress, ProvinceZone, workloads: 10);
        province["Agent:Zone:DisplayName"] = ProvinceZoneName;
        province["Agent:Zone:AdministrativeLevel"] = "Province";
        province["Agent:Zone:RegionCode"] = "450000";
        province["Agent:Simulation:Cores"] = "400";
        province["Agent:Simulation:Seed"] = "7";
        _city = await AgentProcess.StartAsync(city);
        _province = await AgentProcess.StartAsync(province);
        Operations = new OperationsService.OperationsServiceClient(ControlPlane.Channel);
        Quota = new QuotaService.QuotaServiceClient(ControlPlane.Channel);
        await Eventually.HoldsAsync(
            async () => (await Operations.ListZonesAsync(new ListZonesRequest { Status = Common.ZoneStatus.Ready })).Zones.Count(z => z.WorkloadCount > 0) == 2,
            "both zones to report Ready with their workloads");
        var capacity = (await Operations.GetOneCloudSummaryAsync(new GetOneCloudSummaryRequest())).Total.Capacity;
        await Quota.CreateTenantAsync(new CreateTenantRequest
        {
            TenantId = RootTenant, DisplayName = RootTenantName,
            Allocated = new Common.ResourceVector { CpuMillicores = capacity.CpuMillicores / 2, MemoryMib = capacity.MemoryMib / 2, StorageGib = capacity.StorageGib / 2 },
        });
        await Quota.CreateTenantAsync(new CreateTenantRequest
        {
            TenantId = Department, DisplayName = DepartmentName, ParentId = RootTenant,
            Allocated = new Common.ResourceVector { CpuMillicores = 20_000, MemoryMib = 40_960, StorageGib = 1_000 },
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_city is not null)
        {
            await _city.DisposeAsync();
        }

        if (_province is not null)
        {
            await _province.DisposeAsync();
        }

        await ControlPlane.DisposeAsync();
    }

    /// <summary>A run logged in as the test operator.</summary>
    internal static Task<CliRun> OperatorAsync() => CliRun.LoggedInAsync(ControlPlane.GrpcAddress, TestTokens.Operator, "operator");

    /// <summary>A run logged in as an auditor.</summary>
    internal static Task<CliRun> AuditorAsync() => CliRun.LoggedInAsync(ControlPlane.GrpcAddress, TestTokens.Auditor("cli-auditor"), "auditor");

    /// <summary>A run logged in as the department's tenant admin.</summary>
    internal static Task<CliRun> DepartmentAsync() => CliRun.LoggedInAsync(ControlPlane.GrpcAddress, TestTokens.Tenant(Department), "department");
}
