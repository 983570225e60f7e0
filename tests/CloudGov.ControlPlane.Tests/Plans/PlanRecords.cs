
namespace CloudGov.ControlPlane.Tests.Plans;

/// <summary>Builders for plans and zone descriptors in the plan tests.</summary>
internal static class PlanRecords
{
    /// <summary>When test plans are proposed.</summary>
    public static readonly DateTimeOffset ProposedAt = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    /// <summary>A zone descriptor in <paramref name="region"/> with the given level and plane, no over-commit.</summary>
    public static ZoneDescriptor Zone(string region = "450100", MlpsLevel level = MlpsLevel.Level3, NetworkPlane plane = NetworkPlane.EGovExtranet) => new(
        "测试云区", AdministrativeLevel.City, region, "Test Vendor", ProviderKind.Simulated, level, plane, 1.0, 1.0,
        ImmutableDictionary<string, string>.Empty, "1.0.0");

    /// <summary>A move of workload <paramref name="workload"/> between two zones.</summary>
    public static PlanMove Move(int index, string from, string to, string workload = "w") => new(
        index, $"{workload}-{index}", "nn-rsj", from, to, new ResourceVector(4000, 8192, 100), 1.0,
        new PlanReason("ZONE_OVER_TARGET", "zone over target", "云区超过目标利用率"), MoveState.Pending);

    /// <summary>A Proposed plan with the given moves, expiring 30 minutes after <see cref="ProposedAt"/>.</summary>
    public static PlanRecord Proposed(string? id = null, params PlanMove[] moves) => new()
    {
        PlanId = id ?? PlanIds.New(),
        State = PlanState.Proposed,
        Trigger = PlanTrigger.Manual,
        Strategy = "cloudgov",
        ProposedAt = ProposedAt,
        ExpiresAt = ProposedAt.AddMinutes(30),
        Moves = [.. moves],
        Zones = [],
        BalanceIndexBefore = 0.7,
        BalanceIndexAfter = 0.9,
        Notes = [],
        PolicyVerdict = [],
        History = [new PlanDecision(null, PlanState.Proposed, PlanActors.Scheduler, ProposedAt, "test")],
    };
}
