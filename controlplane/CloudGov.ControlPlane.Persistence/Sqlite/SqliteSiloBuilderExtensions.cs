using CloudGov.ControlPlane.Persistence.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Providers;
using Orleans.Runtime;
using Orleans.Storage;

namespace Orleans.Hosting;

/// <summary>Registers the SQLite grain storage and reminder table.</summary>
public static class SqliteSiloBuilderExtensions
{
    /// <summary>
    /// Adds a named SQLite grain storage, e.g. <c>AddSqliteGrainStorage("store", o => o.DataSource = "data/cloudgov.db")</c>.
    /// </summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, string name, Action<SqliteGrainStorageOptions> configure) =>
        builder.ConfigureServices(services => services.AddSqliteGrainStorage(name, options => options.Configure(configure)));

    /// <summary>Adds a named SQLite grain storage configured through an options builder (bind, validate, …).</summary>
    public static IServiceCollection AddSqliteGrainStorage(
        this IServiceCollection services,
        string name,
        Action<OptionsBuilder<SqliteGrainStorageOptions>>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var options = services.AddOptions<SqliteGrainStorageOptions>(name);
        configure?.Invoke(options);
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteGrainStorageOptions>, SqliteGrainStorageOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Transient<IPostConfigureOptions<SqliteGrainStorageOptions>, DefaultStorageProviderSerializerOptionsConfigurator<SqliteGrainStorageOptions>>());
        services.TryAddSingleton<SqliteDatabaseRegistry>();
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => SqliteGrainStorage.Create(sp, name));
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => new SqliteGrainStorageInitializer(name, sp));
        if (string.Equals(name, ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, StringComparison.Ordinal))
        {
            services.TryAddSingleton(sp => sp.GetRequiredKeyedService<IGrainStorage>(name));
        }

        return services;
    }

    /// <summary>Keeps reminders in a SQLite file (durable across restarts of a single-node deployment).</summary>
    public static ISiloBuilder UseSqliteReminderService(this ISiloBuilder builder, Action<SqliteReminderTableOptions> configure)
    {
        builder.AddReminders();
        return builder.ConfigureServices(services =>
        {
            services.AddOptions<SqliteReminderTableOptions>()
                .Configure(configure)
                .Validate(o => !string.IsNullOrWhiteSpace(o.DataSource), "SQLite reminders: DataSource (the database file path) is required.")
                .ValidateOnStart();
            services.TryAddSingleton<SqliteDatabaseRegistry>();
            services.AddSingleton<SqliteReminderTable>();
            services.AddSingleton<IReminderTable>(sp => sp.GetRequiredService<SqliteReminderTable>());
        });
    }
}
