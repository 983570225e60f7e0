using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CloudGov.ControlPlane.Persistence.Sqlite;

/// <summary>
/// One <see cref="SqliteDatabase"/> (one writer) per file per process, shared by grain storage and reminders.
/// Owned by the container: disposing it flushes queued writes and closes the files.
/// </summary>
internal sealed class SqliteDatabaseRegistry(ILoggerFactory loggerFactory) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, SqliteDatabase> _databases = new(StringComparer.Ordinal);

    public SqliteDatabase Get(SqliteDatabaseSettings settings) =>
        _databases.GetOrAdd(
            settings.FullPath,
            static (_, state) => new SqliteDatabase(state.settings, state.logger),
            (settings, logger: loggerFactory.CreateLogger<SqliteDatabase>()));

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _databases.Values)
        {
            await database.DisposeAsync().ConfigureAwait(false);
        }

        _databases.Clear();
    }
}
