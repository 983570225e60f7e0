using CloudGov.ControlPlane.Abstractions.Baselines;
using Quartz;

namespace CloudGov.ControlPlane.Jobs;

/// <summary>A thin trigger: asks the baseline grain for a full audit (every zone and ledger workload). Fires on every host; the grain serializes the work.</summary>
[DisallowConcurrentExecution]
internal sealed class BaselineAuditJob(IGrainFactory grains) : IJob
{
    public static readonly JobKey Key = new("baseline-audit", "baselines");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await grains.GetGrain<IBaselineGrain>(0).RunFullAuditAsync();
}
