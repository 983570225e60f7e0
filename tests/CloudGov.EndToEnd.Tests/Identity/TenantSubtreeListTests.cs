using CloudGov.Proto.Operations.V1;
using CloudGov.Proto.Tenant.V1;
using CloudGov.Testing.Identity;
using Grpc.Core;
using Common = CloudGov.Proto.Common.V1;

namespace CloudGov.EndToEnd.Tests.Identity;

/// <summary>
/// A tenant sees its own subtree: with no tenant filter, ListWorkloads gives a county bureau (nn-dsj) its own workloads
/// and those of the departments below it — never its parent's or another city's — page after page; GetLedgerView counts
/// the same records and SetWorkloadIntent with no selector tenant reaches the same records. Its own host: the
/// tenants created here turn quota enforcement on for everything the host registers.
/// </summary>
public sealed class TenantSubtreeListTests
{
    private const string City = "sub-nn";
    private const string Bureau = "sub-nn-dsj";
    private const string Department = "sub-nn-dsj-sjzx";
    private const string Sibling = "sub-nn-gaj";
    private const string OtherCity = "sub-lz";
    private static ControlPlaneProcess _host = null!;
    private static OperationsService.OperationsServiceClient _operations = null!;
    private static Metadata _bureau = null!;
    private static Dictionary<string, string> _workloads = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        // The hierarchy is seeded from configuration (trusted for the roots, so no zone's capacity is needed).
        var settings = new Dictionary<string, string?>();
        var tenants = new[] { (City, "", 10), (OtherCity, "", 10), (Bureau, City, 5), (Department, Bureau, 2), (Sibling, City, 2) };
        for (int i = 0; i < tenants.Length; i++)
        {
            var (id, parent, cores) = tenants[i];
            settings[$"Tenants:Seed:{i}:Id"] = id;
            settings[$"Tenants:Seed:{i}:Parent"] = parent;
            settings[$"Tenants:Seed:{i}:CpuMillicores"] = (cores * 1000).ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings[$"Tenants:Seed:{i}:MemoryMiB"] = (cores * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        _host = await ControlPlaneProcess.StartAsync(settings);
        _operations = new OperationsService.OperationsServiceClient(_host.Channel);
        _bureau = TestTokens.Bearer(TestTokens.Tenant(Bureau, "li@nn-dsj"));
        var quota = new QuotaService.QuotaServiceClient(_host.Channel);
        await Eventually.HoldsAsync(async () => (await quota.ListTenantsAsync(new ListTenantsRequest())).Tenants.Count == tenants.Length, "the seeded tenants");

        // One workload of one core per tenant, registered by the operator (each fits its tenant's quota at every level).
        _workloads = new[] { City, Bureau, Department, Sibling, OtherCity }.ToDictionary(t => t, _ => $"app-{Guid.NewGuid():N}");
        foreach (var (tenant, id) in _workloads)
        {
            await _operations.SetWorkloadIntentAsync(new SetWorkloadIntentRequest
            {
                Selector = new WorkloadSelector { WorkloadIds = { id } },
                Patch = new IntentPatch
                {
                    TenantId = tenant,
                    System = "一网通办",
                    MlpsLevel = Common.MlpsLevel._2,
                    AllowedRegions = new RegionList { Codes = { "45" } },
                    NetworkPlane = Common.NetworkPlane.EgovExtranet,
                    Requests = new Common.ResourceVector { CpuMillicores = 1000, MemoryMib = 1024 },
                },
                Reason = "登记",
            });
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test]
    public async Task ListWorkloads_TenantWithNoFilter_OwnAndEveryDescendantsWorkloadsOnly()
    {
        var listed = await _operations.ListWorkloadsAsync(new ListWorkloadsRequest { PageSize = 1000 }, _bureau);

        Assert.That(listed.Workloads.Select(w => w.WorkloadId), Is.EquivalentTo(new[] { _workloads[Bureau], _workloads[Department] }),
            "its own and its department's; not its city's, its sibling's or the other city's");
    }

    [Test]
    public async Task ListWorkloads_TenantPagesThroughItsSubtree_EveryRecordOnceAndFullPages()
    {
        var seen = new List<string>();
        string token = string.Empty;
        do
        {
            var page = await _operations.ListWorkloadsAsync(new ListWorkloadsRequest { PageSize = 1, PageToken = token }, _bureau);
            Assert.That(page.Workloads, Has.Count.EqualTo(1), "a page of the subtree is never emptied by filtering afterwards");
            seen.AddRange(page.Workloads.Select(w => w.WorkloadId));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.That(seen, Is.EquivalentTo(new[] { _workloads[Bureau], _workloads[Department] }));
    }

    [Test]
    public async Task ListWorkloads_TenantNamesADescendant_OnlyThatTenantsWorkloads()
    {
        var listed = await _operations.ListWorkloadsAsync(new ListWorkloadsRequest { TenantId = Department, PageSize = 1000 }, _bureau);

        Assert.That(listed.Workloads.Select(w => w.WorkloadId), Is.EqualTo(new[] { _workloads[Department] }));
    }

    [Test]
    public async Task GetLedgerView_TenantWithNoFilter_GroupsOwnAndEveryDescendantsRecordsOnly()
    {
        var view = await _operations.GetLedgerViewAsync(new GetLedgerViewRequest { GroupBy = LedgerGrouping.Tenant }, _bureau);

        Assert.That(view.Groups.Select(g => g.Key), Is.EqualTo(new[] { Bureau, Department }), "the same subtree ListWorkloads shows, ordered by key");
        Assert.That(view.Groups.Select(g => g.WorkloadCount), Is.EqualTo(new[] { 1, 1 }));
    }

    [Test]
    public async Task GetLedgerView_TenantNamesADescendant_OnlyThatTenantsRecords()
    {
        var view = await _operations.GetLedgerViewAsync(new GetLedgerViewRequest { GroupBy = LedgerGrouping.System, TenantId = Department }, _bureau);

        Assert.That(view.Groups.Single().WorkloadCount, Is.EqualTo(1));
    }

    [Test]
    public async Task SetWorkloadIntent_TenantWithNoSelectorTenant_ReachesOwnAndEveryDescendantsRecordsOnly()
    {
        var preview = await _operations.SetWorkloadIntentAsync(new SetWorkloadIntentRequest
        {
            Selector = new WorkloadSelector { System = "一网通办" },
            Patch = new IntentPatch { Project = "二期" },
            Reason = "subtree preview",
            DryRun = true,
        }, _bureau);

        Assert.That(preview.Matched, Is.EqualTo(2), "its own and its department's; not its city's, its sibling's or the other city's");
        Assert.That(preview.Changes.Select(c => c.WorkloadId), Is.EquivalentTo(new[] { _workloads[Bureau], _workloads[Department] }));
    }

    [Test]
    public async Task SetWorkloadIntent_TenantNamesItsParent_PermissionDenied()
    {
        var denied = (await Assert.ThrowsAsync<RpcException>(async () => await _operations.SetWorkloadIntentAsync(new SetWorkloadIntentRequest
        {
            Selector = new WorkloadSelector { TenantId = City },
            Patch = new IntentPatch { Project = "二期" },
            Reason = "not mine",
            DryRun = true,
        }, _bureau)))!;

        Assert.That(denied.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
    }

    [Test]
    public async Task ListWorkloads_TenantNamesItsParent_PermissionDenied()
    {
        var denied = (await Assert.ThrowsAsync<RpcException>(async () =>
            await _operations.ListWorkloadsAsync(new ListWorkloadsRequest { TenantId = City }, _bureau)))!;

        Assert.That(denied.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
    }
}
