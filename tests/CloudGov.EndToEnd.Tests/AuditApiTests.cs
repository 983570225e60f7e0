using CloudGov.ControlPlane.Persistence.Audit;
using CloudGov.Proto.Audit.V1;
using CloudGov.Proto.Operations.V1;
using CloudGov.Testing.Audit;
using CloudGov.Testing.Identity;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Common = CloudGov.Proto.Common.V1;

namespace CloudGov.EndToEnd.Tests;

/// <summary>
/// A real host with two real agents, called with real tokens: the operations API's decisions land in the audit trail
/// under the token's subject and role, auditors (only) read them filtered and paged and verify the chain, bad input is
/// InvalidArgument naming the field, and a decision whose entry cannot be stored is not made.
/// </summary>
public sealed class AuditApiTests
{
    private const string Small = "gx-e2e-audit-small";
    private const string Large = "gx-e2e-audit-large";

    private ControlPlaneProcess _controlPlane = null!;
    private AgentProcess _small = null!;
    private AgentProcess _large = null!;
    private SqliteAuditStoreHandle _auditFile = null!;
    private SwitchableAuditStore _audit = null!;
    private OperationsService.OperationsServiceClient _operations = null!;
    private AuditService.AuditServiceClient _auditService = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _auditFile = AuditStores.Sqlite(Path.Combine(Path.GetTempPath(), "cloudgov-tests", $"audit-e2e-{Guid.NewGuid():N}.db"), NullLoggerFactory.Instance);
        _audit = new SwitchableAuditStore(_auditFile.Store);
        _controlPlane = await ControlPlaneProcess.StartAsync(
            new Dictionary<string, string?>
            {
                ["Zones:ReportInterval"] = "00:00:00.200",
                ["Zones:StalenessWindow"] = "00:00:05",
                ["Zones:CommandPollInterval"] = "00:00:00.050",
                ["Zones:IndexPublishInterval"] = "00:00:00.200",
            },
            builder => builder.Services.AddSingleton<IAuditStore>(_audit));
        var small = AgentProcess.ZoneSettings(_controlPlane.AgentAddress, Small, workloads: 5);
        small["Agent:Zone:RegionCode"] = "450102";
        var large = AgentProcess.ZoneSettings(_controlPlane.AgentAddress, Large, workloads: 5);
        large["Agent:Zone:RegionCode"] = "450103";
        large["Agent:Simulation:Cores"] = "400";
        _small = await AgentProcess.StartAsync(small);
        _large = await AgentProcess.StartAsync(large);
        _operations = new OperationsService.OperationsServiceClient(_controlPlane.Channel);
        _auditService = new AuditService.AuditServiceClient(_controlPlane.Channel);
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
        await _auditFile.DisposeAsync();
    }

    [Test]
    public async Task Decisions_ByTwoOperators_RecordedUnderTheirTokensAndReadByTheAuditor()
    {
        var alice = TestTokens.Bearer(TestTokens.Issue(ControlPlane.Security.CallerRole.Operator, "alice@ops"));
        var bob = TestTokens.Bearer(TestTokens.Issue(ControlPlane.Security.CallerRole.Operator, "bob@ops"));
        var auditor = TestTokens.Bearer(TestTokens.Auditor("carol@audit"));
        string workload = $"nn-audit-{Guid.NewGuid():N}"[..24];

        await _operations.PlaceWorkloadAsync(new PlaceWorkloadRequest(Place(workload)) { DryRun = true }, alice);
        var placed = await _operations.PlaceWorkloadAsync(Place(workload), alice);
        var unknownPlan = await Assert.ThrowsAsync<RpcException>(async () =>
            await _operations.ApprovePlanAsync(new ApprovePlanRequest { PlanId = "plan-00000000000000ab", Reason = "窗口内" }, bob));
        await _operations.SetWorkloadIntentAsync(new SetWorkloadIntentRequest
        {
            Selector = new WorkloadSelector { WorkloadIds = { workload } },
            Patch = new IntentPatch { System = "不动产登记" },
            Reason = "系统更名",
        }, bob);

        Assert.That(unknownPlan!.StatusCode, Is.EqualTo(StatusCode.NotFound));
        var aboutWorkload = (await _auditService.ListAuditEntriesAsync(new ListAuditEntriesRequest { TargetId = workload }, auditor)).Entries;
        Assert.That(aboutWorkload.Select(e => (e.Action, e.ActorSubject, e.ActorRole)), Is.EqualTo(new[]
        {
            ("workload_placed", "alice@ops", "operator"),
            ("decision_applied", "alice@ops", "operator"),
            ("intent_changed", "bob@ops", "operator"),
            ("decision_applied", "bob@ops", "operator"),
        }), "the dry run is not recorded; each decision under its token's subject");
        Assert.That(aboutWorkload[1].Detail["zone_id"], Is.EqualTo(placed.ZoneId), "the zone the placement chose follows its entry");
        Assert.That(aboutWorkload[1].Detail["refers_to"], Is.EqualTo(aboutWorkload[0].Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(aboutWorkload[2].Reason, Is.EqualTo("系统更名"));
        Assert.That(aboutWorkload[2].Detail["patch"], Does.Contain("system=不动产登记"));
        Assert.That(aboutWorkload[3].Detail["changed"], Is.EqualTo("1"));
        var approvals = (await _auditService.ListAuditEntriesAsync(new ListAuditEntriesRequest { Actor = "bob@ops", Action = "plan_approved" }, auditor)).Entries;
        Assert.That(approvals.Single().TargetIds, Is.EqualTo(new[] { "plan-00000000000000ab" }));
        var refused = (await _auditService.ListAuditEntriesAsync(new ListAuditEntriesRequest { TargetId = "plan-00000000000000ab", Action = "decision_not_applied" }, auditor)).Entries.Single();
        Assert.That(refused.Reason, Does.StartWith("NotFound"));
        Assert.That(refused.Detail["refers_to"], Is.EqualTo(approvals[0].Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var verified = await _auditService.VerifyAuditChainAsync(new VerifyAuditChainRequest(), auditor);
        Assert.That((verified.Intact, verified.BreakKind), Is.EqualTo((true, string.Empty)), verified.Message);
        Assert.That(verified.HeadSequence, Is.GreaterThanOrEqualTo(6));
    }

    [Test]
    public async Task ListAuditEntries_PagesOfTwo_SameEntriesInOrderAsOnePage()
    {
        var auditor = TestTokens.Bearer(TestTokens.Auditor());
        for (int i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<RpcException>(async () => await _operations.CancelPlanAsync(new CancelPlanRequest { PlanId = $"plan-00000000000001{i:D2}", Reason = "paging" }));
        }

        var all = (await _auditService.ListAuditEntriesAsync(new ListAuditEntriesRequest { Action = "plan_cancelled", PageSize = 500 }, auditor)).Entries.Select(e => e.Sequence).ToList();
        var paged = new List<long>();
        string token = string.Empty;
        int pages = 0;
        do
        {
            var page = await _auditService.ListAuditEntriesAsync(new ListAuditEntriesRequest { Action = "plan_cancelled", PageSize = 2, PageToken = token }, auditor);
            Assert.That(page.Entries, Has.Count.LessThanOrEqualTo(2));
            paged.AddRange(page.Entries.Select(e => e.Sequence));
            token = page.NextPageToken;
            pages++;
        }
        while (token.Length > 0 && pages < 100);

        Assert.That(all, Has.Count.GreaterThanOrEqualTo(5));
        Assert.That(paged, Is.EqualTo(all));
        Assert.That(all, Is.Ordered);
    }

    [Test]
    public async Task AuditService_OperatorTenantOrNoToken_RefusedWithoutEntries()
    {
        var operatorCall = await Assert.ThrowsAsync<RpcException>(async () => await _auditService.ListAuditEntriesAsync(new ListAuditEntriesRequest()));
        var tenantCall = await Assert.ThrowsAsync<RpcException>(async () =>
            await _auditService.VerifyAuditChainAsync(new VerifyAuditChainRequest(), TestTokens.Bearer(TestTokens.Tenant("nn-dsj"))));
        using var anonymous = TestTokens.Channel(_controlPlane.GrpcAddress, anonymous: true);
        var noToken = await Assert.ThrowsAsync<RpcException>(async () => await new AuditService.AuditServiceClient(anonymous).ListAuditEntriesAsync(new ListAuditEntriesRequest()));

        Assert.That(operatorCall!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied), "operators make the decisions; they do not read their record");
        Assert.That(tenantCall!.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        Assert.That(noToken!.StatusCode, Is.EqualTo(StatusCode.Unauthenticated));
    }

    [Test]
    public async Task ListAuditEntries_BadFields_InvalidArgumentNamingEachField()
    {
        var auditor = TestTokens.Bearer(TestTokens.Auditor());
        var request = new ListAuditEntriesRequest
        {
            StartTime = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero)),
            EndTime = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)),
            Action = "plan_deleted_everything",
            TargetId = "has space",
            PageSize = 501,
            Actor = new string('a', 300),
        };

        var bad = await Assert.ThrowsAsync<RpcException>(async () => await _auditService.ListAuditEntriesAsync(request, auditor));
        var page = await _auditService.ListAuditEntriesAsync(new ListAuditEntriesRequest { PageSize = 1 }, auditor);
        var otherFilters = await Assert.ThrowsAsync<RpcException>(async () =>
            await _auditService.ListAuditEntriesAsync(new ListAuditEntriesRequest { PageSize = 1, Action = "plan_approved", PageToken = page.NextPageToken }, auditor));
        var forged = await Assert.ThrowsAsync<RpcException>(async () =>
            await _auditService.ListAuditEntriesAsync(new ListAuditEntriesRequest { PageToken = "a1.bm90LWEtdG9rZW4" }, auditor));

        Assert.That(bad!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(Violations(bad), Is.EquivalentTo(new[] { "end_time", "action", "target_id", "page_size", "actor" }));
        Assert.That(bad.Status.Detail, Does.Not.Contain(new string('a', 40)), "the bad value is never echoed whole");
        Assert.That(page.NextPageToken, Is.Not.Empty, "the earlier tests left more than one entry");
        Assert.That(Violations(otherFilters!), Is.EqualTo(new[] { "page_token" }), "a token is bound to the filters it was given for");
        Assert.That(Violations(forged!), Is.EqualTo(new[] { "page_token" }));
    }

    [Test]
    public async Task SetWorkloadIntent_AuditStoreFails_UnavailableAndNothingRegisteredUntilItIsBack()
    {
        string workload = $"nn-audit-fail-{Guid.NewGuid():N}"[..28];
        var register = new SetWorkloadIntentRequest
        {
            Selector = new WorkloadSelector { WorkloadIds = { workload } },
            Patch = new IntentPatch
            {
                TenantId = "nn-dsj",
                MlpsLevel = Common.MlpsLevel._2,
                AllowedRegions = new RegionList { Codes = { "4501" } },
                NetworkPlane = Common.NetworkPlane.EgovExtranet,
                Requests = new Common.ResourceVector { CpuMillicores = 500, MemoryMib = 512, StorageGib = 1 },
            },
            Reason = "登记",
        };
        _audit.FailAppends = true;
        RpcException? failed;
        try
        {
            failed = await Assert.ThrowsAsync<RpcException>(async () => await _operations.SetWorkloadIntentAsync(register));
        }
        finally
        {
            _audit.FailAppends = false;
        }

        var absent = await Assert.ThrowsAsync<RpcException>(async () => await _operations.GetWorkloadAsync(new GetWorkloadRequest { WorkloadId = workload }));
        await _operations.SetWorkloadIntentAsync(register);
        var present = await _operations.GetWorkloadAsync(new GetWorkloadRequest { WorkloadId = workload });

        Assert.That(failed!.StatusCode, Is.EqualTo(StatusCode.Unavailable));
        Assert.That(failed.Status.Detail, Does.Contain("audit trail could not record this decision, so it was not made"));
        Assert.That(absent!.StatusCode, Is.EqualTo(StatusCode.NotFound), "a decision that could not be recorded is not made");
        Assert.That(present.Workload.Intent.TenantId, Is.EqualTo("nn-dsj"));
    }

    private static PlaceWorkloadRequest Place(string workloadId) => new()
    {
        WorkloadId = workloadId,
        TenantId = "nn-dsj",
        System = "一网通办",
        Requests = new Common.ResourceVector { CpuMillicores = 1000, MemoryMib = 1024, StorageGib = 10 },
        MlpsLevel = Common.MlpsLevel._3,
        NetworkPlane = Common.NetworkPlane.EgovExtranet,
        AllowedRegions = { "4501" },
    };

    private static string[] Violations(RpcException exception) =>
        [.. (exception.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations ?? []).Select(v => v.Field)];
}
