using System.Collections.Immutable;
using CloudGov.Cluster.Tests.Support;
using CloudGov.Cluster.Tests.Support.Upgrade;
using CloudGov.ControlPlane.Abstractions.Zones;
using CloudGov.Proto.Agent.V1;
using CloudGov.Proto.Audit.V1;
using CloudGov.Proto.Operations.V1;
using CloudGov.Proto.Tenant.V1;
using CloudGov.Testing.Identity;
using CloudGov.Upgrade.Fixtures;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Common = CloudGov.Proto.Common.V1;

namespace CloudGov.Cluster.Tests;

/// <summary>
/// Upgrades keep state: the current build, started on what an earlier release stored (every committed fixture under
/// <c>tests/fixtures/upgrade</c>: its SQLite file and its PostgreSQL dump), finds every zone with its last sequence,
/// every ledger record, every plan and every pending command the release wrote — and, from format 2, every tenant,
/// quota request and audit entry — and can go on writing. No agent runs: everything found comes from storage.
/// </summary>
[TestFixture]
public sealed class UpgradeFixtureTests
{
    /// <summary>Every database of every committed release.</summary>
    public static IEnumerable<TestCaseData> Fixtures() =>
        UpgradeFixture.Releases().SelectMany(r => r.Manifest.Fixtures.Select(f =>
            new TestCaseData(r.Release, f.Storage).SetName($"Start_{r.Release}{f.Storage}Fixture_FindsEveryZoneRecordPlanAndPendingCommand")));

    [Test]
    public void Fixtures_Committed_FirstReleaseHasSqliteAndPostgres()
    {
        var releases = UpgradeFixture.Releases().ToList();

        Assert.That(releases.Select(r => r.Release), Does.Contain("v1"), $"the fixtures are copied next to the tests ({UpgradeFixture.Root})");
        Assert.That(releases.Single(r => r.Release == "v1").Manifest.Fixtures.Select(f => f.Storage), Is.EquivalentTo(new[] { "Sqlite", "Postgres" }));
        Assert.That(releases.Select(r => r.Manifest.FormatVersion), Has.All.LessThanOrEqualTo(UpgradeManifest.CurrentFormat));
    }

    [Test]
    public void Fixtures_Committed_OneHoldsTenantsQuotaRequestsAndAuditTrailInBothStores()
    {
        var withQuota = UpgradeFixture.Releases()
            .SelectMany(r => r.Manifest.Fixtures.Where(f => f.Tenants is { Count: > 0 } && f.QuotaRequests is { Count: > 0 } && f.Audit is { Entries.Count: > 0 }).Select(f => f.Storage))
            .ToList();

        Assert.That(withQuota, Does.Contain("Sqlite").And.Contain("Postgres"), "a committed fixture (v2 on) holds tenants, quota requests and the audit trail");
    }

    [TestCaseSource(nameof(Fixtures))]
    public async Task Start_CurrentBuildOnFixture_FindsEveryZoneRecordPlanAndPendingCommand(string release, string storage)
    {
        await using var fixture = await UpgradeFixture.PrepareAsync(release, storage);
        var expected = fixture.Expected;
        await using var host = await ControlPlaneProcess.StartAsync(fixture.Settings);
        var operations = new OperationsService.OperationsServiceClient(host.Channel);

        // The ledger first: every record with its intent, zone, state and the history it had.
        var records = await Operations.ListWorkloadsAsync(host.Channel);
        var recordProblems = UpgradeComparison.Records(expected.Workloads, records, DateTimeOffset.UtcNow);
        foreach (var workload in expected.Workloads)
        {
            var read = (await FoundAsync(async () => await operations.GetWorkloadAsync(new GetWorkloadRequest { WorkloadId = workload.WorkloadId }, deadline: Deadline())))?.Workload;
            if (read is null || read.Managed != workload.Managed || read.ZoneId != workload.ZoneId)
            {
                recordProblems.Add(read is null
                    ? $"GetWorkload {workload.WorkloadId}: NotFound"
                    : $"GetWorkload {workload.WorkloadId}: managed {read.Managed}, zone '{read.ZoneId}'");
            }
        }

        // Zones as the one-cloud index lists them and as each zone grain holds them.
        var listed = (await operations.ListZonesAsync(new ListZonesRequest(), deadline: Deadline())).Zones;
        var details = new Dictionary<string, GetZoneResponse>(StringComparer.Ordinal);
        foreach (var zone in expected.Zones)
        {
            if (await FoundAsync(async () => await operations.GetZoneAsync(new GetZoneRequest { ZoneId = zone.ZoneId }, deadline: Deadline())) is { } detail)
            {
                details[zone.ZoneId] = detail;
            }
        }

        // Plans, newest first, each with its moves and decisions.
        var planProblems = new List<string>();
        var planIds = (await operations.ListPlansAsync(new ListPlansRequest(), deadline: Deadline())).Plans.Select(p => p.PlanId).ToList();
        if (!planIds.SequenceEqual(expected.Plans.Select(p => p.PlanId)))
        {
            planProblems.Add($"plans listed: expected [{string.Join(", ", expected.Plans.Select(p => p.PlanId))}], read [{string.Join(", ", planIds)}]");
        }

        foreach (var plan in expected.Plans)
        {
            var before = DateTimeOffset.UtcNow;
            var read = (await FoundAsync(async () => await operations.GetPlanAsync(new GetPlanRequest { PlanId = plan.PlanId }, deadline: Deadline())))?.Plan;
            planProblems.AddRange(UpgradeComparison.Plan(plan, read, before, DateTimeOffset.UtcNow));
        }

        // Pending commands have no RPC of their own: the zone grains hold them.
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var pending = new Dictionary<string, ImmutableArray<ZoneCommand>>(StringComparer.Ordinal);
        foreach (var zone in expected.Zones)
        {
            pending[zone.ZoneId] = await grains.GetGrain<IZoneGrain>(zone.ZoneId).GetPendingCommandsAsync();
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(recordProblems, Is.Empty, "ledger records");
            Assert.That(UpgradeComparison.Zones(expected.Zones, listed, details), Is.Empty, "zones");
            Assert.That(planProblems, Is.Empty, "plans");
            Assert.That(UpgradeComparison.Commands(expected.PendingCommands, pending), Is.Empty, "pending commands");
        }

        await AssertStillWritableAsync(host, operations, expected);
        if (expected.Tenants is not null && expected.QuotaRequests is not null && expected.Audit is not null)
        {
            await AssertQuotaAndAuditAsync(host, expected.Tenants, expected.QuotaRequests, expected.Audit);
        }
    }

    /// <summary>
    /// The hierarchy and every request with its decision read as written, the audit trail verifies and starts with every
    /// stored entry, byte for byte; and both still take writes: a retry with a stored idempotency key finds the stored
    /// request, a new request is decided against the stored allocations, and its entries chain onto the stored head.
    /// </summary>
    private static async Task AssertQuotaAndAuditAsync(ControlPlaneProcess host, IReadOnlyList<TenantExpectation> tenants, IReadOnlyList<QuotaRequestExpectation> requests, AuditExpectation audit)
    {
        var quota = new QuotaService.QuotaServiceClient(host.Channel);
        var auditor = new AuditService.AuditServiceClient(host.Channel);
        var operatorHeaders = TestTokens.As("upgrade-test");
        var auditorHeaders = TestTokens.Bearer(TestTokens.Auditor());

        var readTenants = await QuotaAuditReadBack.TenantsAsync(quota, operatorHeaders, Deadline());
        var readRequests = await QuotaAuditReadBack.RequestsAsync(quota, operatorHeaders, Deadline());
        var verified = await auditor.VerifyAuditChainAsync(new VerifyAuditChainRequest(), auditorHeaders, Deadline());
        var entries = await QuotaAuditReadBack.EntriesAsync(auditor, auditorHeaders, Deadline);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(readTenants.Select(UpgradeManifest.Line), Is.EqualTo(tenants.Select(UpgradeManifest.Line)), "tenants, parents before children");
            Assert.That(readRequests.Select(UpgradeManifest.Line), Is.EqualTo(requests.Select(UpgradeManifest.Line)), "quota requests, newest first");
            Assert.That(verified.Intact, Is.True, $"the stored audit chain verifies: {verified.Message}");
            Assert.That(verified.Chain, Is.EqualTo(audit.Chain));
            Assert.That(verified.HeadSequence, Is.GreaterThanOrEqualTo(audit.HeadSequence), "the head is where it was or later");
            Assert.That(entries.Take(audit.Entries.Count).Select(UpgradeManifest.Line), Is.EqualTo(audit.Entries.Select(UpgradeManifest.Line)), "the stored audit entries, in chain order");
        }

        // The stored idempotency key still names its request: the retry is answered with it, nothing new is granted.
        var first = requests.First(r => r.State == "QUOTA_REQUEST_STATE_APPROVED" && r.Direction == "QUOTA_DIRECTION_INCREASE");
        var before = await quota.GetTenantQuotaAsync(new GetTenantQuotaRequest { TenantId = first.TenantId }, operatorHeaders, Deadline());
        var tenantHeaders = TestTokens.Bearer(TestTokens.Tenant(first.TenantId, first.RequestedBy));
        var retry = await quota.RequestQuotaAsync(Ask(first.TenantId, first.Amount, first.Justification, first.IdempotencyKey), tenantHeaders, Deadline());
        Assert.That((retry.RequestId, ProtoNames.Of(retry.State)), Is.EqualTo((first.RequestId, first.State)), $"a retry with key {first.IdempotencyKey} returns the stored request");

        // A new small increase is decided on the stored allocations and journaled after the stored head.
        var more = new AmountExpectation(500, 512, 0, 0);
        var granted = await quota.RequestQuotaAsync(Ask(first.TenantId, more, "upgrade check", $"upgrade-{Guid.NewGuid():N}"), tenantHeaders, Deadline());
        var after = await quota.GetTenantQuotaAsync(new GetTenantQuotaRequest { TenantId = first.TenantId }, operatorHeaders, Deadline());
        var chained = await auditor.VerifyAuditChainAsync(new VerifyAuditChainRequest(), auditorHeaders, Deadline());
        var appended = (await QuotaAuditReadBack.EntriesAsync(auditor, auditorHeaders, Deadline)).Skip(audit.Entries.Count).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(granted.State, Is.EqualTo(QuotaRequestState.Approved), $"the new request is auto-approved ({granted.Rule}: {granted.DecisionReason})");
            Assert.That(granted.RequestId, Is.Not.AnyOf(requests.Select(r => r.RequestId).ToArray()), "request ids go on after the stored ones");
            Assert.That(after.Allocated.CpuMillicores - before.Allocated.CpuMillicores, Is.EqualTo(more.CpuMillicores), $"{first.TenantId}'s stored allocation grows by the grant");
            Assert.That(chained.Intact, Is.True, $"the chain verifies after the write: {chained.Message}");
            Assert.That(chained.HeadSequence, Is.GreaterThan(verified.HeadSequence));
            Assert.That(appended.Select(e => (e.Action, e.ActorSubject)), Does.Contain(("quota_requested", first.RequestedBy)), "the new request is in the trail");
            Assert.That(appended.FirstOrDefault()?.PreviousHash, Is.EqualTo(audit.HeadHash), "the first entry after the stored ones chains onto the stored head");
        }
    }

    private static RequestQuotaRequest Ask(string tenantId, AmountExpectation amount, string justification, string key) => new()
    {
        TenantId = tenantId,
        Direction = QuotaDirection.Increase,
        Amount = QuotaAuditReadBack.ToVector(amount),
        Justification = justification,
        IdempotencyKey = key,
    };

    /// <summary>
    /// The stored state is not only readable: an agent reconnecting is told the stored sequence and gets its zone's
    /// pending commands again, and a ledger shard writes over the version it read.
    /// </summary>
    private static async Task AssertStillWritableAsync(ControlPlaneProcess host, OperationsService.OperationsServiceClient operations, FixtureExpectation expected)
    {
        foreach (var zone in expected.Zones.Where(z => expected.PendingCommands.Any(c => c.ZoneId == z.ZoneId)))
        {
            await using var agent = await FakeAgent.ConnectAsync(host.AgentChannel(zone.ZoneId), Hello(zone));
            Assert.That(agent.Welcome.LastAcceptedSequence, Is.EqualTo(zone.LastSequence), $"zone {zone.ZoneId}: Welcome names the stored sequence");
            var commands = expected.PendingCommands.Where(c => c.ZoneId == zone.ZoneId).Select(c => c.CommandId).ToList();
            await Eventually.HoldsAsync(() => commands.All(agent.Commands.ContainsKey), $"zone {zone.ZoneId}'s pending commands {string.Join(", ", commands)} delivered to its agent again");
        }

        var managed = expected.Workloads.First(w => w.Managed);
        int priority = managed.Intent.Priority + 1;
        var change = await operations.SetWorkloadIntentAsync(new SetWorkloadIntentRequest
        {
            Selector = new WorkloadSelector { WorkloadIds = { managed.WorkloadId } },
            Patch = new IntentPatch { Priority = priority },
            Reason = "the upgraded ledger takes writes",
        }, deadline: Deadline());
        var read = (await operations.GetWorkloadAsync(new GetWorkloadRequest { WorkloadId = managed.WorkloadId }, deadline: Deadline())).Workload;

        Assert.That(change.Changed, Is.EqualTo(1), $"record {managed.WorkloadId} takes an intent change");
        Assert.That(read.Intent.Priority, Is.EqualTo(priority));
    }

    private static Hello Hello(ZoneExpectation zone) => new()
    {
        ZoneId = zone.ZoneId,
        AgentVersion = "upgrade-test",
        Provider = Common.ProviderKind.Simulated,
        Zone = new Proto.Agent.V1.ZoneDescriptor
        {
            DisplayName = zone.DisplayName,
            AdministrativeLevel = ProtoNames.Parse<Common.AdministrativeLevel>(zone.AdministrativeLevel),
            RegionCode = zone.RegionCode,
            Vendor = "upgrade-test",
            MlpsLevel = ProtoNames.Parse<Common.MlpsLevel>(zone.MlpsLevel),
            NetworkPlane = ProtoNames.Parse<Common.NetworkPlane>(zone.NetworkPlane),
        },
    };

    /// <summary>The answer, or null for NotFound (which the comparison then names).</summary>
    private static async Task<T?> FoundAsync<T>(Func<Task<T>> call)
        where T : class
    {
        try
        {
            return await call();
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    private static DateTime Deadline() => DateTime.UtcNow.AddSeconds(30);
}
