using CloudGov.Proto.Audit.V1;
using CloudGov.Proto.Tenant.V1;
using CloudGov.Testing.Identity;
using Grpc.Core;
using Common = CloudGov.Proto.Common.V1;

namespace CloudGov.Upgrade.Fixtures;

/// <summary>
/// The tenant and quota part of the fixture, driven after the zones, ledger and plans are in place (with no tenant at
/// all quota is not enforced, so the earlier steps are those of the first fixture): operators build a province →
/// city → county hierarchy over the fixture workloads' tenants and change it (update, move, delete); departments ask
/// for quota and every decision kind is taken once — auto-approved increase and decrease, an operator's partial
/// approval and rejection, a request its tenant withdraws, one left pending. The audit trail then holds every kind of
/// decision the release records.
/// </summary>
internal static class QuotaScenario
{
    /// <summary>The auto-approved increase; its key must still find it after an upgrade.</summary>
    public const string AutoApprovedTenant = "nn-dsj";
    public const string AutoApprovedKey = "upg-2026-q4-etl-1";

    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(30);

    private static readonly (string Id, string Name, string Parent, long Cores, long MemoryGib, long StorageGib)[] Hierarchy =
    [
        ("gx", "广西壮族自治区", "", 80, 256, 8_000),
        ("gx-zrzyt", "自治区自然资源厅", "gx", 12, 24, 500),
        ("gx-bgt", "自治区办公厅", "gx", 6, 12, 200),
        ("gx-zwfw", "自治区政务服务中心", "gx", 4, 8, 300),
        ("nn", "南宁市", "gx", 40, 96, 3_000),
        ("nn-rsj", "南宁市人力资源和社会保障局", "nn", 16, 32, 500),
        ("nn-gjj", "南宁住房公积金管理中心", "nn", 4, 8, 200),
        ("nn-dsj", "南宁市大数据发展局", "nn", 4, 8, 400),
        ("xn", "兴宁区", "nn", 8, 16, 400),
        ("xn-jyj", "兴宁区教育局", "xn", 4, 8, 200),
        ("xn-zfb", "兴宁区政府办公室", "xn", 2, 4, 100),
    ];

    public static async Task RunAsync(FixtureHost host)
    {
        var quota = new QuotaService.QuotaServiceClient(host.Channel);
        var operatorHeaders = TestTokens.As("周工");
        foreach (var (id, name, parent, cores, memory, storage) in Hierarchy)
        {
            await quota.CreateTenantAsync(new CreateTenantRequest { TenantId = id, DisplayName = name, ParentId = parent, Allocated = Amount(cores * 1000, memory * 1024, storage) }, operatorHeaders, Deadline());
        }

        // Tenant changes: a raised allocation, a department created, moved under the city and deleted again.
        await quota.UpdateTenantAsync(new UpdateTenantRequest { TenantId = "nn", Allocated = Amount(44_000, 96 * 1024, 3_000), Reason = "年度预算调整" }, operatorHeaders, Deadline());
        await quota.CreateTenantAsync(new CreateTenantRequest { TenantId = "gx-test", DisplayName = "测试部门", ParentId = "gx", Allocated = Amount(1_000, 1024, 10) }, operatorHeaders, Deadline());
        await quota.MoveTenantAsync(new MoveTenantRequest { TenantId = "gx-test", NewParentId = "nn" }, operatorHeaders, Deadline());
        await quota.DeleteTenantAsync(new DeleteTenantRequest { TenantId = "gx-test" }, operatorHeaders, Deadline());

        // A small increase the policy grants, and a decrease it accepts.
        var auto = await RequestAsync(quota, AutoApprovedTenant, "zhang", QuotaDirection.Increase, Amount(2_000, 4096, 100), "数据交换平台扩容", AutoApprovedKey);
        Require(auto.State == QuotaRequestState.Approved && auto.Rule == "auto-approve-small-increase", $"the small increase auto-approved (read {auto.State}, rule {auto.Rule})");
        var handedBack = await RequestAsync(quota, "nn-rsj", "li", QuotaDirection.Decrease, Amount(2_000, 0, 0), "社保核心缩容后归还", "upg-2026-q4-rsj-1");
        Require(handedBack.State == QuotaRequestState.Approved && handedBack.Rule == "auto-approve-decrease", $"the decrease auto-approved (read {handedBack.State}, rule {handedBack.Rule})");

        // Above the small-increase limit: an operator grants part of one and rejects another.
        var large = await RequestAsync(quota, "nn-dsj", "zhang", QuotaDirection.Increase, Amount(24_000, 48 * 1024, 200), "城市大脑二期", "upg-2026-q4-brain-2");
        Require(large.State == QuotaRequestState.Pending, $"the large increase pending (read {large.State}, rule {large.Rule})");
        var partial = await quota.ApproveQuotaRequestAsync(new ApproveQuotaRequestRequest { RequestId = large.RequestId, Granted = Amount(4_000, 8 * 1024, 200), Reason = "先批一期所需" }, operatorHeaders, Deadline());
        Require(partial.State == QuotaRequestState.PartiallyApproved, $"the partial approval (read {partial.State})");
        var rejected = await RequestAsync(quota, "gx-zwfw", "chen", QuotaDirection.Increase, Amount(16_000, 0, 0), "一网通办峰值保障", "upg-2026-q4-zwfw-1");
        Require(rejected.State == QuotaRequestState.Pending, $"the request to reject pending (read {rejected.State})");
        var rejection = await quota.RejectQuotaRequestAsync(new RejectQuotaRequestRequest { RequestId = rejected.RequestId, Reason = "超出年度预算，请走弹性资源池" }, operatorHeaders, Deadline());
        Require(rejection.State == QuotaRequestState.Rejected, $"the rejection (read {rejection.State})");

        // GPUs always wait for an operator: this one is withdrawn by its tenant, the last stays pending.
        var gpu = await RequestAsync(quota, "gx-zwfw", "chen", QuotaDirection.Increase, Amount(0, 0, 0, gpu: 2), "视频质检模型", "upg-2026-q4-zwfw-gpu");
        Require(gpu.State == QuotaRequestState.Pending, $"the GPU request pending (read {gpu.State}, rule {gpu.Rule})");
        var cancelled = await quota.CancelQuotaRequestAsync(new CancelQuotaRequestRequest { RequestId = gpu.RequestId }, TestTokens.Bearer(TestTokens.Tenant("gx-zwfw", "chen")), Deadline());
        Require(cancelled.State == QuotaRequestState.Cancelled, $"the withdrawal (read {cancelled.State})");
        var waiting = await RequestAsync(quota, "xn-jyj", "huang", QuotaDirection.Increase, Amount(10_000, 16 * 1024, 100), "智慧校园平台", "upg-2026-q4-jyj-1");
        Require(waiting.State == QuotaRequestState.Pending, $"the last request pending (read {waiting.State})");
    }

    /// <summary>The hierarchy, the requests and the audit trail as the host reports them, checked against the design.</summary>
    public static async Task<(List<TenantExpectation> Tenants, List<QuotaRequestExpectation> Requests, AuditExpectation Audit)> ReadBackAsync(FixtureHost host)
    {
        var quota = new QuotaService.QuotaServiceClient(host.Channel);
        var operatorHeaders = TestTokens.As("周工");
        var tenants = await QuotaAuditReadBack.TenantsAsync(quota, operatorHeaders, Deadline());
        var requests = await QuotaAuditReadBack.RequestsAsync(quota, operatorHeaders, Deadline());
        var audit = await QuotaAuditReadBack.AuditAsync(new AuditService.AuditServiceClient(host.Channel), TestTokens.Bearer(TestTokens.Auditor()), Deadline);

        Require(tenants.Select(t => t.TenantId).Order(StringComparer.Ordinal).SequenceEqual(Hierarchy.Select(h => h.Id).Order(StringComparer.Ordinal)), "exactly the hierarchy's tenants (the test department deleted)");
        Require(tenants.Single(t => t.TenantId == "nn-dsj").Allocated.CpuMillicores == 4_000 + 2_000 + 4_000, "nn-dsj holding its allocation, the auto-approved and the partly approved increase");
        string[] states = [.. requests.Select(r => r.State).Order(StringComparer.Ordinal)];
        Require(states.SequenceEqual(
            ["QUOTA_REQUEST_STATE_APPROVED", "QUOTA_REQUEST_STATE_APPROVED", "QUOTA_REQUEST_STATE_CANCELLED", "QUOTA_REQUEST_STATE_PARTIALLY_APPROVED", "QUOTA_REQUEST_STATE_PENDING", "QUOTA_REQUEST_STATE_REJECTED"]),
            $"six requests, one of each outcome (read {string.Join(", ", states)})");
        string[] actions =
        [
            "plan_proposed", "plan_cancelled", "workload_placed", "intent_changed", "decision_applied",
            "tenant_created", "tenant_updated", "tenant_moved", "tenant_deleted",
            "quota_requested", "quota_approved", "quota_rejected", "quota_request_cancelled",
        ];
        var missing = actions.Except(audit.Entries.Select(e => e.Action)).ToList();
        Require(missing.Count == 0, $"the audit trail to hold every kind of decision (missing: {string.Join(", ", missing)})");
        Require(audit.Entries.Count == audit.HeadSequence && audit.Entries[^1].Hash == audit.HeadHash, "the listed entries to end at the verified head");
        return (tenants, requests, audit);
    }

    private static Task<QuotaRequest> RequestAsync(QuotaService.QuotaServiceClient quota, string tenant, string person, QuotaDirection direction, Common.ResourceVector amount, string justification, string key) =>
        quota.RequestQuotaAsync(
            new RequestQuotaRequest { TenantId = tenant, Direction = direction, Amount = amount, Justification = justification, IdempotencyKey = key },
            TestTokens.Bearer(TestTokens.Tenant(tenant, person)),
            Deadline()).ResponseAsync;

    private static Common.ResourceVector Amount(long cpu, long memory, long storage, long gpu = 0) =>
        QuotaAuditReadBack.ToVector(new AmountExpectation(cpu, memory, storage, gpu));

    private static DateTime Deadline() => DateTime.UtcNow + CallDeadline;

    private static void Require(bool condition, string expectation)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"The fixture is not in the designed state: expected {expectation}.");
        }
    }
}
