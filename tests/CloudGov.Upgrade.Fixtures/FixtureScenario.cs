using System.Diagnostics;
using CloudGov.ControlPlane.Abstractions.Zones;
using CloudGov.Proto.Operations.V1;
using Common = CloudGov.Proto.Common.V1;
using CloudGov.Testing.Identity;

namespace CloudGov.Upgrade.Fixtures;

/// <summary>
/// Drives a fresh control plane into the fixture's state through the public gRPC API (raw agent streams and the
/// operations API), then reads back what a later build must find. Fails loudly when the state is not the one designed
/// (e.g. a rebalance without moves), so a fixture never silently loses what it is meant to cover.
/// </summary>
internal static class FixtureScenario
{
    public const string RegisteredWorkload = "upg-registered-nn-dsj";
    public const string PlacedWorkload = "upg-placed-gx-zwfw";

    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(30);

    public static async Task<FixtureExpectation> RunAsync(FixtureHost host, string storage, string file)
    {
        var operations = new OperationsService.OperationsServiceClient(host.Channel);
        var agents = new Dictionary<string, FakeAgent>(StringComparer.Ordinal);
        string placedZone;
        string placedCommand;
        DateTimeOffset placedDeadline;
        try
        {
            foreach (var zone in FixtureZones.All)
            {
                agents[zone.ZoneId] = await FakeAgent.ConnectAsync(host.AgentChannel(zone.ZoneId), FixtureZones.Hello(zone));
            }

            // Every report but the last: the ledger adopts the workloads, managed where their labels declare an intent.
            foreach (var zone in FixtureZones.All)
            {
                for (ulong sequence = 1; sequence < (ulong)zone.Reports; sequence++)
                {
                    await agents[zone.ZoneId].ReportAsync(FixtureZones.Report(zone, sequence));
                }
            }

            var reported = FixtureZones.All.SelectMany(z => z.Workloads).ToDictionary(w => w.WorkloadId, StringComparer.Ordinal);
            await UntilAsync(async () =>
            {
                var records = await ListWorkloadsAsync(operations);
                return reported.Keys.All(id => records.Any(r => r.WorkloadId == id && r.Observed.Count == 1));
            }, "the ledger to adopt every reported workload");
            await UntilAsync(async () =>
            {
                var zones = (await operations.ListZonesAsync(new ListZonesRequest(), deadline: Deadline())).Zones;
                return FixtureZones.All.All(f => zones.Any(z => z.ZoneId == f.ZoneId && z.LastSequence == (ulong)f.Reports - 1 && z.WorkloadCount == f.Workloads.Count));
            }, "every zone listed with its reports");

            // An operator registers a workload nobody reported yet (a record without a zone).
            var registration = await operations.SetWorkloadIntentAsync(new SetWorkloadIntentRequest
            {
                Selector = new WorkloadSelector { WorkloadIds = { RegisteredWorkload } },
                Patch = new IntentPatch
                {
                    TenantId = "nn-dsj",
                    System = "城市大脑",
                    Project = "数字南宁",
                    MlpsLevel = Common.MlpsLevel._2,
                    AllowedRegions = new RegionList { Codes = { "4501" } },
                    NetworkPlane = Common.NetworkPlane.EgovExtranet,
                    Priority = 100,
                    Requests = new Common.ResourceVector { CpuMillicores = 1000, MemoryMib = 2048, StorageGib = 100 },
                    SetLabels = { ["app"] = "city-brain" },
                },
                Reason = "登记新系统",
            }, TestTokens.As("王工"), deadline: Deadline());
            Require(registration.Changed == 1 && registration.Changes.Single().Registers, "the registration to create one record");

            // A placement whose place command the agent never answers: it stays pending in its zone.
            var placement = await operations.PlaceWorkloadAsync(new PlaceWorkloadRequest
            {
                WorkloadId = PlacedWorkload,
                TenantId = "gx-zwfw",
                System = "一网通办",
                Project = "数字广西",
                Requests = new Common.ResourceVector { CpuMillicores = 2000, MemoryMib = 4096, StorageGib = 100 },
                MlpsLevel = Common.MlpsLevel._3,
                NetworkPlane = Common.NetworkPlane.EgovExtranet,
                AllowedRegions = { "45" },
                Labels = { ["app"] = "zwfw-portal" },
            }, deadline: Deadline());
            Require(placement.CommandId.Length > 0, "the placement to send a place command");
            placedZone = placement.ZoneId;
            placedCommand = placement.CommandId;
            placedDeadline = placement.CommandDeadline.ToDateTimeOffset();

            // Two plans for the hot city zone: the first cancelled by an operator, the second left Proposed.
            var first = await operations.ProposeRebalanceAsync(new ProposeRebalanceRequest(), deadline: Deadline());
            Require(first.Stored && first.Plan.Moves.Count > 0, $"the first rebalance to store a plan with moves (skipped: '{first.SkippedReason}'; {Describe(first.Plan)})");
            await operations.CancelPlanAsync(new CancelPlanRequest { PlanId = first.Plan.PlanId, Reason = "变更冻结期，不执行" }, TestTokens.As("李工"), deadline: Deadline());
            var second = await operations.ProposeRebalanceAsync(new ProposeRebalanceRequest(), deadline: Deadline());
            Require(second.Stored && second.Plan.Moves.Count > 0 && second.Plan.State == PlanState.Proposed,
                $"the second rebalance to store a Proposed plan with moves (skipped: '{second.SkippedReason}')");

            // The last report changes utilization only: written behind (here when the agents disconnect below).
            foreach (var zone in FixtureZones.All)
            {
                await agents[zone.ZoneId].ReportAsync(FixtureZones.Report(zone, (ulong)zone.Reports));
            }

            await UntilAsync(async () =>
            {
                foreach (var zone in FixtureZones.All)
                {
                    var detail = await operations.GetZoneAsync(new GetZoneRequest { ZoneId = zone.ZoneId }, deadline: Deadline());
                    if (detail.Zone.LastSequence != (ulong)zone.Reports)
                    {
                        return false;
                    }
                }

                return true;
            }, "every zone to apply its last report");
            await UntilAsync(() => Task.FromResult(agents[placedZone].Commands.ContainsKey(placedCommand)), $"zone {placedZone}'s agent to receive the place command");
        }
        finally
        {
            foreach (var agent in agents.Values)
            {
                await agent.DisposeAsync();
            }
        }

        await UntilAsync(async () => (await operations.ListZonesAsync(new ListZonesRequest(), deadline: Deadline())).Zones.All(z => !z.AgentConnected),
            "every zone to show its agent gone");
        await QuotaScenario.RunAsync(host);
        return await ReadBackAsync(host, operations, storage, file, placedZone, placedCommand, placedDeadline);
    }

    private static async Task<FixtureExpectation> ReadBackAsync(FixtureHost host, OperationsService.OperationsServiceClient operations, string storage, string file, string placedZone, string placedCommand, DateTimeOffset placedDeadline)
    {
        var listed = (await operations.ListZonesAsync(new ListZonesRequest(), deadline: Deadline())).Zones.ToDictionary(z => z.ZoneId, StringComparer.Ordinal);
        var zones = new List<ZoneExpectation>();
        foreach (var fixture in FixtureZones.All)
        {
            var detail = await operations.GetZoneAsync(new GetZoneRequest { ZoneId = fixture.ZoneId }, deadline: Deadline());
            var z = detail.Zone;
            Require(listed[fixture.ZoneId].LastSequence == z.LastSequence, $"the one-cloud index to list zone {fixture.ZoneId} at sequence {z.LastSequence}");
            zones.Add(new ZoneExpectation(
                z.ZoneId, z.DisplayName, ProtoNames.Of(z.AdministrativeLevel), z.RegionCode, ProtoNames.Of(z.MlpsLevel), ProtoNames.Of(z.NetworkPlane),
                z.LastSequence, [.. detail.Workloads.Select(w => w.WorkloadId)]));
        }

        var records = await ListWorkloadsAsync(operations);
        int expectedRecords = FixtureZones.All.Sum(z => z.Workloads.Count) + 2;
        Require(records.Count == expectedRecords, $"the ledger to hold {expectedRecords} records, found {records.Count}");
        Require(records.Count(r => r.Managed) == 8, "8 managed records (6 adopted with intent labels, the registered one and the placed one)");
        Require(records.Single(r => r.WorkloadId == PlacedWorkload).State == LedgerState.Pending, "the placed record Pending");
        var workloads = records.Select(r => ToExpectation(r, r.WorkloadId == PlacedWorkload ? placedDeadline : null)).ToList();

        var plans = new List<PlanExpectation>();
        foreach (var listedPlan in (await operations.ListPlansAsync(new ListPlansRequest(), deadline: Deadline())).Plans)
        {
            var plan = (await operations.GetPlanAsync(new GetPlanRequest { PlanId = listedPlan.PlanId }, deadline: Deadline())).Plan;
            plans.Add(new PlanExpectation(
                plan.PlanId, ProtoNames.Of(plan.State), plan.ProposedAt.ToDateTimeOffset(), plan.ExpiresAt.ToDateTimeOffset(), plan.Moves.Count,
                [.. plan.Moves.Select(m => new MoveExpectation(m.Index, m.WorkloadId, m.FromZoneId, m.ToZoneId, ProtoNames.Of(m.State)))],
                [.. plan.History.Select(d => new DecisionExpectation(ProtoNames.Of(d.From), ProtoNames.Of(d.To), d.By, d.At.ToDateTimeOffset(), d.Reason))]));
        }

        Require(plans.Select(p => p.State).SequenceEqual(["PLAN_STATE_PROPOSED", "PLAN_STATE_CANCELLED"]), "a Proposed plan and, older, a Cancelled one");

        var commands = new List<CommandExpectation>();
        foreach (var zone in FixtureZones.All)
        {
            foreach (var command in await host.Grains.GetGrain<IZoneGrain>(zone.ZoneId).GetPendingCommandsAsync())
            {
                commands.Add(new CommandExpectation(zone.ZoneId, command.CommandId, command.Kind.ToString(), command.WorkloadId, command.Deadline));
            }
        }

        Require(commands.Count == 1 && commands[0].CommandId == placedCommand && commands[0].ZoneId == placedZone, "exactly the place command pending");
        var (tenants, requests, audit) = await QuotaScenario.ReadBackAsync(host);
        return new FixtureExpectation(storage, file, zones, workloads, plans, commands, tenants, requests, audit);
    }

    private static WorkloadExpectation ToExpectation(WorkloadRecord r, DateTimeOffset? placing)
    {
        var i = r.Intent;
        return new WorkloadExpectation(
            r.WorkloadId,
            r.Managed,
            r.ZoneId,
            r.ZoneSince?.ToDateTimeOffset(),
            ProtoNames.Of(r.State),
            placing,
            new IntentExpectation(
                i.TenantId, i.System, i.Project, ProtoNames.Of(i.MlpsLevel), [.. i.AllowedRegions], ProtoNames.Of(i.NetworkPlane), i.Pinned, i.Priority,
                i.Requests.CpuMillicores, i.Requests.MemoryMib, i.Requests.StorageGib,
                new SortedDictionary<string, string>(i.Labels, StringComparer.Ordinal)),
            [.. r.History.Select(e => new EventExpectation(e.At.ToDateTimeOffset(), e.Kind, e.By, e.ToZoneId))]);
    }

    private static async Task<List<WorkloadRecord>> ListWorkloadsAsync(OperationsService.OperationsServiceClient operations)
    {
        var all = new List<WorkloadRecord>();
        var request = new ListWorkloadsRequest { PageSize = 1000 };
        do
        {
            var page = await operations.ListWorkloadsAsync(request, deadline: Deadline());
            all.AddRange(page.Workloads);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        return all;
    }

    private static string Describe(Plan? plan) => plan is null
        ? "no plan"
        : $"notes: {string.Join("; ", plan.Notes.Select(n => n.English))}; zones: {string.Join(", ", plan.Zones.Select(z => $"{z.ZoneId} {z.Before.Cpu:F2}->{z.After.Cpu:F2} (target {z.Target:F2})"))}";

    private static DateTime Deadline() => DateTime.UtcNow + CallDeadline;

    private static void Require(bool condition, string expectation)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"The fixture is not in the designed state: expected {expectation}.");
        }
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string expectation)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"Timed out after 60 s waiting for {expectation}.");
            }

            await Task.Delay(50);
        }
    }
}
