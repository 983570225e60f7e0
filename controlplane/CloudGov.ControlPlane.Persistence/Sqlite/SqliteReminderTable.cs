using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;

namespace CloudGov.ControlPlane.Persistence.Sqlite;

/// <summary>
/// Durable reminders for the single-node deployment, in the same SQLite file as the grain state. The ETag is
/// the row's version; a remove with a stale ETag removes nothing.
/// </summary>
internal sealed class SqliteReminderTable : IReminderTable
{
    private const string Columns = "grain_id, reminder_name, start_ticks, period_ms, version";

    private readonly SqliteDatabase _database;
    private readonly string _serviceId;

    public SqliteReminderTable(SqliteDatabaseRegistry registry, IOptions<SqliteReminderTableOptions> options, IOptions<ClusterOptions> cluster)
    {
        _database = registry.Get(options.Value.ToSettings());
        _serviceId = cluster.Value.ServiceId;
    }

    public Task StartAsync(CancellationToken cancellationToken) => _database.EnsureInitializedAsync(cancellationToken);

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        QueryAsync($"SELECT {Columns} FROM reminders WHERE service_id = $svc AND grain_id = $g;", p => p.AddWithValue("$g", grainId.ToString()));

    public Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        // The ring range is (begin, end]; when begin >= end it wraps around zero.
        var condition = begin < end ? "grain_hash > $b AND grain_hash <= $e" : "(grain_hash > $b OR grain_hash <= $e)";
        return QueryAsync($"SELECT {Columns} FROM reminders WHERE service_id = $svc AND {condition};", p =>
        {
            p.AddWithValue("$b", (long)begin);
            p.AddWithValue("$e", (long)end);
        });
    }

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        var rows = await QueryAsync(
            $"SELECT {Columns} FROM reminders WHERE service_id = $svc AND grain_id = $g AND reminder_name = $n;",
            p =>
            {
                p.AddWithValue("$g", grainId.ToString());
                p.AddWithValue("$n", reminderName);
            }).ConfigureAwait(false);
        return rows.Reminders.Count > 0 ? rows.Reminders[0] : null;
    }

    public Task<string?> UpsertRow(ReminderEntry entry)
    {
        var grainId = entry.GrainId.ToString();
        var hash = (long)entry.GrainId.GetUniformHashCode();
        return _database.WriteAsync(context =>
        {
            var command = context.Command("""
                INSERT INTO reminders (service_id, grain_id, reminder_name, grain_hash, start_ticks, period_ms, version)
                VALUES ($svc, $g, $n, $h, $start, $period, 1)
                ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE SET
                    grain_hash = excluded.grain_hash, start_ticks = excluded.start_ticks,
                    period_ms = excluded.period_ms, version = reminders.version + 1
                RETURNING version;
                """);
            command.Parameters.AddWithValue("$svc", _serviceId);
            command.Parameters.AddWithValue("$g", grainId);
            command.Parameters.AddWithValue("$n", entry.ReminderName);
            command.Parameters.AddWithValue("$h", hash);
            command.Parameters.AddWithValue("$start", entry.StartAt.Ticks);
            command.Parameters.AddWithValue("$period", (long)entry.Period.TotalMilliseconds);
            var version = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
            return (string?)version.ToString(CultureInfo.InvariantCulture);
        });
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        if (!long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return Task.FromResult(false);
        }

        var key = grainId.ToString();
        return _database.WriteAsync(context =>
        {
            var command = context.Command(
                "DELETE FROM reminders WHERE service_id = $svc AND grain_id = $g AND reminder_name = $n AND version = $v;");
            command.Parameters.AddWithValue("$svc", _serviceId);
            command.Parameters.AddWithValue("$g", key);
            command.Parameters.AddWithValue("$n", reminderName);
            command.Parameters.AddWithValue("$v", version);
            return command.ExecuteNonQuery() == 1;
        });
    }

    public Task TestOnlyClearTable() =>
        _database.WriteAsync(context =>
        {
            var command = context.Command("DELETE FROM reminders WHERE service_id = $svc;");
            command.Parameters.AddWithValue("$svc", _serviceId);
            return command.ExecuteNonQuery();
        });

    private Task<ReminderTableData> QueryAsync(string sql, Action<SqliteParameterCollection> bind) =>
        _database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$svc", _serviceId);
            bind(command.Parameters);
            using var reader = command.ExecuteReader();
            var entries = new List<ReminderEntry>();
            while (reader.Read())
            {
                entries.Add(new ReminderEntry
                {
                    GrainId = GrainId.Parse(reader.GetString(0)),
                    ReminderName = reader.GetString(1),
                    StartAt = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
                    Period = TimeSpan.FromMilliseconds(reader.GetInt64(3)),
                    ETag = reader.GetInt64(4).ToString(CultureInfo.InvariantCulture),
                });
            }

            return new ReminderTableData(entries);
        });
}
