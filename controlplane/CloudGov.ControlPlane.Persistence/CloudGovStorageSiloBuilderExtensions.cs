using System.Net;
using CloudGov.ControlPlane.Persistence;
using CloudGov.ControlPlane.Persistence.Postgres;
using CloudGov.ControlPlane.Persistence.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Storage;

namespace Orleans.Hosting;

/// <summary>The one storage switch the control-plane host calls.</summary>
public static class CloudGovStorageSiloBuilderExtensions
{
    /// <summary>
    /// Configures clustering, the grain storage named <see cref="StorageOptions.GrainStorageName"/> ("store") and
    /// reminders from the <c>Storage</c> section: SQLite on one node (localhost clustering) or PostgreSQL for a
    /// cluster (ADO.NET providers on the project's schema, applied at start unless disabled, and membership tuned for
    /// fast failover per <c>Storage:Membership</c>).
    /// </summary>
    /// <exception cref="OptionsValidationException">The section is invalid (checked here, since it decides the wiring).</exception>
    public static ISiloBuilder UseCloudGovStorage(this ISiloBuilder builder, IConfiguration configuration)
    {
        var section = configuration.GetSection(StorageOptions.SectionName);
        var options = section.Get<StorageOptions>() ?? new StorageOptions();
        var validation = new StorageOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(StorageOptions.SectionName, typeof(StorageOptions), validation.Failures);
        }

        builder.Services.AddOptions<StorageOptions>().Bind(section).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());

        // Grain state is stored with Orleans' own serializer: the stored records are [GenerateSerializer] types with
        // stable [Id]s and [Alias]es, and immutable collections round-trip (Orleans' default Newtonsoft JSON storage
        // serializer cannot read back ImmutableSortedDictionary, so a restarted host could not load the one-cloud index).
        builder.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();

        // Storage failures on another silo reach the caller as the driver's own exception type (classified by type).
        builder.Services.AddStorageExceptionSerialization();

        return options.Mode == StorageMode.Postgres ? builder.UsePostgres(options) : builder.UseSqlite(options);
    }

    private static ISiloBuilder UseSqlite(this ISiloBuilder builder, StorageOptions options)
    {
        var path = options.SqlitePath;
        return builder
            .UseLocalhostClustering(options.SiloPort, options.GatewayPort, null, options.ServiceId, options.ClusterId)
            .AddSqliteGrainStorage(StorageOptions.GrainStorageName, o =>
            {
                o.DataSource = path;
                o.SynchronousFull = options.SqliteSynchronousFull;
            })
            .UseSqliteReminderService(o => o.DataSource = path);
    }

    private static ISiloBuilder UsePostgres(this ISiloBuilder builder, StorageOptions options)
    {
        var connectionString = options.PostgresConnectionString!;
        var advertised = string.IsNullOrEmpty(options.AdvertisedIPAddress) ? IPAddress.Loopback : IPAddress.Parse(options.AdvertisedIPAddress);

        builder.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        builder.ConfigureEndpoints(advertised, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised));
        if (options.Membership.Tuned)
        {
            var membership = options.Membership;
            builder.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = membership.ProbeTimeout;
                o.MinProbeTimeout = membership.ProbeTimeout / 2;
                o.MaxProbeTimeout = membership.MaxProbeTimeout;
                o.NumMissedProbesLimit = membership.NumMissedProbesLimit;
                o.NumVotesForDeathDeclaration = membership.NumVotesForDeathDeclaration;
                o.TableRefreshTimeout = membership.TableRefreshTimeout;
                o.IAmAliveTablePublishTimeout = membership.IAmAliveTablePublishTimeout;
            });
        }

        if (options.ApplySchemaOnStart)
        {
            var timeout = options.SchemaApplyTimeout;
            builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => new PostgresSchemaInitializer(
                connectionString,
                timeout,
                sp.GetService<TimeProvider>() ?? TimeProvider.System,
                sp.GetRequiredService<ILogger<PostgresSchemaInitializer>>()));
        }

        return builder
            .UseAdoNetClustering(o =>
            {
                o.Invariant = PostgresSchema.Invariant;
                o.ConnectionString = connectionString;
            })
            .AddAdoNetGrainStorage(StorageOptions.GrainStorageName, o =>
            {
                o.Invariant = PostgresSchema.Invariant;
                o.ConnectionString = connectionString;
            })
            .UseAdoNetReminderService(o =>
            {
                o.Invariant = PostgresSchema.Invariant;
                o.ConnectionString = connectionString;
            });
    }
}
