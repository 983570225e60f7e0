namespace CloudGov.ControlPlane.Persistence.Sqlite;

/// <summary>Options for <see cref="SqliteReminderTable"/>.</summary>
public sealed class SqliteReminderTableOptions
{
    /// <summary>Configuration section (a sub-section of <c>Storage</c>).</summary>
    public const string SectionName = "Storage:SqliteReminders";

    /// <summary>Path of the SQLite file; usually the same file as the grain storage. Required.</summary>
    public string DataSource { get; set; } = "";

    /// <summary>How long a statement waits for a lock. Default 5 s.</summary>
    public TimeSpan BusyTimeout { get; set; } = SqliteGrainStorageOptions.DefaultBusyTimeout;

    internal SqliteDatabaseSettings ToSettings() =>
        new(Path.GetFullPath(DataSource), BusyTimeout, SynchronousFull: true, MaxWriteBatch: 256);
}
