using Orleans.Storage;

namespace CloudGov.ControlPlane.Persistence.Sqlite;

/// <summary>
/// Options for <see cref="SqliteGrainStorage"/>, one instance per named provider.
/// </summary>
public sealed class SqliteGrainStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>Configuration section bound by the host (a sub-section of <c>Storage</c>).</summary>
    public const string SectionName = "Storage:Sqlite";

    /// <summary>Default busy timeout: how long a statement waits for a lock held by another connection.</summary>
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Path of the SQLite database file. Required. Relative paths resolve against the current directory; the
    /// file and its directory are created on first start.
    /// </summary>
    public string DataSource { get; set; } = "";

    /// <summary>
    /// How long a statement waits for a lock before failing with SQLITE_BUSY. Default 5 s; range 0–10 min.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = DefaultBusyTimeout;

    /// <summary>
    /// When true (the default) every commit is fsync'ed (<c>PRAGMA synchronous=FULL</c>): a power loss loses no
    /// acknowledged write. When false, <c>synchronous=NORMAL</c>: a process crash still loses nothing, an OS crash
    /// or power loss may lose the last commits, and writes are cheaper.
    /// </summary>
    public bool SynchronousFull { get; set; } = true;

    /// <summary>
    /// Most writes the single writer commits in one transaction (group commit). Default 256; range 1–10,000.
    /// </summary>
    public int MaxWriteBatch { get; set; } = 256;

    /// <summary>Silo lifecycle stage at which the file is opened and the schema created.</summary>
    public int InitStage { get; set; } = Orleans.ServiceLifecycleStage.ApplicationServices;

    /// <summary>Serializer for grain state; defaults to the silo's configured grain storage serializer.</summary>
    public IGrainStorageSerializer? GrainStorageSerializer { get; set; }

    // IStorageProviderSerializerOptions declares a non-nullable property; the post-configurator fills it.
    IGrainStorageSerializer IStorageProviderSerializerOptions.GrainStorageSerializer
    {
        get => GrainStorageSerializer!;
        set => GrainStorageSerializer = value;
    }
}
