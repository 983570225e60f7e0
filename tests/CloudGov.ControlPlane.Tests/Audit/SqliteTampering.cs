using Microsoft.Data.Sqlite;

namespace CloudGov.ControlPlane.Tests.Audit;

/// <summary>Edits an audit SQLite file behind the trail's back, as someone with access to the file could.</summary>
internal static class SqliteTampering
{
    /// <summary>Runs <paramref name="sql"/> on the file after dropping the append-only triggers (recreated when the trail opens it again).</summary>
    public static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DROP TRIGGER IF EXISTS audit_entries_no_update; DROP TRIGGER IF EXISTS audit_entries_no_delete; " + sql;
        command.ExecuteNonQuery();
    }
}
