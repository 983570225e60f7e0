using CloudGov.Agent.Providers;
using CloudGov.Proto.Operations.V1;
using Grpc.Core;
using Common = CloudGov.Proto.Common.V1;
using CloudGov.Testing.Identity;

namespace CloudGov.EndToEnd.Tests;

/// <summary>
/// The ledger with a real host and real simulated agents: intent given at placement holds in every later plan,
/// adopted workloads stay pinned until their intent is registered, a changed intent is enforced by the next round, and
/// every reconciliation state is reached and left.
/// </summary>
public sealed class LedgerEndToEndTests
{
    private const string Nanning = "gx-e2e-ldg-nanning";
    private const string Province = "gx-e2e-ldg-prov";
    private const string Liuzhou = "gx-e2e-ldg-liuzhou";

    private static readonly Dictionary<string, string?> Fast = new(ControlPlaneProcess.FastPlanSettings())
    {
        ["Ledger:MissingAfterReports"] = "3",
        ["Ledger:FlushInterval"] = "00:00:00.200",

        // No cooldown: only the ledger's intent keeps the placed workload in 南宁, not the time since it was placed.
        ["CloudGov:Scheduling:Rebalance:Cooldown"] = "00:00:00",
    };

    private ControlPlaneProcess _controlPlane = null!;
    private AgentProcess _nanning = null!;
    private AgentProcess _province = null!;
    private AgentProcess _liuzhou = null!;
    private OperationsService.OperationsServiceClient _operations = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _controlPlane = await ControlPlaneProcess.StartAsync(Fast);

        // 南宁: busy with workloads nobody registered (adopted, pinned), and a low target so it counts as hot.
        var nanning = AgentProcess.ZoneSettings(_controlPlane.AgentAddress, Nanning, workloads: 12);
        nanning["Agent:Zone:RegionCode"] = "450100";
        nanning["Agent:Simulation:Cores"] = "100";
        nanning["Agent:Simulation:IntentShare"] = "0";
        nanning["Agent:Zone:Labels:cloudgov.io/target-utilization"] = "0.3";
        var province = AgentProcess.ZoneSettings(_controlPlane.AgentAddress, Province, workloads: 2);
        province["Agent:Zone:RegionCode"] = "450000";
        province["Agent:Zone:AdministrativeLevel"] = "Province";
        province["Agent:Simulation:Cores"] = "400";
        province["Agent:Simulation:Seed"] = "11";
        province["Agent:Simulation:IntentShare"] = "0";
        var liuzhou = AgentProcess.ZoneSettings(_controlPlane.AgentAddress, Liuzhou, workloads: 2);
        liuzhou["Agent:Zone:RegionCode"] = "450200";
        liuzhou["Agent:Simulation:Cores"] = "200";
        liuzhou["Agent:Simulation:Seed"] = "12";
        liuzhou["Agent:Simulation:IntentShare"] = "0";
        _nanning = await AgentProcess.StartAsync(nanning);
        _province = await AgentProcess.StartAsync(province);
        _liuzhou = await AgentProcess.StartAsync(liuzhou);
        _operations = new OperationsService.OperationsServiceClient(_controlPlane.Channel);
        await Eventually.HoldsAsync(
            async () => (await _operations.ListZonesAsync(new ListZonesRequest { Status = Common.ZoneStatus.Ready })).Zones.Count(z => z.ZoneId.StartsWith("gx-e2e-ldg-", StringComparison.Ordinal) && z.WorkloadCount > 0) == 3,
            "the three zones to report Ready with their workloads");
        await Eventually.HoldsAsync(
            async () => (await ListAsync(new ListWorkloadsRequest { ZoneId = Nanning, State = LedgerState.Unmanaged })).Count == ((SimulatedZoneProvider)_nanning.Provider).WorkloadCount,
            "every workload of 南宁 to be adopted");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _nanning.DisposeAsync();
        await _province.DisposeAsync();
        await _liuzhou.DisposeAsync();
        await _controlPlane.DisposeAsync();
    }

    [Test]
    public async Task NanningOnlyWorkload_HotNanning_NoPlanMovesItOutOf4501_AndANewIntentIsEnforcedByTheNextRound()
    {
        string id = "nn-dsj-ldg-e2e-01";
        var placed = await _operations.PlaceWorkloadAsync(Place(id, "4501"));
        Assert.That(placed.ZoneId, Is.EqualTo(Nanning), "南宁 is the only zone in 4501");
        var record = await StateAsync(id, LedgerState.InSync);
        Assert.That(record.Intent.AllowedRegions, Is.EqualTo(new[] { "4501" }));
        Assert.That(record.History.Select(e => e.Kind), Does.Contain("placed"));

        // 南宁 is far over its 0.3 target and the province zone is nearly empty: before the ledger, this moved the workload out of 4501.
        var round = await _operations.ProposeRebalanceAsync(new ProposeRebalanceRequest { DryRun = true });
        Assert.That(round.Plan?.Moves.Where(m => m.WorkloadId == id) ?? [], Is.Empty, "no plan moves a 南宁-only workload out of 4501");
        Assert.That(round.Plan?.Moves.Select(m => m.WorkloadId) ?? [], Has.None.StartsWith(Nanning), "adopted workloads are pinned");
        Assert.That(round.Plan!.Notes.Where(n => n.Code == "ZONE_STILL_HOT").Select(n => n.English), Has.Some.Contains(Nanning),
            "the rebalancer wanted to cool 南宁 and found nothing it may move");

        // Change the intent to 柳州 only: the placement breaks it now, the dry run says so and changes nothing.
        var change = new SetWorkloadIntentRequest
        {
            Selector = new WorkloadSelector { WorkloadIds = { id } },
            Patch = new IntentPatch { AllowedRegions = new RegionList { Codes = { "4502" } } },
            Reason = "迁往柳州",
            DryRun = true,
        };
        var preview = await _operations.SetWorkloadIntentAsync(change, TestTokens.As("张工"));
        Assert.That((preview.DryRun, preview.Matched, preview.Changed), Is.EqualTo((true, 1, 1)));
        Assert.That(preview.Breaks.Single().ZoneId, Is.EqualTo(Nanning));
        Assert.That(preview.Breaks.Single().Reasons.Select(r => r.Code), Is.EqualTo(new[] { "RESIDENCY_NOT_ALLOWED" }));
        Assert.That((await GetAsync(id)).Intent.AllowedRegions, Is.EqualTo(new[] { "4501" }), "a dry run changes nothing");

        change.DryRun = false;
        await _operations.SetWorkloadIntentAsync(change, TestTokens.As("张工"));
        var violating = await StateAsync(id, LedgerState.Violating);
        Assert.That(violating.StateDetail, Does.Contain("outside the allowed regions [4502]"));
        Assert.That(violating.History.Last(e => e.Kind == "intent_changed").By, Is.EqualTo("张工"));

        // The next round relocates it into 柳州, and only there.
        var plan = (await _operations.ProposeRebalanceAsync(new ProposeRebalanceRequest())).Plan;
        var move = plan.Moves.Single(m => m.WorkloadId == id);
        Assert.That((move.FromZoneId, move.ToZoneId, move.Reason.Code), Is.EqualTo((Nanning, Liuzhou, "PLACEMENT_VIOLATION")));
        if (plan.State == PlanState.Proposed)
        {
            await _operations.ApprovePlanAsync(new ApprovePlanRequest { PlanId = plan.PlanId, Reason = "整改" }, TestTokens.As("张工"));
        }

        await Eventually.HoldsAsync(async () => (await _operations.GetPlanAsync(new GetPlanRequest { PlanId = plan.PlanId })).Plan.State is PlanState.Completed or PlanState.PartiallyFailed,
            "the relocation plan to end", TimeSpan.FromSeconds(90));
        var moved = await StateAsync(id, LedgerState.InSync);
        Assert.That(moved.ZoneId, Is.EqualTo(Liuzhou));
        Assert.That(moved.History.Single(e => e.Kind == "moved").PlanId, Is.EqualTo(plan.PlanId));
        Assert.That(((SimulatedZoneProvider)_liuzhou.Provider).Holds(id), Is.True);
        Assert.That(((SimulatedZoneProvider)_nanning.Provider).Holds(id), Is.False);

        // And back: 南宁 only again. While 南宁 stays over its target the round says the workload must leave and no zone
        // can take it; once room is freed in 南宁 the next round brings it home.
        await _operations.SetWorkloadIntentAsync(new SetWorkloadIntentRequest
        {
            Selector = new WorkloadSelector { WorkloadIds = { id } },
            Patch = new IntentPatch { AllowedRegions = new RegionList { Codes = { "4501" } } },
        });
        await StateAsync(id, LedgerState.Violating);
        Plan? stuck = null;
        await Eventually.HoldsAsync(
            async () => (stuck = (await _operations.ProposeRebalanceAsync(new ProposeRebalanceRequest { DryRun = true })).Plan) is not null,
            "a round once the zones the last plan touched have reported after it");
        Assert.That(stuck!.Notes.Select(n => n.English), Has.Some.Contains($"workload {id} must leave zone {Liuzhou} but no zone can take it"));

        var nanning = (SimulatedZoneProvider)_nanning.Provider;
        foreach (var other in nanning.WorkloadIds().Skip(2))
        {
            await nanning.ExecuteAsync(new CloudGov.Proto.Agent.V1.Command { CommandId = $"free-{other}", Kind = CloudGov.Proto.Agent.V1.CommandKind.Remove, Workload = new Common.WorkloadSpec { WorkloadId = other } }, CancellationToken.None);
        }

        Plan back = null!;
        await Eventually.HoldsAsync(
            async () => (back = (await _operations.ProposeRebalanceAsync(new ProposeRebalanceRequest())).Plan) is not null && back.Moves.Any(m => m.WorkloadId == id),
            "a round that brings the workload home once 南宁 has room");
        var home = back.Moves.Single(m => m.WorkloadId == id);
        Assert.That((home.FromZoneId, home.ToZoneId, home.Reason.Code), Is.EqualTo((Liuzhou, Nanning, "PLACEMENT_VIOLATION")));
        if (back.State == PlanState.Proposed)
        {
            await _operations.ApprovePlanAsync(new ApprovePlanRequest { PlanId = back.PlanId, Reason = "回迁" }, TestTokens.As("张工"));
        }

        await Eventually.HoldsAsync(async () => (await _operations.GetPlanAsync(new GetPlanRequest { PlanId = back.PlanId })).Plan.State is PlanState.Completed or PlanState.PartiallyFailed,
            "the plan bringing it home to end", TimeSpan.FromSeconds(90));
        Assert.That((await StateAsync(id, LedgerState.InSync)).ZoneId, Is.EqualTo(Nanning));
        Assert.That(nanning.Holds(id), Is.True);
    }

    [Test]
    public async Task AdoptedWorkload_RegisterIntent_BecomesManagedAndMovable_UnmanagedPinnedBefore()
    {
        string adopted = ((SimulatedZoneProvider)_province.Provider).WorkloadIds()[0];
        var before = await GetAsync(adopted);
        Assert.That((before.Managed, before.Intent.Pinned, before.State), Is.EqualTo((false, true, LedgerState.Unmanaged)));
        Assert.That(before.History.First().Kind, Is.EqualTo("adopted"));

        // Registering an unmanaged workload without its residency and plane is refused, field by field, and changes nothing.
        var incomplete = await Assert.ThrowsAsync<RpcException>(async () => await _operations.SetWorkloadIntentAsync(new SetWorkloadIntentRequest
        {
            Selector = new WorkloadSelector { WorkloadIds = { adopted } },
            Patch = new IntentPatch { Priority = 5 },
        }));
        Assert.That(incomplete!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(incomplete.Message, Does.Contain("unmanaged").And.Contain("patch.allowed_regions"));
        Assert.That((await GetAsync(adopted)).Managed, Is.False);

        await _operations.SetWorkloadIntentAsync(new SetWorkloadIntentRequest
        {
            Selector = new WorkloadSelector { WorkloadIds = { adopted } },
            Patch = new IntentPatch { AllowedRegions = new RegionList { Codes = { "45" } }, NetworkPlane = Common.NetworkPlane.EgovExtranet, Project = "数字广西二期" },
        });
        var registered = await StateAsync(adopted, LedgerState.InSync);
        Assert.That((registered.Managed, registered.Intent.Pinned, registered.Intent.Project), Is.EqualTo((true, false, "数字广西二期")));
        Assert.That(registered.History.Select(e => e.Kind), Does.Contain("registered"));

        var view = await _operations.GetLedgerViewAsync(new GetLedgerViewRequest { GroupBy = LedgerGrouping.Project });
        Assert.That(view.Groups.Single(g => g.Key == "数字广西二期").ZoneIds, Is.EqualTo(new[] { Province }));
    }

    [Test]
    public async Task ReconciliationStates_MissingAndDrifted_ReachedAndLeft()
    {
        string id = "nn-dsj-ldg-e2e-02";
        await _operations.PlaceWorkloadAsync(Place(id, "45"));
        var record = await StateAsync(id, LedgerState.InSync);
        var home = Provider(record.ZoneId);
        var elsewhere = Provider(record.ZoneId == Liuzhou ? Province : Liuzhou);
        var spec = new Common.WorkloadSpec { WorkloadId = id, TenantId = "nn-dsj", Requests = record.Intent.Requests, MlpsLevel = record.Intent.MlpsLevel };

        // Someone starts a copy in another zone behind CloudGov's back: drifted; they remove it: in sync again.
        await elsewhere.ExecuteAsync(new CloudGov.Proto.Agent.V1.Command { CommandId = $"{id}-rogue", Kind = CloudGov.Proto.Agent.V1.CommandKind.Place, Workload = spec }, CancellationToken.None);
        Assert.That((await StateAsync(id, LedgerState.Drifted)).StateDetail, Does.Contain("also reported by"));
        await elsewhere.ExecuteAsync(new CloudGov.Proto.Agent.V1.Command { CommandId = $"{id}-rogue-rm", Kind = CloudGov.Proto.Agent.V1.CommandKind.Remove, Workload = spec }, CancellationToken.None);
        await StateAsync(id, LedgerState.InSync);

        // It disappears from its zone: missing after three reports; it comes back: in sync.
        await home.ExecuteAsync(new CloudGov.Proto.Agent.V1.Command { CommandId = $"{id}-gone", Kind = CloudGov.Proto.Agent.V1.CommandKind.Remove, Workload = spec }, CancellationToken.None);
        Assert.That((await StateAsync(id, LedgerState.Missing)).StateDetail, Does.Contain("stopped reporting"));
        await home.ExecuteAsync(new CloudGov.Proto.Agent.V1.Command { CommandId = $"{id}-back", Kind = CloudGov.Proto.Agent.V1.CommandKind.Place, Workload = spec }, CancellationToken.None);
        await StateAsync(id, LedgerState.InSync);

        // ListZones serves the ledger counts stale-while-refreshing: the in-sync count shows once a refresh has run.
        await Eventually.HoldsAsync(
            async () => (await _operations.ListZonesAsync(new ListZonesRequest())).Zones.Single(z => z.ZoneId == record.ZoneId).WorkloadsByLedgerState.GetValueOrDefault("IN_SYNC") >= 1,
            "ListZones to count the zone's in-sync workload");
        var zones = await _operations.ListZonesAsync(new ListZonesRequest());
        var zone = zones.Zones.Single(z => z.ZoneId == record.ZoneId);
        Assert.That(zone.Allocatable.CpuMillicores, Is.GreaterThan(0));
        Assert.That(zone.RequestedRatio.Cpu, Is.EqualTo((double)zone.Requested.CpuMillicores / zone.Allocatable.CpuMillicores).Within(1e-9));
        Assert.That(zone.TargetUtilization, Is.GreaterThan(0));
        using var http = new HttpClient { BaseAddress = _controlPlane.HttpAddress };
        await Eventually.HoldsAsync(async () => (await http.GetStringAsync("/metrics")).Contains($"cloudgov_ledger_workloads{{zone=\"{Nanning}\",state=\"unmanaged\"}}", StringComparison.Ordinal),
            "the ledger gauge to show 南宁's unmanaged workloads");
    }

    [Test]
    public async Task RegistrationBeforeTheReport_RecordCreatedPending_ThenInSyncWhereTheZoneReportsIt()
    {
        string id = "nn-dsj-ldg-e2e-03";
        await _operations.SetWorkloadIntentAsync(new SetWorkloadIntentRequest
        {
            Selector = new WorkloadSelector { WorkloadIds = { id } },
            Patch = new IntentPatch
            {
                TenantId = "nn-dsj",
                MlpsLevel = Common.MlpsLevel._2,
                AllowedRegions = new RegionList { Codes = { "4502" } },
                NetworkPlane = Common.NetworkPlane.EgovExtranet,
                Requests = new Common.ResourceVector { CpuMillicores = 2000, MemoryMib = 4096, StorageGib = 100 },
            },
        });
        Assert.That((await GetAsync(id)).State, Is.EqualTo(LedgerState.Pending));

        // The zone's report of the workload arrives after its registration: the record is kept, and its zone is set.
        var spec = new Common.WorkloadSpec { WorkloadId = id, TenantId = "nn-dsj", MlpsLevel = Common.MlpsLevel._2, Requests = new Common.ResourceVector { CpuMillicores = 2000, MemoryMib = 4096, StorageGib = 100 } };
        await _liuzhou.Provider.ExecuteAsync(new CloudGov.Proto.Agent.V1.Command { CommandId = $"{id}-p", Kind = CloudGov.Proto.Agent.V1.CommandKind.Place, Workload = spec }, CancellationToken.None);
        var record = await StateAsync(id, LedgerState.InSync);
        Assert.That((record.Managed, record.ZoneId, record.Intent.AllowedRegions.Single()), Is.EqualTo((true, Liuzhou, "4502")));
    }

    [Test]
    public async Task BadLedgerInput_InvalidArgumentWithFieldViolations_NothingChanges()
    {
        var bad = await Assert.ThrowsAsync<RpcException>(async () => await _operations.SetWorkloadIntentAsync(new SetWorkloadIntentRequest
        {
            Selector = new WorkloadSelector { TenantId = "has space", ZoneId = "Bad Zone!" },
            Patch = new IntentPatch { AllowedRegions = new RegionList { Codes = { "45x" } }, Priority = 5000, MigrationCost = -1 },
        }));
        Assert.That(bad!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        var details = Google.Rpc.Status.Parser.ParseFrom(bad.Trailers.GetValueBytes("grpc-status-details-bin"));
        var fields = details.Details.Single().Unpack<Google.Rpc.BadRequest>().FieldViolations.Select(v => v.Field).ToList();
        Assert.That(fields, Is.SupersetOf(new[] { "selector.tenant_id", "selector.zone_id", "patch.allowed_regions.codes[0]", "patch.priority", "patch.migration_cost" }));

        var notFound = await Assert.ThrowsAsync<RpcException>(async () => await _operations.GetWorkloadAsync(new GetWorkloadRequest { WorkloadId = "nobody-has-this" }));
        Assert.That(notFound!.StatusCode, Is.EqualTo(StatusCode.NotFound));
        var longId = await Assert.ThrowsAsync<RpcException>(async () => await _operations.GetWorkloadAsync(new GetWorkloadRequest { WorkloadId = new string('x', 5000) }));
        Assert.That(longId!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(longId.Status.Detail.Length, Is.LessThan(300), "never the whole bad value echoed back");
        var page = await Assert.ThrowsAsync<RpcException>(async () => await _operations.ListWorkloadsAsync(new ListWorkloadsRequest { PageSize = 5000 }));
        Assert.That(page!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
    }

    [Test]
    public async Task ListWorkloads_PagedByIdAcrossShards_EveryRecordOnce()
    {
        var seen = new List<string>();
        string token = string.Empty;
        do
        {
            var page = await _operations.ListWorkloadsAsync(new ListWorkloadsRequest { PageSize = 7, PageToken = token });
            Assert.That(page.Workloads, Has.Count.LessThanOrEqualTo(7));
            seen.AddRange(page.Workloads.Select(w => w.WorkloadId));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.That(seen, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
        Assert.That(seen, Is.Unique);
        foreach (var id in ((SimulatedZoneProvider)_nanning.Provider).WorkloadIds())
        {
            Assert.That(seen, Does.Contain(id));
        }
    }

    private SimulatedZoneProvider Provider(string zoneId) => (SimulatedZoneProvider)(zoneId switch
    {
        Nanning => _nanning.Provider,
        Province => _province.Provider,
        _ => _liuzhou.Provider,
    });

    private static PlaceWorkloadRequest Place(string id, string region) => new()
    {
        WorkloadId = id,
        TenantId = "nn-dsj",
        System = "一网通办",
        Project = "数字政府一期",
        Requests = new Common.ResourceVector { CpuMillicores = 4000, MemoryMib = 8192, StorageGib = 100 },
        MlpsLevel = Common.MlpsLevel._2,
        NetworkPlane = Common.NetworkPlane.EgovExtranet,
        AllowedRegions = { region },
    };

    private async Task<WorkloadRecord> GetAsync(string id) => (await _operations.GetWorkloadAsync(new GetWorkloadRequest { WorkloadId = id })).Workload;

    private async Task<WorkloadRecord> StateAsync(string id, LedgerState state)
    {
        await Eventually.HoldsAsync(async () => (await GetAsync(id)).State == state, $"{id} to be {state} in the ledger", TimeSpan.FromSeconds(30));
        return await GetAsync(id);
    }

    private async Task<List<WorkloadRecord>> ListAsync(ListWorkloadsRequest request)
    {
        var all = new List<WorkloadRecord>();
        request.PageSize = 1000;
        do
        {
            var page = await _operations.ListWorkloadsAsync(request);
            all.AddRange(page.Workloads);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        return all;
    }
}
