using CloudGov.Domain;
using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Rebalancing;
using CloudGov.Scheduling.Scores;

namespace CloudGov.Scheduling.Tests.Support;

/// <summary>Small builders for hand-made snapshots: zones of 10 cores / 40 GiB / 1 TiB unless told otherwise.</summary>
internal static class Build
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public static ZoneSnapshot Zone(
        string id,
        string region = "450102",
        MlpsLevel level = MlpsLevel.Level3,
        NetworkPlane plane = NetworkPlane.EGovExtranet,
        long cpu = 10_000,
        long mem = 40_960,
        long storage = 1_000,
        ZoneStatus status = ZoneStatus.Ready,
        bool compliant = true,
        double target = 0.8) => new()
        {
            Id = id,
            RegionCode = region,
            MlpsLevel = level,
            NetworkPlane = plane,
            Capacity = new ResourceVector(cpu, mem, storage),
            Status = status,
            IsCompliant = compliant,
            TargetUtilization = target,
        };

    public static WorkloadSnapshot Workload(
        string id,
        string? zone,
        long cpu = 1_000,
        long mem = 1_024,
        long storage = 10,
        MlpsLevel level = MlpsLevel.Level2,
        NetworkPlane plane = NetworkPlane.EGovExtranet,
        string tenant = "dept-a",
        bool movable = true,
        double cost = 1.0,
        int priority = 0,
        string? group = null,
        DateTimeOffset? lastMoved = null,
        string[]? regions = null) => new()
        {
            Id = id,
            TenantId = tenant,
            Requests = new ResourceVector(cpu, mem, storage),
            RequiredLevel = level,
            NetworkPlane = plane,
            AllowedRegions = regions ?? [],
            Movable = movable,
            MigrationCost = cost,
            Priority = priority,
            AntiAffinityGroup = group,
            CurrentZoneId = zone,
            LastMovedAt = lastMoved,
        };

    public static FilterContext Context(CloudSnapshot snapshot, WorkloadSnapshot workload, string zoneId, bool migration = false)
    {
        int z = snapshot.IndexOfZone(zoneId);
        return new FilterContext(workload, z, snapshot.Zones[z], new ClusterState(snapshot), migration);
    }

    public static FilterPipeline Filters(double headroom = 0.05) => FilterPipeline.CreateDefault(new SchedulingOptions { Headroom = headroom });

    public static CloudGovRebalanceStrategy Strategy(CloudGovRebalanceOptions? options = null, double headroom = 0.05)
    {
        var scheduling = new SchedulingOptions { Headroom = headroom };
        return new CloudGovRebalanceStrategy(options ?? new CloudGovRebalanceOptions(), FilterPipeline.CreateDefault(scheduling), ScoreSet.CreateDefault(scheduling));
    }

    public static RebalancePlan Plan(this IRebalanceStrategy strategy, CloudSnapshot snapshot) => strategy.Plan(new RebalanceRequest(snapshot, Now));
}
