using CloudGov.ControlPlane.Abstractions.Zones;
using CloudGov.Domain;
using CloudGov.Proto.Operations.V1;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Common = CloudGov.Proto.Common.V1;

namespace CloudGov.EndToEnd.Tests;

/// <summary>
/// A real host and two real simulated agents: PlaceWorkload chooses a zone, the zone's agent carries the place command
/// out and reports the workload Running; bad input and unsatisfiable constraints get the right status and change nothing.
/// </summary>
public sealed class PlaceWorkloadApiTests
{
    private const string Small = "gx-e2e-place-small";
    private const string Large = "gx-e2e-place-large";

    private ControlPlaneProcess _controlPlane = null!;
    private AgentProcess _small = null!;
    private AgentProcess _large = null!;
    private OperationsService.OperationsServiceClient _operations = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _controlPlane = await ControlPlaneProcess.StartAsync(new Dictionary<string, string?>
        {
            ["Zones:ReportInterval"] = "00:00:00.200",
            ["Zones:StalenessWindow"] = "00:00:05",
            ["Zones:CommandPollInterval"] = "00:00:00.050",
            ["Zones:IndexPublishInterval"] = "00:00:00.200",
        });
        var small = AgentProcess.ZoneSettings(_controlPlane.AgentAddress, Small, workloads: 20);
        small["Agent:Zone:RegionCode"] = "450102";
        small["Agent:Simulation:Cores"] = "100";
        var large = AgentProcess.ZoneSettings(_controlPlane.AgentAddress, Large, workloads: 10);
        large["Agent:Zone:RegionCode"] = "450103";
        large["Agent:Simulation:Cores"] = "400";
        large["Agent:Simulation:Seed"] = "7";
        _small = await AgentProcess.StartAsync(small);
        _large = await AgentProcess.StartAsync(large);
        _operations = new OperationsService.OperationsServiceClient(_controlPlane.Channel);
        await Eventually.HoldsAsync(
            async () => (await _operations.ListZonesAsync(new ListZonesRequest { Status = Common.ZoneStatus.Ready })).Zones.Count(z => z.WorkloadCount > 0) == 2,
            "both zones to report Ready with their workloads");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _small.DisposeAsync();
        await _large.DisposeAsync();
        await _controlPlane.DisposeAsync();
    }

    /// <summary>A valid request for a level-3 e-gov-extranet workload that may live anywhere in 南宁.</summary>
    public static PlaceWorkloadRequest Request(string workloadId) => new()
    {
        WorkloadId = workloadId,
        TenantId = "nn-dsj",
        System = "一网通办",
        Requests = new Common.ResourceVector { CpuMillicores = 4000, MemoryMib = 8192, StorageGib = 100 },
        MlpsLevel = Common.MlpsLevel._3,
        NetworkPlane = Common.NetworkPlane.EgovExtranet,
        AllowedRegions = { "4501" },
    };

    [Test]
    public async Task PlaceWorkload_DryRunThenPlace_ZoneChosenAndTheAgentReportsTheWorkloadRunningThere()
    {
        var request = Request("nn-dsj-ywtb-e2e-01");
        var pending = await PendingCommandsAsync();

        var dryRun = await _operations.PlaceWorkloadAsync(new PlaceWorkloadRequest(request) { DryRun = true });

        Assert.That(dryRun.DryRun, Is.True);
        Assert.That(dryRun.ZoneId, Is.EqualTo(Large), "the balance score prefers the zone left emptiest");
        Assert.That(dryRun.CommandId, Is.Empty);
        Assert.That(dryRun.CommandDeadline, Is.Null);
        Assert.That(dryRun.Candidates.Select(c => c.ZoneId), Is.EquivalentTo(new[] { Small, Large }));
        Assert.That(dryRun.Candidates[0].ZoneId, Is.EqualTo(dryRun.ZoneId));
        Assert.That(await PendingCommandsAsync(), Is.EqualTo(pending), "a dry run sends nothing");

        var placed = await _operations.PlaceWorkloadAsync(request);

        Assert.That(placed.DryRun, Is.False);
        Assert.That(placed.ZoneId, Is.EqualTo(Large));
        Assert.That(placed.CommandId, Does.StartWith("place-"));
        Assert.That(placed.CommandDeadline.ToDateTimeOffset(), Is.EqualTo(DateTimeOffset.UtcNow.AddMinutes(10)).Within(TimeSpan.FromMinutes(1)));
        await Eventually.HoldsAsync(
            async () => (await _operations.GetZoneAsync(new GetZoneRequest { ZoneId = placed.ZoneId })).Workloads
                .Any(w => w.WorkloadId == request.WorkloadId && w.State == "Running"),
            $"workload {request.WorkloadId} to be reported Running in zone {placed.ZoneId}");
        var workload = (await _operations.GetZoneAsync(new GetZoneRequest { ZoneId = placed.ZoneId })).Workloads.Single(w => w.WorkloadId == request.WorkloadId);
        Assert.That(workload.TenantId, Is.EqualTo("nn-dsj"));
        Assert.That(workload.Requests, Is.EqualTo(request.Requests));
        Assert.That((await _operations.GetZoneAsync(new GetZoneRequest { ZoneId = Small })).Workloads.Select(w => w.WorkloadId), Does.Not.Contain(request.WorkloadId));

        var again = await FailsAsync(() => _operations.PlaceWorkloadAsync(request).ResponseAsync);

        Assert.That(again.StatusCode, Is.EqualTo(StatusCode.AlreadyExists));
        Assert.That(again.Status.Detail, Does.Contain($"already runs in zone '{Large}'"));
    }

    [Test]
    public async Task PlaceWorkload_BadInput_InvalidArgumentNamingTheFieldAndNothingChanges()
    {
        var before = await WorkloadIdsAsync();
        var pending = await PendingCommandsAsync();
        var cases = new (PlaceWorkloadRequest Request, string Field)[]
        {
            (new PlaceWorkloadRequest(Request("bad-1")) { WorkloadId = "" }, "workload_id"),
            (new PlaceWorkloadRequest(Request("has space")), "workload_id: 'has space' is malformed"),
            (new PlaceWorkloadRequest(Request("bad-3")) { TenantId = "" }, "tenant_id"),
            (new PlaceWorkloadRequest(Request("bad-4")) { Requests = new Common.ResourceVector { CpuMillicores = -1, MemoryMib = 1024 } }, "requests.cpu_millicores: is -1"),
            (new PlaceWorkloadRequest(Request("bad-5")) { Requests = null }, "requests: cpu_millicores and memory_mib must both be more than 0"),
            (new PlaceWorkloadRequest(Request("bad-6")) { MlpsLevel = Common.MlpsLevel.Unspecified }, "mlps_level"),
            (new PlaceWorkloadRequest(Request("bad-7")) { NetworkPlane = (Common.NetworkPlane)42 }, "network_plane"),
            (new PlaceWorkloadRequest(Request("bad-8")) { AllowedRegions = { "45010x" } }, "allowed_regions[1]: '45010x' must be a 2-, 4- or 6-digit region code"),
            (new PlaceWorkloadRequest(Request("bad-9")) { Priority = 5000 }, "priority: is 5000; it must be -1000..1000"),
            (new PlaceWorkloadRequest(Request("bad-10")) { MigrationCost = -1 }, "migration_cost: must be a number 0..1000"),
            (new PlaceWorkloadRequest(Request("bad-11")) { Project = new string('p', 200) }, "project: is 200 characters; at most 128"),
            (new PlaceWorkloadRequest(Request("bad-12")) { AntiAffinityGroup = " padded " }, "anti_affinity_group: must not contain control characters or surrounding whitespace"),
            (new PlaceWorkloadRequest(Request("bad-13")) { Labels = { ["app"] = new string('v', 300) } }, "labels[app]: value must be at most 256 characters"),
            (new PlaceWorkloadRequest(Request("bad-14")) { AccessPolicy = Policy(("tcp", 443, 443, "10.0.0.0/8"), ("tcp", 22, 22, "10.0.0.0/40")) }, "access_policy.ingress[1]: the source must be a CIDR"),
            (new PlaceWorkloadRequest(Request("bad-15")) { AccessPolicy = Policy(("icmp", 8, 0, "10.0.0.0/8")) }, "access_policy.ingress[0]: an ICMP rule has no ports"),
        };

        foreach (var (request, field) in cases)
        {
            var error = await FailsAsync(() => _operations.PlaceWorkloadAsync(request).ResponseAsync);

            Assert.That(error.StatusCode, Is.EqualTo(StatusCode.InvalidArgument), field);
            Assert.That(error.Status.Detail, Does.Contain(field));
            var details = Google.Rpc.Status.Parser.ParseFrom(error.Trailers.GetValueBytes("grpc-status-details-bin"));
            var violations = details.Details.Single().Unpack<Google.Rpc.BadRequest>().FieldViolations;
            Assert.That(violations.Select(v => v.Field), Has.Some.EqualTo(field.Split(':')[0]), "a google.rpc.BadRequest field violation names the field");
        }

        Assert.That(await PendingCommandsAsync(), Is.EqualTo(pending), "nothing sent");
        Assert.That(await WorkloadIdsAsync(), Is.EquivalentTo(before));
    }

    [Test]
    public async Task PlaceWorkload_WithAccessPolicy_TheLedgerKeepsItAndTheZoneAppliesAndReportsIt()
    {
        var request = new PlaceWorkloadRequest(Request("nn-dsj-e2e-acl")) { AccessPolicy = Policy(("tcp", 443, 443, "10.1.0.0/16"), ("tcp", 22, 22, "10.250.0.9/24")) };
        var expected = AccessPolicy.Canonical([new(AccessProtocol.Tcp, 22, 22, "10.250.0.0/24"), new(AccessProtocol.Tcp, 443, 443, "10.1.0.0/16")]);

        var placed = await _operations.PlaceWorkloadAsync(request);

        var zone = _controlPlane.Services.GetRequiredService<IGrainFactory>().GetGrain<IZoneGrain>(placed.ZoneId);
        var reported = await Eventually.ReturnsAsync(
            async () => (await zone.GetAsync())!.Workloads.FirstOrDefault(w => w.WorkloadId == request.WorkloadId),
            w => w is not null,
            "the zone's agent to report the placed workload");
        Assert.That(reported!.AccessPolicy, Is.EqualTo(expected), "the simulated zone applied the policy and read it back");
        var record = await _operations.GetWorkloadAsync(new GetWorkloadRequest { WorkloadId = request.WorkloadId });
        Assert.That(record.Workload.Intent.AccessPolicy.Ingress.Select(r => r.SourceCidr), Is.EqualTo(new[] { "10.250.0.0/24", "10.1.0.0/16" }), "the ledger keeps the canonical policy as intent");
    }

    [Test]
    public async Task PlaceWorkload_ResidencyOrLevelNoZoneSatisfies_FailedPreconditionWithEveryZonesReasonAndNothingSent()
    {
        var pending = await PendingCommandsAsync();
        var elsewhere = Request("nn-dsj-e2e-gl");
        elsewhere.AllowedRegions.Clear();
        elsewhere.AllowedRegions.Add("4503");   // 桂林: no zone there
        var level4 = new PlaceWorkloadRequest(Request("nn-dsj-e2e-l4")) { MlpsLevel = Common.MlpsLevel._4 };

        var residency = await FailsAsync(() => _operations.PlaceWorkloadAsync(elsewhere).ResponseAsync);
        var level = await FailsAsync(() => _operations.PlaceWorkloadAsync(new PlaceWorkloadRequest(level4) { DryRun = true }).ResponseAsync);

        Assert.That(residency.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        Assert.That(residency.Status.Detail, Does.StartWith("NO_ZONE_FITS: no zone fits workload nn-dsj-e2e-gl"));
        Assert.That(residency.Status.Detail, Does.Contain($"{Large}: RESIDENCY_NOT_ALLOWED").And.Contain($"{Small}: RESIDENCY_NOT_ALLOWED"));
        Assert.That(level.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        Assert.That(level.Status.Detail, Does.Contain($"{Large}: MLPS_LEVEL_TOO_LOW (zone {Large} is certified for MLPS level 3, the workload requires level 4)"));
        Assert.That(await PendingCommandsAsync(), Is.EqualTo(pending), "nothing sent");
        var ids = await WorkloadIdsAsync();
        Assert.That(ids, Does.Not.Contain("nn-dsj-e2e-gl").And.Not.Contain("nn-dsj-e2e-l4"));
    }

    private static Common.AccessPolicy Policy(params (string Protocol, uint From, uint To, string Cidr)[] rules)
    {
        var policy = new Common.AccessPolicy();
        policy.Ingress.AddRange(rules.Select(r => new Common.AccessRule
        {
            Protocol = r.Protocol switch { "tcp" => Common.AccessProtocol.Tcp, "udp" => Common.AccessProtocol.Udp, _ => Common.AccessProtocol.Icmp },
            PortFrom = r.From,
            PortTo = r.To,
            SourceCidr = r.Cidr,
        }));
        return policy;
    }

    private async Task<string[]> WorkloadIdsAsync()
    {
        var small = await _operations.GetZoneAsync(new GetZoneRequest { ZoneId = Small });
        var large = await _operations.GetZoneAsync(new GetZoneRequest { ZoneId = Large });
        return [.. small.Workloads.Concat(large.Workloads).Select(w => w.WorkloadId)];
    }

    private async Task<ZoneCommand[]> PendingCommandsAsync()
    {
        var grains = _controlPlane.Services.GetRequiredService<IGrainFactory>();
        var small = await grains.GetGrain<IZoneGrain>(Small).GetPendingCommandsAsync();
        var large = await grains.GetGrain<IZoneGrain>(Large).GetPendingCommandsAsync();
        return [.. small, .. large];
    }

    private static async Task<RpcException> FailsAsync(Func<Task> call) =>
        await Assert.ThrowsAsync<RpcException>(async () => await call()) ?? throw new AssertionException("expected an RpcException");
}
