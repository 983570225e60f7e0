using System.Net;
using CloudGov.ControlPlane.AgentIdentity;
using CloudGov.ControlPlane.Grains.Baselines;
using CloudGov.ControlPlane.Grains.Ledger;
using CloudGov.ControlPlane.Grains.Placement;
using CloudGov.ControlPlane.Grains.Plans;
using CloudGov.ControlPlane.Grains.Scheduling;
using CloudGov.ControlPlane.Grains.Tenants;
using CloudGov.ControlPlane.Grains.Zones;
using CloudGov.ControlPlane.Grpc;
using CloudGov.ControlPlane.Jobs;
using CloudGov.ControlPlane.Metrics;
using CloudGov.ControlPlane.Persistence;
using CloudGov.ControlPlane.Persistence.Audit;
using CloudGov.ControlPlane.Security;
using CloudGov.ControlPlane.Stopping;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Prometheus;
using Quartz;

namespace CloudGov.ControlPlane.Hosting;

/// <summary>The control plane's wiring, one named step each, so Program.cs stays short.</summary>
public static class ControlPlaneHostExtensions
{
    /// <summary>
    /// Binds and validates the host's own options and sets up the two Kestrel endpoints (gRPC over HTTP/2, HTTP/1.1
    /// for /metrics).
    /// </summary>
    public static WebApplicationBuilder AddControlPlaneEndpoints(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ControlPlaneOptions>().BindConfiguration(ControlPlaneOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ControlPlaneOptions>, ControlPlaneOptionsValidator>();
        builder.Services.TryAddSingletonTimeProvider();

        var options = builder.Configuration.GetSection(ControlPlaneOptions.SectionName).Get<ControlPlaneOptions>() ?? new ControlPlaneOptions();
        if (options.TransportIOQueueCount is { } queues and >= 0 and <= 64)
        {
            // One transport serves every endpoint (agents, operators, probes); out-of-range values fail validation at start.
            builder.Services.Configure<SocketTransportOptions>(socket => socket.IOQueueCount = queues);
        }

        // Built here, before the agent endpoint's handshake gate that yields to it (out-of-range pauses fail validation at start).
        var pause = options.OperatorPriorityPause <= TimeSpan.FromSeconds(1) ? options.OperatorPriorityPause : TimeSpan.Zero;
        builder.Services.AddSingleton(new OperatorPriority(pause, TimeProvider.System));

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
    /// (clustering, grain state "store" and reminders), per the <c>Storage</c> section, and each grain area with its
    /// validated options (<see cref="AddControlPlaneAreas"/>).
    /// </summary>
    public static WebApplicationBuilder AddControlPlaneSilo(this WebApplicationBuilder builder)
    {
        builder.Services.AddControlPlaneAreas();
        builder.Services.AddCloudGovAudit(builder.Configuration).AddSingleton<Audit.OperationsAudit>().AddSingleton<Audit.BaselineWaiverAudit>();
        builder.Services.AddSingleton<BaselineRequestValidator>();
        builder.Services.AddKeyedSingleton<TimeProvider>(Orleans.Runtime.TimeProviderNames.Membership, new MembershipClock());
        // Plans resume from a durable reminder; let its period go below Orleans' 1-minute floor when configured so.
        var execution = builder.Configuration.GetSection($"{PlanPolicyOptions.SectionName}:{nameof(PlanPolicyOptions.Execution)}").Get<PlanExecutionOptions>() ?? new PlanExecutionOptions();
        builder.UseOrleans(silo => silo
            .UseCloudGovStorageOrReportAtStart(builder.Configuration)
            .Configure<ReminderOptions>(o =>
            {
                if (execution.ResumeInterval > TimeSpan.Zero && execution.ResumeInterval < o.MinimumReminderPeriod)
                {
                    o.MinimumReminderPeriod = execution.ResumeInterval;
                }
            }));
        builder.Services.AddHostedService<PlanResumeService>();
        builder.Services.AddHostedService<TenantSeedService>();
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
        builder.Services.AddGatewayDrain<AgentGatewayService>();
        builder.Services.AddWireBoundary();
        return builder;
    }

    /// <summary>Adds the operations API (the one-cloud view and rebalance plans) and its WatchPlan streams.</summary>
    public static WebApplicationBuilder AddOperationsApi(this WebApplicationBuilder builder)
    {
        PlanStreams.PlanWatchServiceCollectionExtensions.AddPlanWatch(builder.Services);
        return builder;
    }

    /// <summary>Adds /metrics (a registry per host, with Orleans' and .NET's meters) and /healthz.</summary>
    public static WebApplicationBuilder AddControlPlaneObservability(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(_ => Prometheus.Metrics.NewCustomRegistry());
        builder.Services.AddSingleton<IMetricFactory>(sp => Prometheus.Metrics.WithCustomRegistry(sp.GetRequiredService<CollectorRegistry>()));
        builder.Services.AddSingleton<ControlPlaneMetrics>();
        builder.Services.AddSingleton<LedgerCounts>();
        builder.Services.AddSingleton<ZoneListReplica>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ZoneListReplica>());
        builder.Services.AddSingleton<AgentAdmission>();
        builder.Services.AddSingleton<IPlanExecutionObserver>(sp => sp.GetRequiredService<ControlPlaneMetrics>());
        builder.Services.AddSingleton<PlanProgressMetrics>();
        builder.Services.AddHostedService<OneCloudMetricsCollector>();
        builder.Services.AddSingleton<QuotaMetrics>();
        builder.Services.AddSingleton<QuotaUsageRatioMetrics>();
        builder.Services.AddSingleton<OneCloudCapacityReader>();
        builder.Services.Replace(ServiceDescriptor.Singleton<Security.ITenantScope, Security.HierarchyTenantScope>());
        builder.Services.AddHostedService<QuotaMetricsCollector>();
        builder.Services.AddSingleton<BaselineMetrics>();
        builder.Services.AddHostedService<BaselineMetricsCollector>();
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

            // The full security-baseline audit; the grain serializes the work.
            var baseline = builder.Configuration.GetSection(BaselineOptions.SectionName).Get<BaselineOptions>() ?? new BaselineOptions();
            var auditEvery = baseline.FullAuditInterval >= TimeSpan.FromSeconds(10) ? baseline.FullAuditInterval : TimeSpan.FromMinutes(10);
            quartz.ScheduleJob<BaselineAuditJob>(
                trigger => trigger.WithIdentity("baseline-audit", "baselines").StartAt(DateTimeOffset.UtcNow + auditEvery).WithSimpleSchedule(s => s.WithInterval(auditEvery).RepeatForever()),
                job => job.WithIdentity(BaselineAuditJob.Key));

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
        app.UseOperatorPriority();
        app.UseWireBoundary();
        app.UseAgentIdentity();
        app.UseControlPlaneIdentity();
        app.MapGrpcService<AgentGatewayService>();
        app.MapGrpcService<OperationsApiService>();
        app.MapGrpcService<Audit.AuditApiService>();
        app.MapGrpcService<QuotaApiService>();
        app.MapGrpcService<BaselineApiService>();
        app.MapGrpcReflectionService();
        app.MapGrpcHealthChecksService();
        // The HTTP/1.1 port's probes and scrape endpoint stay anonymous; every RPC follows RpcAccessRules.
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapMetrics("/metrics", app.Services.GetRequiredService<CollectorRegistry>()).AllowAnonymous();
        app.MapGet("/", () => Results.Text("CloudGov control plane. gRPC: AgentService, OperationsService. HTTP: /metrics, /healthz, /dashboard (web dashboard).\n")).AllowAnonymous();
        return app;
    }

    /// <summary>Counts every request that is not an agent's (operators' calls, health probes, scrapes) for <see cref="OperatorPriority"/>.</summary>
    private static void UseOperatorPriority(this WebApplication app)
    {
        var priority = app.Services.GetRequiredService<OperatorPriority>();
        if (!priority.Enabled)
        {
            return;
        }

        app.Use(async (context, next) =>
        {
            if (AgentZoneGate.IsAgentEndpoint(context) || context.Request.Path.StartsWithSegments("/cloudgov.agent.v1.AgentService", StringComparison.Ordinal))
            {
                await next(context);
                return;
            }

            using (priority.Enter())
            {
                await next(context);
            }
        });
    }

    /// <summary>
    /// Each area wires itself: zones, plans, the ledger, placement and the one shared scheduler. Every area's options are
    /// validated at start, and a host with bad settings fails to start naming every bad key at once.
    /// </summary>
    public static IServiceCollection AddControlPlaneAreas(this IServiceCollection services)
    {
        services.AddZoneGrains();
        services.AddPlanGrains();
        services.AddSingleton<IValidateOptions<PlanPolicyOptions>, RebalanceScheduleValidator>();
        services.AddLedgerGrains();
        services.AddPlacementGrains();
        services.AddScheduler();
        services.AddTenantGrains();
        services.AddBaselineGrains();
        return services;
    }

    /// <summary>
    /// The storage wiring; a bad <c>Storage</c> section is not thrown here but reported at start with every other
    /// section's failures (the silo never starts: options are validated before any hosted service).
    /// </summary>
    private static ISiloBuilder UseCloudGovStorageOrReportAtStart(this ISiloBuilder silo, IConfiguration configuration)
    {
        try
        {
            return silo.UseCloudGovStorage(configuration);
        }
        catch (OptionsValidationException invalid)
        {
            silo.Services.AddOptions<StorageOptions>().ValidateOnStart();
            silo.Services.AddSingleton<IValidateOptions<StorageOptions>>(new KnownFailures<StorageOptions>(invalid.Failures));

            // Placeholders so the container can be built; never used, since the start fails on the options first.
            return silo
                .UseLocalhostClustering()
                .AddMemoryGrainStorage(StorageOptions.GrainStorageName)
                .UseInMemoryReminderService();
        }
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
