using CloudGov.ControlPlane.Abstractions.Placement;
using CloudGov.ControlPlane.Abstractions.Tenants;
using CloudGov.ControlPlane.Grains.Plans;
using CloudGov.ControlPlane.Grains.Tenants;
using CloudGov.Testing;
using static CloudGov.ControlPlane.Tests.Tenants.QuotaTrees;
using static CloudGov.ControlPlane.Tests.Tenants.TenantClusterFixture;

namespace CloudGov.ControlPlane.Tests.Tenants;

/// <summary>
/// Placement and a plan's moves are checked against quota at every level of the tenant's ancestry; workloads the zones
/// report (adopted, not placed by CloudGov) count against the tenant they name and flag it when they push it over.
/// </summary>
public sealed class QuotaEnforcementTests
{
    private static int _nextRegion = 4710;

    private static readonly ResourceVector Big = new(200_000, 800_000, 20_000);

    [Test]
    public async Task Place_WithinDepartmentQuotaThenBeyond_PlacedThenRefusedNamingTheDepartment()
    {
        var (region, zone) = await ZoneAsync();
        string root = NewId("pl"), county = NewId("pl-cty"), dept = NewId("pl-d");
        await CreateAsync(Node(root, "", Full(100_000)), Node(county, root, Full(50_000)), Node(dept, county, new ResourceVector(6_000, 16_384, 300)));

        var first = await Place(Spec(dept, region, new ResourceVector(4_000, 8_192, 100)));
        var second = await Place(Spec(dept, region, new ResourceVector(4_000, 8_192, 100)));

        Assert.That(first.Outcome, Is.EqualTo(PlacementOutcome.Placed), first.Message);
        Assert.That(first.ZoneId, Is.EqualTo(zone));
        Assert.That(second.Outcome, Is.EqualTo(PlacementOutcome.TenantQuotaExceeded), "the first placement's reservation counts: 2 of 6 cores left");
        Assert.That(second.Message, Does.StartWith($"TENANT_QUOTA_EXCEEDED at {dept}:").And.Contain("cpu=2000m"));
        Assert.That(await TenantClusterFixture.Grains.GetGrain<IZoneGrain>(zone).GetPendingCommandsAsync(), Has.Length.EqualTo(1), "nothing sent for the refused one");
    }

    [Test]
    public async Task Place_DepartmentHasRoomButItsCountyIsFull_RefusedNamingTheCounty()
    {
        var (region, _) = await ZoneAsync();
        string root = NewId("pl"), county = NewId("pl-cty"), a = NewId("pl-a"), b = NewId("pl-b");
        await CreateAsync(Node(root, "", Full(100_000)), Node(county, root, new ResourceVector(8_000, 65_536, 1_000)),
            Node(a, county, new ResourceVector(8_000, 32_768, 500)), Node(b, county, ResourceVector.Zero));
        // The county gave a all of its CPU; county-level workloads of its own would leave nothing for a.
        var own = await Place(Spec(county, region, new ResourceVector(6_000, 8_192, 100)));
        Assert.That(own.Outcome, Is.EqualTo(PlacementOutcome.Placed), own.Message);

        var refused = await Place(Spec(a, region, new ResourceVector(4_000, 8_192, 100)));

        Assert.That(refused.Outcome, Is.EqualTo(PlacementOutcome.TenantQuotaExceeded));
        Assert.That(refused.Message, Does.StartWith($"TENANT_QUOTA_EXCEEDED at {county}:").And.Contain("ancestor"));
    }

    [Test]
    public async Task Place_TenantNotInTheHierarchy_RefusedSayingAnOperatorMustCreateIt()
    {
        var (region, _) = await ZoneAsync();
        await CreateAsync(Node(NewId("pl"), "", Full(1_000)));

        var refused = await Place(Spec("nobody-knows-me", region, new ResourceVector(1_000, 1_024, 10)));

        Assert.That(refused.Outcome, Is.EqualTo(PlacementOutcome.TenantQuotaExceeded));
        Assert.That(refused.Message, Does.Contain("not in the tenant hierarchy"));
    }

    [Test]
    public async Task Report_DiscoveredWorkloadsPushTenantOverQuota_FlaggedPlacementAndMovesRefused()
    {
        string root = NewId("adopt"), dept = NewId("adopt-d");
        await CreateAsync(Node(root, "", Full(100_000)), Node(dept, root, new ResourceVector(4_000, 16_384, 200)));
        string w1 = $"found-{Guid.NewGuid():N}"[..20], w2 = $"found-{Guid.NewGuid():N}"[..20];
        var (region, zone) = await ZoneAsync(
            new WorkloadObservation(w1, dept, "档案", new ResourceVector(3_000, 4_096, 50), ResourceVector.Zero, MlpsLevel.Level2, WorkloadState.Running),
            new WorkloadObservation(w2, dept, "档案", new ResourceVector(3_000, 4_096, 50), ResourceVector.Zero, MlpsLevel.Level2, WorkloadState.Running));
        await Eventually.HoldsAsync(async () => (await QuotaEnforcement.RecordsAsync(TenantClusterFixture.Grains)).Count(r => r.WorkloadId == w1 || r.WorkloadId == w2) == 2,
            "the ledger to adopt both discovered workloads");

        var records = await QuotaEnforcement.RecordsAsync(TenantClusterFixture.Grains);
        var figures = TenantQuotaFigures.All(await Quota.GetTreeAsync(), QuotaUsage.Of(records, Time.GetUtcNow()));
        Assert.That(figures[dept].Used, Is.EqualTo(new ResourceVector(6_000, 8_192, 100)), "adopted workloads count against the tenant they name");
        Assert.That(figures[dept].OverQuota, Is.True);
        Assert.That(figures[dept].OverDimensions, Is.EqualTo(new[] { "cpu" }));
        Assert.That(figures[root].Used, Is.EqualTo(new ResourceVector(6_000, 8_192, 100)), "and against every ancestor");

        var refused = await Place(Spec(dept, region, new ResourceVector(100, 128, 1)));
        Assert.That(refused.Outcome, Is.EqualTo(PlacementOutcome.TenantQuotaExceeded), "not silently allowed to grow");

        var plan = Plans.PlanRecords.Proposed(null,
            new PlanMove(0, w1, dept, zone, "elsewhere", new ResourceVector(3_000, 4_096, 50), 1.0, new PlanReason("ZONE_OVER_TARGET", "hot", "热"), MoveState.Pending));
        var gates = await QuotaEnforcement.GateMovesAsync(TenantClusterFixture.Grains, plan, new Dictionary<int, MoveGate> { [0] = new(null, new WorkloadSpec(w1, dept)) }, Time.GetUtcNow());
        Assert.That(gates[0].Refusal, Does.StartWith($"TENANT_QUOTA_EXCEEDED at {dept}:").And.Contain("not moved until it is back within quota"));

        // Back within quota (an operator raises it), the same move may start: a migration needs no room of its own.
        var raised = await Quota.UpdateTenantAsync(dept, null, new ResourceVector(6_000, 16_384, 200), "operator", "cover the found systems", Cloud);
        Assert.That(raised.Succeeded, Is.True, raised.Message);
        var open = await QuotaEnforcement.GateMovesAsync(TenantClusterFixture.Grains, plan, new Dictionary<int, MoveGate> { [0] = new(null, new WorkloadSpec(w1, dept)) }, Time.GetUtcNow());
        Assert.That(open[0].Refusal, Is.Null);
    }

    private static Task<PlacementDecision> Place(WorkloadSpec spec) => TenantClusterFixture.Grains.GetGrain<IPlacementGrain>(0).PlaceAsync(spec, dryRun: false);

    private static WorkloadSpec Spec(string tenant, string region, ResourceVector requests) => new(
        $"wl-{Guid.NewGuid():N}"[..24], tenant, "一网通办", Requests: requests, MlpsLevel: MlpsLevel.Level2, NetworkPlane: NetworkPlane.EGovExtranet, AllowedRegions: [region]);

    /// <summary>A zone in a region of its own, reported and indexed, with the given workloads.</summary>
    private static async Task<(string Region, string ZoneId)> ZoneAsync(params WorkloadObservation[] workloads)
    {
        string region = Interlocked.Increment(ref _nextRegion).ToString(System.Globalization.CultureInfo.InvariantCulture);
        string zoneId = $"qz-{Guid.NewGuid():N}"[..20];
        var zone = TenantClusterFixture.Grains.GetGrain<IZoneGrain>(zoneId);
        await zone.RegisterAsync(new ZoneDescriptor(
            "配额测试云区", AdministrativeLevel.County, region + "01", "Test Vendor", ProviderKind.Simulated, MlpsLevel.Level3, NetworkPlane.EGovExtranet, 1.0, 1.0,
            ImmutableDictionary<string, string>.Empty, "1.0.0"), Guid.NewGuid());
        var usage = workloads.Aggregate(ResourceVector.Zero, (sum, w) => sum + w.Usage);
        await zone.ReportAsync(new ZoneReportData(1, Time.GetUtcNow(), Big, usage, [.. workloads], [], Degraded: false));
        var index = TenantClusterFixture.Grains.GetGrain<IOneCloudIndexGrain>(0);
        await Eventually.HoldsAsync(async () => (await index.ListAsync()).Any(z => z.ZoneId == zoneId && z.LastSequence >= 1), $"zone {zoneId} to reach the index");
        return (region, zoneId);
    }
}
