using CloudGov.ControlPlane.Abstractions.Plans;
using CloudGov.ControlPlane.Abstractions.Tenants;
using CloudGov.ControlPlane.Grains.Tenants;
using CloudGov.ControlPlane.Metrics;
using CloudGov.Domain;
using Prometheus;

namespace CloudGov.Operations.Tests;

/// <summary>The metrics added for the alerts: plan progress age (PlanStuck) and tenant usage ratio (QuotaNearlyExhausted).</summary>
public sealed class AlertMetricsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task PlanProgress_NoPlans_EveryWaitingStateAtZero()
    {
        var (registry, factory) = Registry();
        new PlanProgressMetrics(factory).Observe([], Now);

        string text = await ExportAsync(registry);

        foreach (var state in new[] { "Proposed", "Approved", "Executing" })
        {
            Assert.That(text, Does.Contain($"cloudgov_plan_progress_age_seconds{{state=\"{state}\"}} 0"));
        }
    }

    [Test]
    public async Task PlanProgress_ExecutingPlanWithARecentMove_AgeCountsFromThatMove()
    {
        var (registry, factory) = Registry();
        var executing = Plan("p1", PlanState.Executing, approvedAt: Now.AddMinutes(-40), moves:
        [
            Move(0, MoveState.Completed, started: Now.AddMinutes(-39), finished: Now.AddMinutes(-30)),
            Move(1, MoveState.Placing, started: Now.AddMinutes(-10), finished: null),
        ]);
        var approved = Plan("p2", PlanState.Approved, approvedAt: Now.AddMinutes(-20), moves: [Move(0, MoveState.Pending, null, null)]);
        var done = Plan("p3", PlanState.Completed, approvedAt: Now.AddHours(-5), moves: []);
        new PlanProgressMetrics(factory).Observe([executing, approved, done], Now);

        string text = await ExportAsync(registry);

        Assert.That(text, Does.Contain("cloudgov_plan_progress_age_seconds{state=\"Executing\"} 600"), "ten minutes since the second move started");
        Assert.That(text, Does.Contain("cloudgov_plan_progress_age_seconds{state=\"Approved\"} 1200"), "twenty minutes since approval");
        Assert.That(text, Does.Contain("cloudgov_plan_progress_age_seconds{state=\"Proposed\"} 0"));
    }

    [Test]
    public void UsageRatio_UsedAndReservedOverAllocated_PerDimension()
    {
        var figures = Figures("t", allocated: new ResourceVector(10_000, 1_000, 0, 0), used: new ResourceVector(6_000, 100, 0, 2), reserved: new ResourceVector(3_000, 0, 0, 0));

        Assert.That(QuotaUsageRatioMetrics.Ratios(figures), Is.EqualTo(new[] { 0.9, 0.1, 0, double.PositiveInfinity }));
    }

    [Test]
    public async Task UsageRatio_MoreTenantsThanTheBound_ExportsThoseNearestExhaustionAndDropsTheRest()
    {
        var (registry, factory) = Registry();
        var metrics = new QuotaUsageRatioMetrics(factory);
        var tenants = Enumerable.Range(0, QuotaUsageRatioMetrics.MaxTenants + 10)
            .Select(i => Figures($"t{i:D3}", new ResourceVector(1_000, 1_000, 1_000, 0), new ResourceVector(i, 0, 0, 0), default))
            .ToList();

        metrics.Observe(tenants);
        string first = await ExportAsync(registry);
        metrics.Observe([tenants[0]]);
        string second = await ExportAsync(registry);

        Assert.That(first, Does.Contain("cloudgov_quota_tenant_usage_ratio{tenant=\"t059\",resource=\"cpu\"} 0.059"));
        Assert.That(first, Does.Not.Contain("tenant=\"t009\""), "the ten least used are left out");
        Assert.That(CountSeries(first), Is.EqualTo(QuotaUsageRatioMetrics.MaxTenants * ResourceVector.Dimensions));
        Assert.That(CountSeries(second), Is.EqualTo(ResourceVector.Dimensions), "tenants no longer exported lose their series");
        Assert.That(second, Does.Contain("tenant=\"t000\""));
    }

    private static int CountSeries(string text) =>
        text.Split('\n').Count(l => l.StartsWith("cloudgov_quota_tenant_usage_ratio{", StringComparison.Ordinal));

    private static (CollectorRegistry Registry, IMetricFactory Factory) Registry()
    {
        var registry = Metrics.NewCustomRegistry();
        return (registry, Metrics.WithCustomRegistry(registry));
    }

    private static async Task<string> ExportAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static TenantQuotaFigures Figures(string id, ResourceVector allocated, ResourceVector used, ResourceVector reserved) =>
        new(new TenantNode(id, id, string.Empty, allocated, Now), used, reserved, default);

    private static PlanMove Move(int index, MoveState state, DateTimeOffset? started, DateTimeOffset? finished) =>
        new(index, $"w{index}", "tenant", "gx-a", "gx-b", new ResourceVector(1_000, 1_024, 0), 1, new PlanReason("hot", "hot", "过热"), state, StartedAt: started, FinishedAt: finished);

    private static PlanRecord Plan(string id, PlanState state, DateTimeOffset approvedAt, System.Collections.Immutable.ImmutableArray<PlanMove> moves) => new()
    {
        PlanId = id,
        State = state,
        Trigger = PlanTrigger.Manual,
        Strategy = "cloudgov",
        ProposedAt = approvedAt.AddMinutes(-1),
        ExpiresAt = approvedAt.AddMinutes(29),
        Moves = moves,
        Zones = [],
        BalanceIndexBefore = 0.8,
        BalanceIndexAfter = 0.9,
        Notes = [],
        PolicyVerdict = [],
        History =
        [
            new PlanDecision(null, PlanState.Proposed, "scheduler", approvedAt.AddMinutes(-1), "proposed"),
            new PlanDecision(PlanState.Proposed, PlanState.Approved, "alice@ops", approvedAt, "ok"),
        ],
    };
}
