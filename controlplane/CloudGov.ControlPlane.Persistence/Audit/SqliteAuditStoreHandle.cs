using CloudGov.ControlPlane.Persistence.Sqlite;

namespace CloudGov.ControlPlane.Persistence.Audit;

/// <summary>A SQLite audit store that owns its file; disposing it flushes and closes the file.</summary>
public sealed class SqliteAuditStoreHandle : IAsyncDisposable
{
    private readonly SqliteDatabaseRegistry _registry;

    internal SqliteAuditStoreHandle(IAuditStore store, SqliteDatabaseRegistry registry)
    {
        Store = store;
        _registry = registry;
    }

    /// <summary>The store.</summary>
    public IAuditStore Store { get; }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _registry.DisposeAsync();
}
