namespace CloudGov.ControlPlane.Persistence;

/// <summary>Where the control plane keeps cluster membership, grain state and reminders.</summary>
public enum StorageMode
{
    /// <summary>Single node (the default): localhost clustering, grain state and reminders in one SQLite file.</summary>
    Sqlite = 0,

    /// <summary>Cluster: Orleans ADO.NET clustering, grain state and reminders on PostgreSQL.</summary>
    Postgres = 1,
}
