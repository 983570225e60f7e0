using CloudGov.Agent.Providers;
using CloudGov.Proto.Baseline.V1;
using CloudGov.Proto.Operations.V1;
using CloudGov.Testing.Identity;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using BadRequest = Google.Rpc.BadRequest;
using Common = CloudGov.Proto.Common.V1;

namespace CloudGov.EndToEnd.Tests.Baselines;

/// <summary>
/// A real host and real simulated agents over mutual TLS: a zone's posture violates a rule, the scheduler stops systems of
/// the rule's levels only (naming the rule), a waiver lifts it until revoked, a quarantine rule quarantines the zone with
/// its workloads left in place and resolution lifts it; bad input to every baseline RPC changes nothing.
/// </summary>
public sealed class BaselineEndToEndTests
{
    private const string Enforced = "gx-e2e-baseline-enforce";
    private const string Quarantine = "gx-e2e-baseline-quarantine";

    private ControlPlaneProcess _host = null!;
    private AgentProcess _enforced = null!;
    private AgentProcess _quarantine = null!;
    private OperationsService.OperationsServiceClient _operations = null!;
    private BaselineService.BaselineServiceClient _baseline = null!;
    private BaselineService.BaselineServiceClient _auditor = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _host = await ControlPlaneProcess.StartAsync(new Dictionary<string, string?>
        {
            ["Baselines:Enabled"] = "true",
            ["Zones:ReportInterval"] = "00:00:00.200",
            ["Zones:StalenessWindow"] = "00:00:05",
            ["Zones:CommandPollInterval"] = "00:00:00.050",
            ["Zones:IndexPublishInterval"] = "00:00:00.100",
        });
        var enforced = AgentProcess.ZoneSettings(_host.AgentAddress, Enforced, workloads: 5);
        enforced["Agent:Zone:RegionCode"] = "450102";
        var quarantine = AgentProcess.ZoneSettings(_host.AgentAddress, Quarantine, workloads: 5);
        quarantine["Agent:Zone:RegionCode"] = "450103";
        quarantine["Agent:Simulation:Seed"] = "7";
        _enforced = await AgentProcess.StartAsync(enforced);
        _quarantine = await AgentProcess.StartAsync(quarantine);
        _operations = new OperationsService.OperationsServiceClient(_host.Channel);
        _baseline = new BaselineService.BaselineServiceClient(_host.Channel);
        _auditor = new BaselineService.BaselineServiceClient(TestTokens.Channel(_host.GrpcAddress, TestTokens.Auditor("auditor@gx")));
        await Eventually.HoldsAsync(
            async () => (await _operations.ListZonesAsync(new ListZonesRequest { Status = Common.ZoneStatus.Ready })).Zones.Count(z => z.WorkloadCount > 0) == 2,
            "both zones to report Ready with their workloads");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _enforced.DisposeAsync();
        await _quarantine.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Test]
    public async Task PlaceWorkload_ZoneViolatesALevel3Rule_Level3RefusedNamingTheRuleLevel2AdmittedWaiverLiftsItUntilRevoked()
    {
        var zone = (SimulatedZoneProvider)_enforced.Provider;
        zone.Violate("encryption-at-rest");
        await Eventually.HoldsAsync(async () => !(await LevelAsync(Enforced, 3)).Fit, "the zone to be unfit for level 3 once it reports storage unencrypted");

        var level3 = await LevelAsync(Enforced, 3);
        Assert.That(level3.BlockingRules, Is.EqualTo(new[] { "encryption-at-rest" }));
        Assert.That((await LevelAsync(Enforced, 2)).Fit, Is.True, "encryption at rest applies to levels 3-4 only");
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await _operations.PlaceWorkloadAsync(Place("nn-e2e-bl-l3", Common.MlpsLevel._3, "450102")));
        Assert.That(refused!.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        Assert.That(refused.Status.Detail, Does.Contain("ZONE_NOT_COMPLIANT").And.Contain("encryption-at-rest"));
        var level2 = await _operations.PlaceWorkloadAsync(Place("nn-e2e-bl-l2", Common.MlpsLevel._2, "450102"));
        Assert.That(level2.ZoneId, Is.EqualTo(Enforced));

        var finding = (await _baseline.ListFindingsAsync(new ListFindingsRequest { ZoneId = Enforced, RuleId = "encryption-at-rest" })).Findings.Single();
        Assert.That(finding.State, Is.EqualTo(FindingState.Open));
        Assert.That(finding.Enforced, Is.True);
        Assert.That(finding.Evidence.Single().Observed, Is.EqualTo("disabled"));

        var requested = await _baseline.RequestWaiverAsync(new RequestWaiverRequest
        {
            RuleId = "encryption-at-rest",
            ZoneId = Enforced,
            Reason = "SM4 rollout finishes next week",
            ExpiresAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(7)),
            IdempotencyKey = "waive-enc-1",
        });
        Assert.That(requested.State, Is.EqualTo(Proto.Baseline.V1.WaiverState.Pending));
        Assert.That((await LevelAsync(Enforced, 3)).Fit, Is.False, "a pending waiver lifts nothing");

        var approved = await _auditor.ApproveWaiverAsync(new ApproveWaiverRequest { WaiverId = requested.WaiverId, Reason = "risk accepted" });
        Assert.That(approved.State, Is.EqualTo(Proto.Baseline.V1.WaiverState.Approved));
        Assert.That(approved.ApprovedBy, Is.EqualTo("auditor@gx"));
        await Eventually.HoldsAsync(async () => (await LevelAsync(Enforced, 3)).Fit, "the waived zone to be fit for level 3");
        var dryRun = await _operations.PlaceWorkloadAsync(new PlaceWorkloadRequest(Place("nn-e2e-bl-l3w", Common.MlpsLevel._3, "450102")) { DryRun = true });
        Assert.That(dryRun.ZoneId, Is.EqualTo(Enforced));
        var waived = await _baseline.GetFindingAsync(new GetFindingRequest { FindingId = finding.FindingId });
        Assert.That(waived.WaiverId, Is.EqualTo(requested.WaiverId));
        Assert.That(waived.Enforced, Is.False);

        await _auditor.RevokeWaiverAsync(new RevokeWaiverRequest { WaiverId = requested.WaiverId, Reason = "rollout slipped" });
        await Eventually.HoldsAsync(async () => !(await LevelAsync(Enforced, 3)).Fit, "enforcement to resume once the waiver is revoked");

        zone.Violate("encryption-at-rest", violate: false);
        await Eventually.HoldsAsync(
            async () => (await _baseline.GetFindingAsync(new GetFindingRequest { FindingId = finding.FindingId })).State == FindingState.Resolved,
            "the finding to be resolved once the zone reports encrypted storage");
        Assert.That((await LevelAsync(Enforced, 3)).Fit, Is.True);
    }

    [Test]
    public async Task Quarantine_ManagementPortOpenToTheWorld_ZoneQuarantinedWorkloadsStayNothingPlacedResolutionLiftsIt()
    {
        var zone = (SimulatedZoneProvider)_quarantine.Provider;
        int workloads = (await _operations.GetZoneAsync(new GetZoneRequest { ZoneId = Quarantine })).Workloads.Count;
        zone.Violate("no-world-open-mgmt-ports");
        await Eventually.HoldsAsync(async () => (await ZoneAsync(Quarantine)).Status == Common.ZoneStatus.Quarantined, "the zone to be quarantined");

        var scores = await _auditor.GetComplianceScoresAsync(new GetComplianceScoresRequest { ZoneId = Quarantine });
        Assert.That(scores.Zones.Single().QuarantineRuleId, Is.EqualTo("no-world-open-mgmt-ports"));
        Assert.That((await _operations.GetZoneAsync(new GetZoneRequest { ZoneId = Quarantine })).Workloads, Has.Count.EqualTo(workloads), "existing workloads stay");
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await _operations.PlaceWorkloadAsync(new PlaceWorkloadRequest(Place("nn-e2e-bl-q", Common.MlpsLevel._1, "450103")) { DryRun = true }));
        Assert.That(refused!.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        Assert.That(refused.Status.Detail, Does.Contain(Quarantine));

        zone.Violate("no-world-open-mgmt-ports", violate: false);
        await Eventually.HoldsAsync(async () => (await ZoneAsync(Quarantine)).Status == Common.ZoneStatus.Ready, "resolution to lift the quarantine");
        Assert.That((await _auditor.GetComplianceScoresAsync(new GetComplianceScoresRequest { ZoneId = Quarantine })).Zones.Single().Quarantined, Is.False);
    }

    [Test]
    public async Task EveryBaselineRpc_BadInput_InvalidArgumentNamingTheFieldsAndNothingChanges()
    {
        int waivers = (await _baseline.ListWaiversAsync(new ListWaiversRequest())).Waivers.Count;
        var cases = new (Func<Task> Call, string Field)[]
        {
            (async () => await _baseline.ListRulesAsync(new ListRulesRequest { Source = (RuleSource)99 }), "source"),
            (async () => await _baseline.ListFindingsAsync(new ListFindingsRequest { ZoneId = "has space" }), "zone_id"),
            (async () => await _baseline.ListFindingsAsync(new ListFindingsRequest { RuleId = "no-such-rule" }), "rule_id"),
            (async () => await _baseline.ListFindingsAsync(new ListFindingsRequest { PageSize = 5000 }), "page_size"),
            (async () => await _baseline.ListFindingsAsync(new ListFindingsRequest { PageToken = "forged" }), "page_token"),
            (async () => await _baseline.GetFindingAsync(new GetFindingRequest { FindingId = new string('x', 300) }), "finding_id"),
            (async () => await _baseline.RequestWaiverAsync(new RequestWaiverRequest { RuleId = "encryption-at-rest", Reason = "r", ExpiresAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(1)), IdempotencyKey = "k1" }), "zone_id"),
            (async () => await _baseline.RequestWaiverAsync(new RequestWaiverRequest { RuleId = "encryption-at-rest", ZoneId = Enforced, Reason = "r", ExpiresAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(400)), IdempotencyKey = "k2" }), "expires_at"),
            (async () => await _baseline.RequestWaiverAsync(new RequestWaiverRequest { RuleId = "encryption-at-rest", ZoneId = Enforced, Reason = "", ExpiresAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(1)), IdempotencyKey = "k3" }), "reason"),
            (async () => await _baseline.RequestWaiverAsync(new RequestWaiverRequest { RuleId = "encryption-at-rest", WorkloadId = "w-1", Reason = "r", ExpiresAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(1)), IdempotencyKey = "k4" }), "workload_id"),
            (async () => await _baseline.RequestWaiverAsync(new RequestWaiverRequest { RuleId = "encryption-at-rest", ZoneId = Enforced, Reason = "r", IdempotencyKey = "" }), "expires_at"),
            (async () => await _auditor.ApproveWaiverAsync(new ApproveWaiverRequest { WaiverId = "w-1" }), "waiver_id"),
            (async () => await _auditor.RevokeWaiverAsync(new RevokeWaiverRequest { WaiverId = "w-000000000001", Reason = "" }), "reason"),
            (async () => await _baseline.ListWaiversAsync(new ListWaiversRequest { State = (Proto.Baseline.V1.WaiverState)7 }), "state"),
            (async () => await _baseline.GetComplianceScoresAsync(new GetComplianceScoresRequest { MlpsLevel = (Common.MlpsLevel)9 }), "mlps_level"),
        };

        foreach (var (call, field) in cases)
        {
            var ex = await Assert.ThrowsAsync<RpcException>(async () => await call());
            Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument), field);
            var fields = ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field).ToList();
            Assert.That(fields, Does.Contain(field));
            Assert.That(ex.Status.Detail, Does.Not.Contain(new string('x', 100)), "a long bad value is not echoed");
        }

        Assert.That((await _baseline.ListWaiversAsync(new ListWaiversRequest())).Waivers, Has.Count.EqualTo(waivers), "nothing stored");
    }

    [Test]
    public async Task RequestWaiver_TenantForAZone_PermissionDeniedAndListRulesShowsThePack()
    {
        var tenant = new BaselineService.BaselineServiceClient(TestTokens.Channel(_host.GrpcAddress, TestTokens.Tenant("nn-dsj")));

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await tenant.RequestWaiverAsync(new RequestWaiverRequest
        {
            RuleId = "encryption-at-rest",
            ZoneId = Enforced,
            Reason = "r",
            ExpiresAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(1)),
            IdempotencyKey = "tenant-zone",
        }));
        var rules = await tenant.ListRulesAsync(new ListRulesRequest { MlpsLevel = Common.MlpsLevel._4 });

        Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        Assert.That(rules.Rules.Select(r => r.RuleId), Does.Contain("level4-dedicated-pool").And.Contain("mlps-zone-level"));
        Assert.That(rules.Rules.Count, Is.GreaterThanOrEqualTo(15));
    }

    private static PlaceWorkloadRequest Place(string id, Common.MlpsLevel level, string region) => new()
    {
        WorkloadId = id,
        TenantId = "nn-dsj",
        System = "一网通办",
        Requests = new Common.ResourceVector { CpuMillicores = 1000, MemoryMib = 2048, StorageGib = 10 },
        MlpsLevel = level,
        NetworkPlane = Common.NetworkPlane.EgovExtranet,
        AllowedRegions = { region },
    };

    private async Task<LevelCompliance> LevelAsync(string zoneId, int level) =>
        (await _auditor.GetComplianceScoresAsync(new GetComplianceScoresRequest { ZoneId = zoneId })).Zones.Single().Levels.Single(l => (int)l.MlpsLevel == level);

    private async Task<ZoneSummary> ZoneAsync(string zoneId) =>
        (await _operations.ListZonesAsync(new ListZonesRequest())).Zones.Single(z => z.ZoneId == zoneId);
}
