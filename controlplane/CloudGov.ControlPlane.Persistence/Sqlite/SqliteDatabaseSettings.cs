namespace CloudGov.ControlPlane.Persistence.Sqlite;

/// <summary>How one SQLite file is opened; the first user of a file decides.</summary>
internal sealed record SqliteDatabaseSettings(string FullPath, TimeSpan BusyTimeout, bool SynchronousFull, int MaxWriteBatch)
{
    public static SqliteDatabaseSettings From(SqliteGrainStorageOptions options) =>
        new(Path.GetFullPath(options.DataSource), options.BusyTimeout, options.SynchronousFull, options.MaxWriteBatch);
}
