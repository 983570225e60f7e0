using CloudGov.Agent.Providers;
using CloudGov.ControlPlane.Grains.Plans;
using Microsoft.Extensions.DependencyInjection;
using CloudGov.Proto.Baseline.V1;
using CloudGov.Proto.Operations.V1;
using CloudGov.Testing.Identity;
using Common = CloudGov.Proto.Common.V1;
using DomainPlans = CloudGov.ControlPlane.Abstractions.Plans;

namespace CloudGov.EndToEnd.Tests.Baselines;

/// <summary>
/// The baseline's actions on plans, with a real host and real simulated agents over mutual TLS: a zone made to violate an
/// enforced rule whose action is to evacuate it gets a proposed plan (trigger baseline) whose moves empty it of its movable
/// workloads (pinned ones stay, the notes say so), and approving it completes; a plan move whose target applies another
/// access-control policy than the workload's rolls back (the workload stays in the source, plan and ledger say why, a finding
/// is raised) while a move to a zone applying it completes.
/// </summary>
public sealed class EvacuationEndToEndTests
{
    private const string EvacuateRule = "gx-evacuate-unencrypted";

    private static readonly Common.AccessPolicy Https = new() { Ingress = { new Common.AccessRule { Protocol = Common.AccessProtocol.Tcp, PortFrom = 443, PortTo = 443, SourceCidr = "10.0.0.0/8" } } };

    private string _rules = null!;

    [OneTimeSetUp]
    public void WriteRules()
    {
        _rules = Path.Combine(Path.GetTempPath(), $"cloudgov-evacuate-{Guid.NewGuid():N}.json");
        File.WriteAllText(_rules, $$"""
            { "rules": [ {
              "id": "{{EvacuateRule}}", "title": "Unencrypted zones are evacuated", "reference": "桂政办 drill",
              "subject": "zone", "fact": "storage.encryption_at_rest", "operator": "equals", "value": "enabled",
              "levels": [1, 2, 3, 4], "severity": "critical", "mode": "enforce", "action": "evacuate",
              "remediation": { "zh": "启用存储加密。", "en": "Encrypt the zone's storage." } } ] }
            """);
    }

    [OneTimeTearDown]
    public void DeleteRules() => File.Delete(_rules);

    [Test]
    public async Task EvacuateRule_ZoneViolatesIt_PlanProposedThatEmptiesItPinnedStayApprovedPlanCompletes()
    {
        await using var host = await StartHostAsync();
        await using var src = await StartSourceAsync(host, "gx-e2e-evac-src", workloads: 6, intentShare: "0.5");
        await using var dst = await StartHavenAsync(host, "gx-e2e-evac-haven");
        var operations = new OperationsService.OperationsServiceClient(host.Channel);
        await ReadyAsync(operations, "gx-e2e-evac-src", "gx-e2e-evac-haven");
        var before = (await operations.GetZoneAsync(new GetZoneRequest { ZoneId = "gx-e2e-evac-src" })).Workloads.Select(w => w.WorkloadId).ToHashSet();

        ((SimulatedZoneProvider)src.Provider).Violate("encryption-at-rest");
        var plan = await ProposedAsync(operations);

        var evacuations = plan.Moves.Where(m => m.FromZoneId == "gx-e2e-evac-src").ToList();
        Assert.That(evacuations, Is.Not.Empty, Describe(plan));
        Assert.That(evacuations.Select(m => m.Reason.Code), Has.All.EqualTo("ZONE_BASELINE_EVACUATION"));
        Assert.That(evacuations.Select(m => m.ToZoneId), Has.All.EqualTo("gx-e2e-evac-haven"));
        Assert.That(evacuations[0].Reason.English, Does.Contain(EvacuateRule));
        Assert.That(plan.History[0].Reason, Does.Contain("evacuation of zone gx-e2e-evac-src").And.Contain(EvacuateRule));
        int pinned = before.Count - evacuations.Count;
        Assert.That(pinned, Is.GreaterThan(0), "half the simulated workloads declare no intent: adopted unmanaged, pinned");
        Assert.That(plan.Notes.Select(n => n.English), Has.Some.Contain($"{pinned} pinned workload(s) stay"));
        var refused = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () => await operations.PlaceWorkloadAsync(
            new PlaceWorkloadRequest(Place("nn-e2e-evac-new", ["450102"])) { DryRun = true }));
        Assert.That(refused!.Status.Detail, Does.Contain("gx-e2e-evac-src"), "the zone receives nothing while evacuated");
        using (var http = new HttpClient { BaseAddress = host.HttpAddress })
        {
            Assert.That(await http.GetStringAsync("/metrics"), Does.Match("cloudgov_plan_rounds_total\\{trigger=\"baseline\",outcome=\"proposed\"\\} [1-9]"), "the baseline's round is counted like any other");
        }

        await operations.ApprovePlanAsync(new ApprovePlanRequest { PlanId = plan.PlanId, Reason = "基线处置" }, TestTokens.As("张工"));
        var done = await EndedAsync(operations, plan.PlanId);

        Assert.That(done.State, Is.EqualTo(PlanState.Completed), Describe(done));
        var srcProvider = (SimulatedZoneProvider)src.Provider;
        Assert.That(evacuations.Select(m => srcProvider.Holds(m.WorkloadId)), Has.All.False, "every movable workload left");
        Assert.That(evacuations.Select(m => ((SimulatedZoneProvider)dst.Provider).Holds(m.WorkloadId)), Has.All.True);
        await Eventually.HoldsAsync(
            async () => (await operations.GetZoneAsync(new GetZoneRequest { ZoneId = "gx-e2e-evac-src" })).Workloads.Count == pinned,
            "the evacuated zone to report only its pinned workloads");
    }

    [Test]
    public async Task EvacuationRoundRunning_BaselineReadsAnswerMeanwhileFromWhatIsStored()
    {
        // The baseline grain asks the rebalancer for the evacuation round and waits for it; the round is held here (its
        // end is told to observers inside the rebalancer's turn) to stand for a round that takes seconds in a large cloud.
        using var hold = new RoundHold(DomainPlans.PlanTrigger.Baseline);
        await using var host = await StartHostAsync(hold);
        await using var src = await StartSourceAsync(host, "gx-e2e-hold-src", workloads: 4, intentShare: null);
        await using var dst = await StartHavenAsync(host, "gx-e2e-hold-haven");
        var operations = new OperationsService.OperationsServiceClient(host.Channel);
        var baseline = new BaselineService.BaselineServiceClient(host.Channel);
        await ReadyAsync(operations, "gx-e2e-hold-src", "gx-e2e-hold-haven");

        ((SimulatedZoneProvider)src.Provider).Violate("encryption-at-rest");
        Assert.That(await hold.Entered.WaitAsync(TimeSpan.FromSeconds(60)).ContinueWith(t => t.IsCompletedSuccessfully), Is.True, "the baseline's evacuation round to run");

        // Before the reads interleaved, these waited for the held round and ran into their deadline.
        var findings = await baseline.ListFindingsAsync(
            new ListFindingsRequest { RuleId = EvacuateRule, State = FindingState.Open },
            deadline: DateTime.UtcNow.AddSeconds(15));
        var scores = await baseline.GetComplianceScoresAsync(new GetComplianceScoresRequest(), deadline: DateTime.UtcNow.AddSeconds(15));
        Assert.That(findings.Findings.Select(f => f.ZoneId), Does.Contain("gx-e2e-hold-src"), "the finding that asked for the round, read while it runs");
        Assert.That(scores.Zones.Select(z => z.ZoneId), Does.Contain("gx-e2e-hold-src"));

        hold.Release();
        var plan = await ProposedAsync(operations);
        Assert.That(plan.Moves.Where(m => m.FromZoneId == "gx-e2e-hold-src"), Is.Not.Empty, Describe(plan));
    }

    /// <summary>Holds the end of the first round of one trigger (inside the rebalancer's turn) until released.</summary>
    private sealed class RoundHold(DomainPlans.PlanTrigger trigger) : IPlanExecutionObserver, IDisposable
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ManualResetEventSlim _released = new();
        private int _held;

        public Task Entered => _entered.Task;

        public void Release() => _released.Set();

        public void RoundFinished(DomainPlans.PlanTrigger finished, DomainPlans.RebalanceRoundResult round, bool dryRun)
        {
            if (finished == trigger && Interlocked.Exchange(ref _held, 1) == 0)
            {
                _entered.TrySetResult();
                _released.Wait(TimeSpan.FromSeconds(60));
            }
        }

        public void MoveFinished(DomainPlans.PlanRecord plan, DomainPlans.PlanMove move)
        {
        }

        public void PlanFinished(DomainPlans.PlanRecord plan)
        {
        }

        public void Dispose()
        {
            _released.Set();
            _released.Dispose();
        }
    }

    [Test]
    public async Task PlanMove_TargetAppliesAnotherAccessPolicy_RolledBackRecordedAndFindingRaisedMatchingMoveCompletes()
    {
        await using var host = await StartHostAsync();
        var source = AgentProcess.ZoneSettings(host.AgentAddress, "gx-e2e-acl-src", workloads: 1);
        source["Agent:Zone:RegionCode"] = "450104";
        source["Agent:Simulation:IntentShare"] = "0";
        await using var src = await AgentProcess.StartAsync(source);
        var operations = new OperationsService.OperationsServiceClient(host.Channel);
        await ReadyAsync(operations, "gx-e2e-acl-src");

        // Placed while the source is the only zone; each may later go to one destination only (its residency).
        var toBad = await operations.PlaceWorkloadAsync(Place("nn-e2e-acl-bad", ["450104", "450106"]));
        var toGood = await operations.PlaceWorkloadAsync(Place("nn-e2e-acl-good", ["450104", "450105"]));
        Assert.That((toBad.ZoneId, toGood.ZoneId), Is.EqualTo(("gx-e2e-acl-src", "gx-e2e-acl-src")));
        var srcProvider = (SimulatedZoneProvider)src.Provider;
        await Eventually.HoldsAsync(
            async () => (await operations.GetZoneAsync(new GetZoneRequest { ZoneId = "gx-e2e-acl-src" })).Workloads.Count(w => w.WorkloadId.StartsWith("nn-e2e-acl-", StringComparison.Ordinal)) == 2,
            "the source to report both placed workloads");

        var good = AgentProcess.ZoneSettings(host.AgentAddress, "gx-e2e-acl-good", workloads: 1);
        good["Agent:Zone:RegionCode"] = "450105";
        var bad = AgentProcess.ZoneSettings(host.AgentAddress, "gx-e2e-acl-bad", workloads: 1);
        bad["Agent:Zone:RegionCode"] = "450106";
        bad["Agent:Simulation:MisapplyAccessPolicy"] = "true";
        await using var goodAgent = await AgentProcess.StartAsync(good);
        await using var badAgent = await AgentProcess.StartAsync(bad);
        await ReadyAsync(operations, "gx-e2e-acl-src", "gx-e2e-acl-good", "gx-e2e-acl-bad");

        srcProvider.Violate("encryption-at-rest");
        var plan = await ProposedAsync(operations);
        Assert.That(plan.Moves.Select(m => (m.WorkloadId, m.ToZoneId)), Does.Contain(("nn-e2e-acl-bad", "gx-e2e-acl-bad")).And.Contain(("nn-e2e-acl-good", "gx-e2e-acl-good")), Describe(plan));
        await operations.ApprovePlanAsync(new ApprovePlanRequest { PlanId = plan.PlanId, Reason = "基线处置" }, TestTokens.As("张工"));
        var done = await EndedAsync(operations, plan.PlanId);

        var rolledBack = done.Moves.Single(m => m.WorkloadId == "nn-e2e-acl-bad");
        Assert.That(rolledBack.State, Is.EqualTo(MoveState.RolledBack), Describe(done));
        Assert.That(rolledBack.Message, Does.Contain("access-policy-follows-migration").And.Contain("0.0.0.0/0"));
        Assert.That(done.Moves.Single(m => m.WorkloadId == "nn-e2e-acl-good").State, Is.EqualTo(MoveState.Completed), Describe(done));
        Assert.That((srcProvider.Holds("nn-e2e-acl-bad"), ((SimulatedZoneProvider)badAgent.Provider).Holds("nn-e2e-acl-bad")), Is.EqualTo((true, false)), "the mismatched workload stays at the source only");
        Assert.That((srcProvider.Holds("nn-e2e-acl-good"), ((SimulatedZoneProvider)goodAgent.Provider).Holds("nn-e2e-acl-good")), Is.EqualTo((false, true)));

        var ledger = (await operations.GetWorkloadAsync(new GetWorkloadRequest { WorkloadId = "nn-e2e-acl-bad" })).Workload;
        Assert.That(ledger.ZoneId, Is.EqualTo("gx-e2e-acl-src"));
        Assert.That(ledger.History.Select(e => e.Detail), Has.Some.Contain("access-policy-follows-migration"), "the ledger records why the move ended");

        var baseline = new BaselineService.BaselineServiceClient(host.Channel);
        await Eventually.HoldsAsync(
            async () => (await baseline.ListFindingsAsync(new ListFindingsRequest { ZoneId = "gx-e2e-acl-bad", RuleId = "access-policy-follows-migration" })).Findings.Count == 1,
            "a finding against the zone that applied the wrong policy");
        var finding = (await baseline.ListFindingsAsync(new ListFindingsRequest { ZoneId = "gx-e2e-acl-bad", RuleId = "access-policy-follows-migration" })).Findings.Single();
        Assert.That(finding.WorkloadId, Is.EqualTo("nn-e2e-acl-bad"));
        Assert.That(finding.Evidence.Single().Observed, Does.Contain("0.0.0.0/0"));
        Assert.That(finding.Evidence.Single().Expected, Does.Contain("10.0.0.0/8"));
    }

    private Task<ControlPlaneProcess> StartHostAsync(IPlanExecutionObserver? observer = null)
    {
        var settings = ControlPlaneProcess.FastPlanSettings();
        settings["Baselines:Enabled"] = "true";
        settings["Baselines:CustomRulesPath"] = _rules;
        return observer is null
            ? ControlPlaneProcess.StartAsync(settings)
            : ControlPlaneProcess.StartAsync(settings, builder => builder.Services.AddSingleton(observer));
    }

    /// <summary>The zone to evacuate (region 450102); <paramref name="intentShare"/> of its workloads declare an intent, the rest are pinned.</summary>
    private static Task<AgentProcess> StartSourceAsync(ControlPlaneProcess host, string zoneId, int workloads, string? intentShare)
    {
        var source = AgentProcess.ZoneSettings(host.AgentAddress, zoneId, workloads);
        source["Agent:Zone:RegionCode"] = "450102";
        if (intentShare is not null)
        {
            source["Agent:Simulation:IntentShare"] = intentShare;
        }

        return AgentProcess.StartAsync(source);
    }

    /// <summary>A zone with room that takes the evacuated workloads (region 450103).</summary>
    private static Task<AgentProcess> StartHavenAsync(ControlPlaneProcess host, string zoneId)
    {
        var haven = AgentProcess.ZoneSettings(host.AgentAddress, zoneId, workloads: 2);
        haven["Agent:Zone:RegionCode"] = "450103";
        haven["Agent:Simulation:Seed"] = "7";
        return AgentProcess.StartAsync(haven);
    }

    private static PlaceWorkloadRequest Place(string id, string[] regions) => new()
    {
        WorkloadId = id,
        TenantId = "nn-dsj",
        Requests = new Common.ResourceVector { CpuMillicores = 500, MemoryMib = 512, StorageGib = 5 },
        MlpsLevel = Common.MlpsLevel._2,
        NetworkPlane = Common.NetworkPlane.EgovExtranet,
        AllowedRegions = { regions },
        AccessPolicy = Https,
    };

    private static async Task ReadyAsync(OperationsService.OperationsServiceClient operations, params string[] zones) =>
        await Eventually.HoldsAsync(
            async () => (await operations.ListZonesAsync(new ListZonesRequest())).Zones.Count(z => zones.Contains(z.ZoneId) && z.WorkloadCount > 0 && z.Status == Common.ZoneStatus.Ready) == zones.Length,
            $"zones {string.Join(", ", zones)} to report Ready with their workloads");

    private static async Task<Plan> ProposedAsync(OperationsService.OperationsServiceClient operations)
    {
        await Eventually.HoldsAsync(
            async () => (await operations.ListPlansAsync(new ListPlansRequest())).Plans.Any(p => p.Trigger == PlanTrigger.Baseline && p.State == PlanState.Proposed),
            "the baseline to propose an evacuation plan");
        return (await operations.ListPlansAsync(new ListPlansRequest())).Plans.First(p => p.Trigger == PlanTrigger.Baseline && p.State == PlanState.Proposed);
    }

    private static async Task<Plan> EndedAsync(OperationsService.OperationsServiceClient operations, string planId)
    {
        await Eventually.HoldsAsync(
            async () => (await operations.GetPlanAsync(new GetPlanRequest { PlanId = planId })).Plan.State is PlanState.Completed or PlanState.PartiallyFailed or PlanState.Cancelled,
            $"plan {planId} to end",
            TimeSpan.FromSeconds(90));
        return (await operations.GetPlanAsync(new GetPlanRequest { PlanId = planId })).Plan;
    }

    private static string Describe(Plan plan) =>
        string.Join("\n", plan.Moves.Select(m => $"{m.Index} {m.WorkloadId} {m.FromZoneId}->{m.ToZoneId} {m.State} {m.Reason?.Code}: {m.Message}"))
        + "\nnotes: " + string.Join(" | ", plan.Notes.Select(n => n.English));
}
