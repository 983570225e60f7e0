using CloudGov.ControlPlane.Abstractions.Plans;

namespace CloudGov.ControlPlane.Jobs;

/// <summary>
/// Once the host has started, wakes every approved or executing plan (listing the plans activates each, and an
/// activated active plan resumes from its stored state), so a restarted control plane continues a plan at once
/// instead of at its next resume reminder. Every host does this; plans are single-activation, so it is harmless.
/// </summary>
internal sealed class PlanResumeService(IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<PlanResumeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        for (int attempt = 1; attempt <= 10 && !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                var plans = await grains.GetGrain<IRebalancerGrain>(0).ListAsync().WaitAsync(TimeSpan.FromSeconds(30), stoppingToken);
                int active = plans.Count(p => p.State is PlanState.Approved or PlanState.Executing);
                if (active > 0)
                {
                    logger.LogInformation("Resumed {Count} approved or executing plan(s)", active);
                }

                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The durable reminder resumes them anyway; this only makes it sooner.
                logger.LogWarning(ex, "Could not list plans to resume them (attempt {Attempt} of 10)", attempt);
                await Task.Delay(TimeSpan.FromSeconds(attempt), stoppingToken);
            }
        }
    }
}
