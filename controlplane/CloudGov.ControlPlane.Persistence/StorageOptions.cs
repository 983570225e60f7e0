namespace CloudGov.ControlPlane.Persistence;

/// <summary>The <c>Storage</c> configuration section: single-node SQLite or clustered PostgreSQL.</summary>
public sealed class StorageOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Storage";

    /// <summary>Name of the grain storage provider grains use: <c>[PersistentState("zone", "store")]</c>.</summary>
    public const string GrainStorageName = "store";

    /// <summary><see cref="StorageMode.Sqlite"/> (default) or <see cref="StorageMode.Postgres"/>.</summary>
    public StorageMode Mode { get; set; } = StorageMode.Sqlite;

    /// <summary>SQLite file for grain state and reminders (Sqlite mode). Default <c>data/cloudgov.db</c>; created on first start.</summary>
    public string SqlitePath { get; set; } = "data/cloudgov.db";

    /// <summary>
    /// Fsync every SQLite commit (default true). False trades the last commits on power loss for cheaper writes;
    /// a process crash loses nothing either way.
    /// </summary>
    public bool SqliteSynchronousFull { get; set; } = true;

    /// <summary>Npgsql connection string (Postgres mode), e.g. <c>Host=db;Port=5432;Username=cloudgov;Password=…;Database=cloudgov</c>.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Apply the PostgreSQL schema when the silo starts (default true). Otherwise run <c>schema apply</c> first.</summary>
    public bool ApplySchemaOnStart { get; set; } = true;

    /// <summary>How long a starting silo keeps retrying the schema while PostgreSQL is unreachable. Default 60 s; 0–30 min.</summary>
    public TimeSpan SchemaApplyTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Orleans cluster id; hosts with the same id form one cluster. Default <c>cloudgov</c>.</summary>
    public string ClusterId { get; set; } = "cloudgov";

    /// <summary>Orleans service id; keys grain state and reminders, keep it stable across deployments. Default <c>cloudgov</c>.</summary>
    public string ServiceId { get; set; } = "cloudgov";

    /// <summary>Silo-to-silo port. Default 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Gateway (client) port. Default 30000.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// Address other silos reach this one at (Postgres mode). Default: loopback, which only suits several hosts on
    /// one machine; set it to the host's cluster-network address otherwise. The silo then listens on all addresses.
    /// </summary>
    public string? AdvertisedIPAddress { get; set; }

    /// <summary>Failover tuning of cluster membership (Postgres mode), section <c>Storage:Membership</c>.</summary>
    public StorageMembershipOptions Membership { get; set; } = new();
}
