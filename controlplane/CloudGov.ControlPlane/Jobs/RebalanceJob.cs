using CloudGov.ControlPlane.Abstractions.Plans;
using CloudGov.ControlPlane.Metrics;
using Quartz;

namespace CloudGov.ControlPlane.Jobs;

/// <summary>
/// A thin trigger: asks the cluster's rebalancer grain for a scheduled round. Fires on every host; the grain runs
/// rounds one at a time and skips one that follows another within <c>Plans:MinScheduledRoundGap</c>.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class RebalanceJob(IGrainFactory grains, ControlPlaneMetrics metrics) : IJob
{
    public static readonly JobKey Key = new("rebalance", "plans");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var round = await grains.GetGrain<IRebalancerGrain>(0).ProposeAsync(PlanTrigger.Scheduled, dryRun: false);
        metrics.RecordRound(PlanTrigger.Scheduled, round, dryRun: false);
    }
}
