namespace CloudGov.ControlPlane.PlanStreams;

/// <summary>Wires <c>WatchPlan</c>: its options, the host's live-feed subscription and the stream body.</summary>
internal static class PlanWatchServiceCollectionExtensions
{
    /// <summary>Adds <see cref="PlanWatchOptions"/> (validated at start), <see cref="PlanWatchHub"/> (one per host) and <see cref="PlanWatchStreamer"/>.</summary>
    public static IServiceCollection AddPlanWatch(this IServiceCollection services)
    {
        services.AddOptions<PlanWatchOptions>().BindConfiguration(PlanWatchOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PlanWatchOptions>, PlanWatchOptionsValidator>();
        services.AddSingleton<PlanWatchHub>();
        services.AddHostedService(sp => sp.GetRequiredService<PlanWatchHub>());
        services.AddSingleton<PlanWatchStreamer>();
        return services;
    }
}
