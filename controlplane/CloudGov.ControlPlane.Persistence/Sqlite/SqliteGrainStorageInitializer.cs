using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Storage;

namespace CloudGov.ControlPlane.Persistence.Sqlite;

/// <summary>Opens a named SQLite grain storage during silo start, so a bad path fails the start, not the first grain.</summary>
internal sealed class SqliteGrainStorageInitializer(string name, IServiceProvider services) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle)
    {
        var stage = services.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(name).InitStage;
        lifecycle.Subscribe(
            $"{nameof(SqliteGrainStorage)}-{name}",
            stage,
            cancellationToken => services.GetRequiredKeyedService<IGrainStorage>(name) is SqliteGrainStorage storage
                ? storage.InitializeAsync(cancellationToken)
                : Task.CompletedTask);
    }
}
