using CloudGov.ControlPlane.Grains.Ledger;
using System.Net;
using CloudGov.ControlPlane.Grains.Placement;
using CloudGov.ControlPlane.Grains.Plans;
using CloudGov.ControlPlane.Grains.Zones;
using CloudGov.ControlPlane.Grpc;
using CloudGov.ControlPlane.Jobs;
using CloudGov.ControlPlane.Metrics;
using CloudGov.ControlPlane.Persistence;
using SchedulingOptions = CloudGov.Scheduling.SchedulingOptions;
using SchedulingOptionsValidator = CloudGov.Scheduling.SchedulingOptionsValidator;
using CloudGov.Scheduling.Rebalancing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prometheus;
using Quartz;

namespace CloudGov.ControlPlane.Hosting;

/// <summary>The control plane's wiring, one named step each, so Program.cs stays short.</summary>
public static class ControlPlaneHostExtensions
{
    /// <summary>Binds and validates the options and sets up the two Kestrel endpoints (gRPC over HTTP/2, HTTP/1.1 for /metrics).</summary>
    public static WebApplicationBuilder AddControlPlaneEndpoints(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ControlPlaneOptions>().BindConfiguration(ControlPlaneOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ControlPlaneOptions>, ControlPlaneOptionsValidator>();
        builder.Services.AddOptions<ZoneOptions>().BindConfiguration(ZoneOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ZoneOptions>, ZoneOptionsValidator>();
        builder.Services.AddOptions<PlanPolicyOptions>().BindConfiguration(PlanPolicyOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PlanPolicyOptions>, PlanPolicyOptionsValidator>();
        builder.Services.AddSingleton<IValidateOptions<PlanPolicyOptions>, RebalanceScheduleValidator>();
        builder.Services.AddOptions<LedgerOptions>().BindConfiguration(LedgerOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<LedgerOptions>, LedgerOptionsValidator>();
        builder.Services.AddOptions<PlacementOptions>().BindConfiguration(PlacementOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PlacementOptions>, PlacementOptionsValidator>();
        builder.Services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.SectionName)
            .Validate(o => SchedulingOptionsValidator.Validate(o).Count == 0, $"{SchedulingOptions.SectionName} is invalid (see the README's scheduling tables).").ValidateOnStart();
        builder.Services.AddOptions<CloudGovRebalanceOptions>().BindConfiguration(CloudGovRebalanceOptions.SectionName)
            .Validate(o => CloudGovRebalanceOptionsValidator.Validate(o).Count == 0, $"{CloudGovRebalanceOptions.SectionName} is invalid (see the README's scheduling tables).").ValidateOnStart();
        builder.Services.TryAddSingletonTimeProvider();

        var options = builder.Configuration.GetSection(ControlPlaneOptions.SectionName).Get<ControlPlaneOptions>() ?? new ControlPlaneOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var address = IPAddress.TryParse(options.ListenAddress, out var parsed) ? parsed : IPAddress.Loopback;
            kestrel.Listen(address, options.GrpcPort, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(address, options.HttpPort, listen => listen.Protocols = HttpProtocols.Http1);
        });
        return builder;
    }

    /// <summary>
    /// Hosts the Orleans silo with the configured storage: single-node SQLite (default) or a PostgreSQL cluster
    /// (clustering, grain state "store" and reminders), per the <c>Storage</c> section.
    /// </summary>
    public static WebApplicationBuilder AddControlPlaneSilo(this WebApplicationBuilder builder)
    {
        // Plans resume from a durable reminder; let its period go below Orleans' 1-minute floor when configured so.
        var execution = builder.Configuration.GetSection($"{PlanPolicyOptions.SectionName}:{nameof(PlanPolicyOptions.Execution)}").Get<PlanExecutionOptions>() ?? new PlanExecutionOptions();
        builder.UseOrleans(silo => silo
            .UseCloudGovStorage(builder.Configuration)
            .Configure<ReminderOptions>(o =>
            {
                if (execution.ResumeInterval > TimeSpan.Zero && execution.ResumeInterval < o.MinimumReminderPeriod)
                {
                    o.MinimumReminderPeriod = execution.ResumeInterval;
                }
            }));
        builder.Services.AddLedgerSyncBatching();
        builder.Services.AddHostedService<PlanResumeService>();
        return builder;
    }

    /// <summary>Adds the gRPC server with the agent stream, reflection and the standard health service.</summary>
    public static WebApplicationBuilder AddAgentGateway(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ControlPlaneOptions.SectionName).Get<ControlPlaneOptions>() ?? new ControlPlaneOptions();
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = options.MaxReceiveMessageBytes;
            grpc.EnableDetailedErrors = false;
        });
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks().AddCheck<SiloHealthCheck>("silo");
        return builder;
    }

    /// <summary>Adds the operations API (the one-cloud view and rebalance plans).</summary>
    public static WebApplicationBuilder AddOperationsApi(this WebApplicationBuilder builder) => builder;

    /// <summary>Adds /metrics (a registry per host, with Orleans' and .NET's meters) and /healthz.</summary>
    public static WebApplicationBuilder AddControlPlaneObservability(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(_ => Prometheus.Metrics.NewCustomRegistry());
        builder.Services.AddSingleton<IMetricFactory>(sp => Prometheus.Metrics.WithCustomRegistry(sp.GetRequiredService<CollectorRegistry>()));
        builder.Services.AddSingleton<ControlPlaneMetrics>();
        builder.Services.AddSingleton<LedgerCounts>();
        builder.Services.AddSingleton<IPlanExecutionObserver>(sp => sp.GetRequiredService<ControlPlaneMetrics>());
        builder.Services.AddHostedService<OneCloudMetricsCollector>();
        return builder;
    }

    /// <summary>Adds the Quartz triggers; each fires on every host and the work runs once, in a grain.</summary>
    public static WebApplicationBuilder AddControlPlaneTriggers(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ControlPlaneOptions.SectionName).Get<ControlPlaneOptions>() ?? new ControlPlaneOptions();
        builder.Services.AddQuartz(quartz =>
        {
            quartz.ScheduleJob<StalenessSweepJob>(
                trigger => trigger.WithIdentity("staleness-sweep", "zones").StartNow().WithSimpleSchedule(options.StalenessSweepInterval),
                job => job.WithIdentity(StalenessSweepJob.Key));

            // The periodic rebalance is off unless Plans:RebalanceSchedule is set (validated at start).
            var schedule = RebalanceSchedule.Parse(builder.Configuration[$"{PlanPolicyOptions.SectionName}:{nameof(PlanPolicyOptions.RebalanceSchedule)}"], out _);
            if (schedule.Interval is { } interval)
            {
                quartz.ScheduleJob<RebalanceJob>(
                    trigger => trigger.WithIdentity("rebalance", "plans").StartAt(DateTimeOffset.UtcNow + interval).WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever()),
                    job => job.WithIdentity(RebalanceJob.Key));
            }
            else if (schedule.Cron is { } cron && RebalanceSchedule.IsValidCron(cron))
            {
                quartz.ScheduleJob<RebalanceJob>(
                    trigger => trigger.WithIdentity("rebalance", "plans").WithCronSchedule(cron),
                    job => job.WithIdentity(RebalanceJob.Key));
            }
        });
        builder.Services.AddQuartzHostedService(q => q.WaitForJobsToComplete = false);
        return builder;
    }

    /// <summary>Maps the gRPC services, reflection, health and /metrics.</summary>
    public static WebApplication MapControlPlane(this WebApplication app)
    {
        app.MapGrpcService<AgentGatewayService>();
        app.MapGrpcService<OperationsApiService>();
        app.MapGrpcReflectionService();
        app.MapGrpcHealthChecksService();
        app.MapHealthChecks("/healthz");
        app.MapMetrics("/metrics", app.Services.GetRequiredService<CollectorRegistry>());
        app.MapGet("/", () => Results.Text("CloudGov control plane. gRPC: AgentService, OperationsService. HTTP: /metrics, /healthz.\n"));
        return app;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(s => s.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }

        services.AddSingleton(sp => new Grains.ControlPlaneClock(sp.GetRequiredService<TimeProvider>()));
    }
}
