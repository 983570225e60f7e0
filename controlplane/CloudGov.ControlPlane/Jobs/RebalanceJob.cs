using CloudGov.ControlPlane.Abstractions.Plans;
using Quartz;

namespace CloudGov.ControlPlane.Jobs;

/// <summary>
/// A thin trigger: asks the cluster's rebalancer grain for a scheduled round. Fires on every host; the grain runs
/// rounds one at a time and skips one that follows another within <c>Plans:MinScheduledRoundGap</c>.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class RebalanceJob(IGrainFactory grains) : IJob
{
    public static readonly JobKey Key = new("rebalance", "plans");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        // The rebalancer counts the round in cloudgov_plan_rounds_total on the host that runs it.
        await grains.GetGrain<IRebalancerGrain>(0).ProposeAsync(PlanTrigger.Scheduled, dryRun: false);
    }
}
