using Quartz;

namespace CloudGov.ControlPlane.Jobs;

/// <summary>A thin trigger: asks the cluster's staleness-sweep grain to run. Fires on every host; the grain serializes the work.</summary>
[DisallowConcurrentExecution]
internal sealed class StalenessSweepJob(IGrainFactory grains) : IJob
{
    public static readonly JobKey Key = new("staleness-sweep", "zones");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await grains.GetGrain<IStalenessSweepGrain>(0).SweepAsync();
}
