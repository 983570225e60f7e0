using CloudGov.ControlPlane.Persistence.Audit;
using CloudGov.Proto.Audit.V1;
using CloudGov.Testing.Audit;
using Google.Rpc;
using Grpc.Core;
using CloudGov.Testing.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Common = CloudGov.Proto.Common.V1;

namespace CloudGov.EndToEnd.Tests;

/// <summary>
/// A real host (its own: creating tenants turns quota enforcement on for the whole host) called over gRPC with real
/// tokens: the tenant API's decisions land in the audit trail under the token that made each of them, with their
/// outcome (both stored in the transaction that stores the decision); bad input is INVALID_ARGUMENT naming every field,
/// echoes no long value and changes nothing; a decision the audit trail cannot store is UNAVAILABLE and not made.
/// </summary>
public sealed class QuotaApiTests
{
    private ControlPlaneProcess _controlPlane = null!;
    private AgentProcess _agent = null!;
    private SqliteAuditStoreHandle _auditFile = null!;
    private SwitchableAuditStore _audit = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _auditFile = AuditStores.Sqlite(Path.Combine(Path.GetTempPath(), "cloudgov-tests", $"audit-quota-{Guid.NewGuid():N}.db"), NullLoggerFactory.Instance);
        _audit = new SwitchableAuditStore(_auditFile.Store);
        _controlPlane = await ControlPlaneProcess.StartAsync(
            new Dictionary<string, string?> { ["Zones:IndexPublishInterval"] = "00:00:00.200" },
            builder => builder.Services.AddSingleton<IAuditStore>(_audit));
        var zone = AgentProcess.ZoneSettings(_controlPlane.AgentAddress, "gx-e2e-quota-audit", workloads: 0);
        zone["Agent:Simulation:Cores"] = "400";
        _agent = await AgentProcess.StartAsync(zone);
        var operations = new CloudGov.Proto.Operations.V1.OperationsService.OperationsServiceClient(_controlPlane.Channel);
        await Eventually.HoldsAsync(
            async () => (await operations.GetOneCloudSummaryAsync(new CloudGov.Proto.Operations.V1.GetOneCloudSummaryRequest())).Total.Capacity.CpuMillicores > 0,
            "the zone's capacity to count in the one cloud (it caps the root tenant)");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _agent.DisposeAsync();
        await _controlPlane.DisposeAsync();
        await _auditFile.DisposeAsync();
    }

    [Test]
    public async Task QuotaDecisions_TenantAsksOperatorApproves_EachRecordedUnderItsToken()
    {
        var quota = new CloudGov.Proto.Tenant.V1.QuotaService.QuotaServiceClient(_controlPlane.Channel);
        var alice = TestTokens.Bearer(TestTokens.Issue(ControlPlane.Security.CallerRole.Operator, "alice@ops"));
        var auditor = TestTokens.Bearer(TestTokens.Auditor("carol@audit"));
        string suffix = Guid.NewGuid().ToString("N")[..8];
        string province = $"audit-prov-{suffix}";
        string department = $"audit-dept-{suffix}";
        var tenant = TestTokens.Bearer(TestTokens.Issue(ControlPlane.Security.CallerRole.Tenant, "dave@dept", department));

        await quota.CreateTenantAsync(new CloudGov.Proto.Tenant.V1.CreateTenantRequest { TenantId = province, DisplayName = "审计省", Allocated = new Common.ResourceVector { CpuMillicores = 100_000 } }, alice);
        await quota.CreateTenantAsync(new CloudGov.Proto.Tenant.V1.CreateTenantRequest { TenantId = department, DisplayName = "审计局", ParentId = province, Allocated = new Common.ResourceVector { CpuMillicores = 10_000 } }, alice);
        var small = await quota.RequestQuotaAsync(Ask(department, 2_000, $"small-{suffix}", "日常扩容"), tenant);
        var large = await quota.RequestQuotaAsync(Ask(department, 20_000, $"large-{suffix}", "新业务上线"), tenant);
        Assert.That((small.State, large.State), Is.EqualTo((CloudGov.Proto.Tenant.V1.QuotaRequestState.Approved, CloudGov.Proto.Tenant.V1.QuotaRequestState.Pending)),
            "the policy decides the small increase at once; the large one waits for an operator");
        await quota.ApproveQuotaRequestAsync(new CloudGov.Proto.Tenant.V1.ApproveQuotaRequestRequest { RequestId = large.RequestId, Reason = "统筹审批" }, alice);

        var entries = (await new AuditService.AuditServiceClient(_controlPlane.Channel).ListAuditEntriesAsync(new ListAuditEntriesRequest { TargetId = department }, auditor)).Entries;
        Assert.That(entries.Select(e => (e.Action, e.ActorSubject, e.ActorRole)), Is.EqualTo(new[]
        {
            ("tenant_created", "alice@ops", "operator"),
            ("decision_applied", "alice@ops", "operator"),
            ("quota_requested", "dave@dept", "tenant"),
            ("decision_applied", "dave@dept", "tenant"),
            ("quota_requested", "dave@dept", "tenant"),
            ("decision_applied", "dave@dept", "tenant"),
            ("quota_approved", "alice@ops", "operator"),
            ("decision_applied", "alice@ops", "operator"),
        }), "every decision under the token that made it, each followed by its outcome");
        Assert.Multiple(() =>
        {
            Assert.That(entries[2].Reason, Is.EqualTo("日常扩容"));
            Assert.That(entries[3].Detail["state"], Is.EqualTo("Approved"), "the auto-decision is in the outcome");
            Assert.That(entries[3].Detail["rule"], Is.EqualTo(small.Rule).And.Not.Empty, "with the rule that decided it");
            Assert.That(entries[5].Detail["state"], Is.EqualTo("Pending"));
            Assert.That(entries[6].Reason, Is.EqualTo("统筹审批"));
            Assert.That(entries[7].Detail["state"], Is.EqualTo("Approved"));
            Assert.That(entries[7].Detail["decided_by"], Is.EqualTo("alice@ops"));
        });
    }

    [Test]
    public async Task RequestQuota_AuditStoreFails_UnavailableNothingGrantedOrFiledAndTheRetryDecidedAfterwards()
    {
        var quota = new CloudGov.Proto.Tenant.V1.QuotaService.QuotaServiceClient(_controlPlane.Channel);
        var alice = TestTokens.Bearer(TestTokens.Issue(ControlPlane.Security.CallerRole.Operator, "alice@ops"));
        string suffix = Guid.NewGuid().ToString("N")[..8];
        string province = $"fail-prov-{suffix}";
        string department = $"fail-dept-{suffix}";
        var tenant = TestTokens.Bearer(TestTokens.Issue(ControlPlane.Security.CallerRole.Tenant, "erin@dept", department));
        await quota.CreateTenantAsync(new CloudGov.Proto.Tenant.V1.CreateTenantRequest { TenantId = province, DisplayName = "故障省", Allocated = new Common.ResourceVector { CpuMillicores = 100_000 } }, alice);
        await quota.CreateTenantAsync(new CloudGov.Proto.Tenant.V1.CreateTenantRequest { TenantId = department, DisplayName = "故障局", ParentId = province }, alice);

        _audit.FailAppends = true;
        RpcException? failed;
        try
        {
            failed = await Assert.ThrowsAsync<RpcException>(async () => await quota.RequestQuotaAsync(Ask(department, 2_000, $"fail-{suffix}", "日常扩容"), tenant));
        }
        finally
        {
            _audit.FailAppends = false;
        }

        var after = await quota.GetTenantQuotaAsync(new CloudGov.Proto.Tenant.V1.GetTenantQuotaRequest { TenantId = department }, alice);
        var filed = await quota.ListQuotaRequestsAsync(new CloudGov.Proto.Tenant.V1.ListQuotaRequestsRequest { TenantId = department }, alice);
        var retry = await quota.RequestQuotaAsync(Ask(department, 2_000, $"fail-{suffix}", "日常扩容"), tenant);
        var auditor = TestTokens.Bearer(TestTokens.Auditor("carol@audit"));
        var entries = (await new AuditService.AuditServiceClient(_controlPlane.Channel).ListAuditEntriesAsync(new ListAuditEntriesRequest { TargetId = department, Action = "quota_requested" }, auditor)).Entries;

        Assert.Multiple(() =>
        {
            Assert.That(failed!.StatusCode, Is.EqualTo(StatusCode.Unavailable));
            Assert.That(failed.Status.Detail, Does.Contain("so it was not made").And.Contain("retry"));
            Assert.That(after.Allocated.CpuMillicores, Is.Zero, "nothing granted");
            Assert.That(filed.Requests, Is.Empty, "nothing filed");
            Assert.That(retry.State, Is.EqualTo(CloudGov.Proto.Tenant.V1.QuotaRequestState.Approved), "the retry with the same key is decided afresh");
            Assert.That(entries, Has.Count.EqualTo(1), "only the retry is recorded");
        });
    }

    [Test]
    public async Task RequestQuotaAndCreateTenant_BadFields_InvalidArgumentNamingEachFieldAndNothingStored()
    {
        var quota = new CloudGov.Proto.Tenant.V1.QuotaService.QuotaServiceClient(_controlPlane.Channel);
        var alice = TestTokens.Bearer(TestTokens.Issue(ControlPlane.Security.CallerRole.Operator, "alice@ops"));
        string longText = new('字', 5_000);

        var badAsk = await Assert.ThrowsAsync<RpcException>(async () => await quota.RequestQuotaAsync(new CloudGov.Proto.Tenant.V1.RequestQuotaRequest
        {
            TenantId = "has space",
            Amount = new Common.ResourceVector(),
            Justification = longText,
            IdempotencyKey = "two words",
        }, alice));
        var badTenant = await Assert.ThrowsAsync<RpcException>(async () => await quota.CreateTenantAsync(new CloudGov.Proto.Tenant.V1.CreateTenantRequest
        {
            TenantId = "bad-tenant\n",
            DisplayName = longText,
            ParentId = "x y",
            Allocated = new Common.ResourceVector { CpuMillicores = -1 },
        }, alice));
        var tenants = await quota.ListTenantsAsync(new CloudGov.Proto.Tenant.V1.ListTenantsRequest(), alice);

        Assert.Multiple(() =>
        {
            Assert.That(badAsk!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
            Assert.That(Violations(badAsk), Is.EquivalentTo(new[] { "tenant_id", "direction", "amount", "justification", "idempotency_key" }));
            Assert.That(badTenant!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
            Assert.That(Violations(badTenant), Does.Contain("tenant_id").And.Contain("display_name").And.Contain("parent_id"));
            Assert.That(Violations(badTenant).Any(f => f.StartsWith("allocated", StringComparison.Ordinal)), Is.True, "a negative allocation is named");
            Assert.That(badAsk.Status.Detail + badTenant.Status.Detail, Does.Not.Contain(new string('字', 40)), "a long value is never echoed whole");
            Assert.That(tenants.Tenants.Select(t => t.TenantId), Does.Not.Contain("bad-tenant\n"), "nothing was stored");
        });
    }

    private static string[] Violations(RpcException exception) =>
        [.. (exception.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations ?? []).Select(v => v.Field)];

    private static CloudGov.Proto.Tenant.V1.RequestQuotaRequest Ask(string tenant, long cpu, string key, string why) => new()
    {
        TenantId = tenant,
        Direction = CloudGov.Proto.Tenant.V1.QuotaDirection.Increase,
        Amount = new Common.ResourceVector { CpuMillicores = cpu },
        Justification = why,
        IdempotencyKey = key,
    };
}
