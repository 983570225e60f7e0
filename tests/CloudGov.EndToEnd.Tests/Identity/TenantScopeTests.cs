using CloudGov.Proto.Operations.V1;
using CloudGov.Testing.Identity;
using Grpc.Core;
using Common = CloudGov.Proto.Common.V1;

namespace CloudGov.EndToEnd.Tests.Identity;

/// <summary>
/// Cross-tenant reads and writes on every tenant-scoped RPC: tenant 南宁大数据局 (nn-dsj) sees and changes its own
/// workloads; 柳州公安局 (lz-gaj)'s are NOT_FOUND, filtered out, or PERMISSION_DENIED — never their data — and unchanged.
/// </summary>
public sealed class TenantScopeTests
{
    private const string Own = "nn-dsj";
    private const string Other = "lz-gaj";
    private static ControlPlaneProcess _host = null!;
    private static OperationsService.OperationsServiceClient _operations = null!;
    private static Metadata _tenant = null!;
    private static string _ownId = null!;
    private static string _otherId = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _host = await ControlPlaneProcess.StartAsync();
        _operations = new OperationsService.OperationsServiceClient(_host.Channel);
        _tenant = TestTokens.Bearer(TestTokens.Tenant(Own, "wang@nn-dsj"));
        _ownId = $"app-{Guid.NewGuid():N}";
        _otherId = $"app-{Guid.NewGuid():N}";

        // The operator registers one workload per tenant (the default channel carries the operator token).
        foreach (var (id, tenant, system) in new[] { (_ownId, Own, "一网通办"), (_otherId, Other, "雪亮工程") })
        {
            await _operations.SetWorkloadIntentAsync(new SetWorkloadIntentRequest
            {
                Selector = new WorkloadSelector { WorkloadIds = { id } },
                Patch = new IntentPatch
                {
                    TenantId = tenant,
                    System = system,
                    MlpsLevel = Common.MlpsLevel._3,
                    AllowedRegions = new RegionList { Codes = { "45" } },
                    NetworkPlane = Common.NetworkPlane.EgovExtranet,
                    Requests = new Common.ResourceVector { CpuMillicores = 1000, MemoryMib = 2048 },
                },
                Reason = "登记",
            });
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test]
    public async Task GetWorkload_OwnRecord_Served()
    {
        var record = (await _operations.GetWorkloadAsync(new GetWorkloadRequest { WorkloadId = _ownId }, _tenant)).Workload;

        Assert.That(record.Intent.TenantId, Is.EqualTo(Own));
    }

    [Test]
    public async Task GetWorkload_OtherTenantsRecord_NotFoundExactlyLikeAnUnknownId()
    {
        var foreign = await FailsAsync(() => _operations.GetWorkloadAsync(new GetWorkloadRequest { WorkloadId = _otherId }, _tenant).ResponseAsync);
        var unknown = await FailsAsync(() => _operations.GetWorkloadAsync(new GetWorkloadRequest { WorkloadId = "nobody-has-this" }, _tenant).ResponseAsync);

        Assert.That(foreign.StatusCode, Is.EqualTo(StatusCode.NotFound));
        Assert.That(foreign.Status.Detail.Replace(_otherId, "<id>", StringComparison.Ordinal), Is.EqualTo(unknown.Status.Detail.Replace("nobody-has-this", "<id>", StringComparison.Ordinal)));
        Assert.That(foreign.Status.Detail, Does.Not.Contain("雪亮工程").And.Not.Contain(Other));
    }

    [Test]
    public async Task ListWorkloads_NoFilter_OnlyOwnTenantsRecords()
    {
        var listed = await _operations.ListWorkloadsAsync(new ListWorkloadsRequest { PageSize = 1000 }, _tenant);
        var all = await _operations.ListWorkloadsAsync(new ListWorkloadsRequest { PageSize = 1000 });

        Assert.That(listed.Workloads.Select(w => w.WorkloadId), Does.Contain(_ownId).And.Not.Contain(_otherId));
        Assert.That(listed.Workloads.Select(w => w.Intent.TenantId), Is.All.EqualTo(Own));
        Assert.That(all.Workloads.Select(w => w.WorkloadId), Does.Contain(_otherId), "the operator sees both");
    }

    [Test]
    public async Task ListWorkloads_OtherTenantsFilter_PermissionDenied()
    {
        var denied = await FailsAsync(() => _operations.ListWorkloadsAsync(new ListWorkloadsRequest { TenantId = Other }, _tenant).ResponseAsync);

        Assert.That(denied.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        Assert.That(denied.Status.Detail, Does.Contain("tenant_id"));
    }

    [Test]
    public async Task GetLedgerView_ByTenant_OnlyOwnGroupAndOtherTenantDenied()
    {
        var view = await _operations.GetLedgerViewAsync(new GetLedgerViewRequest { GroupBy = LedgerGrouping.Tenant }, _tenant);
        var denied = await FailsAsync(() => _operations.GetLedgerViewAsync(new GetLedgerViewRequest { GroupBy = LedgerGrouping.Tenant, TenantId = Other }, _tenant).ResponseAsync);

        Assert.That(view.Groups.Select(g => g.Key), Is.EqualTo(new[] { Own }));
        Assert.That(denied.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
    }

    [Test]
    public async Task SetWorkloadIntent_OtherTenantsIdInSelector_MatchesNothingAndChangesNothing()
    {
        var outcome = await _operations.SetWorkloadIntentAsync(new SetWorkloadIntentRequest
        {
            Selector = new WorkloadSelector { WorkloadIds = { _otherId } },
            Patch = new IntentPatch { Priority = 1 },
            Reason = "越权",
        }, _tenant);

        Assert.That((outcome.Matched, outcome.Changed), Is.EqualTo((0, 0)));
        Assert.That((await _operations.GetWorkloadAsync(new GetWorkloadRequest { WorkloadId = _otherId })).Workload.Intent.Priority, Is.Not.EqualTo(1));
    }

    [Test]
    public async Task SetWorkloadIntent_OtherTenantInSelector_PermissionDenied()
    {
        var denied = await FailsAsync(() => _operations.SetWorkloadIntentAsync(new SetWorkloadIntentRequest
        {
            Selector = new WorkloadSelector { TenantId = Other },
            Patch = new IntentPatch { Priority = 1 },
        }, _tenant).ResponseAsync);

        Assert.That(denied.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        Assert.That(denied.Status.Detail, Does.Contain("selector.tenant_id"));
    }

    [Test]
    public async Task SetWorkloadIntent_GiveOwnWorkloadToOtherTenant_PermissionDeniedAndOwnerKept()
    {
        var denied = await FailsAsync(() => _operations.SetWorkloadIntentAsync(new SetWorkloadIntentRequest
        {
            Selector = new WorkloadSelector { WorkloadIds = { _ownId } },
            Patch = new IntentPatch { TenantId = Other },
        }, _tenant).ResponseAsync);

        Assert.That(denied.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        Assert.That(denied.Status.Detail, Does.Contain("patch.tenant_id"));
        Assert.That((await _operations.GetWorkloadAsync(new GetWorkloadRequest { WorkloadId = _ownId })).Workload.Intent.TenantId, Is.EqualTo(Own));
    }

    [Test]
    public async Task SetWorkloadIntent_OwnWorkload_ChangedAndRecordedUnderTheTokensSubject()
    {
        var outcome = await _operations.SetWorkloadIntentAsync(new SetWorkloadIntentRequest
        {
            Selector = new WorkloadSelector { WorkloadIds = { _ownId } },
            Patch = new IntentPatch { Project = "数字南宁" },
            Reason = "项目归属",
        }, _tenant);

        var record = (await _operations.GetWorkloadAsync(new GetWorkloadRequest { WorkloadId = _ownId }, _tenant)).Workload;
        Assert.That((outcome.Matched, outcome.Changed), Is.EqualTo((1, 1)));
        Assert.That(record.Intent.Project, Is.EqualTo("数字南宁"));
        Assert.That(record.History.Last(e => e.Kind == "intent_changed").By, Is.EqualTo("wang@nn-dsj"));
    }

    [Test]
    public async Task PlaceWorkload_ForOtherTenant_PermissionDeniedBeforeAnyPlacement()
    {
        var denied = await FailsAsync(() => _operations.PlaceWorkloadAsync(new PlaceWorkloadRequest
        {
            WorkloadId = $"{Other}-sneaky",
            TenantId = Other,
            Requests = new Common.ResourceVector { CpuMillicores = 1000, MemoryMib = 1024 },
            MlpsLevel = Common.MlpsLevel._2,
            NetworkPlane = Common.NetworkPlane.EgovExtranet,
            DryRun = true,
        }, _tenant).ResponseAsync);

        Assert.That(denied.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        Assert.That(denied.Status.Detail, Does.Contain("tenant_id"));
    }

    [Test]
    public async Task ApprovePlan_Tenant_PermissionDenied()
    {
        var denied = await FailsAsync(() => _operations.ApprovePlanAsync(new ApprovePlanRequest { PlanId = "plan-0123456789abcdef", Reason = "x" }, _tenant).ResponseAsync);

        Assert.That(denied.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
    }

    private static async Task<RpcException> FailsAsync(Func<Task> call) => (await Assert.ThrowsAsync<RpcException>(async () => await call()))!;
}
