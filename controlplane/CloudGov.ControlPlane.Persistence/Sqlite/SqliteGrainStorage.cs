using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace CloudGov.ControlPlane.Persistence.Sqlite;

/// <summary>
/// Orleans grain storage in a local SQLite file. The ETag is the row's version: a write or clear whose ETag is
/// not the stored one throws <see cref="InconsistentStateException"/> and changes nothing. The grain state object
/// (<see cref="IGrainState{T}"/>) is only updated after the write committed.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage
{
    private const string ReadSql = "SELECT version, payload FROM grain_state WHERE grain_id = $g AND state_name = $s;";
    private const string VersionSql = "SELECT version FROM grain_state WHERE grain_id = $g AND state_name = $s;";
    private const string InsertSql = """
        INSERT INTO grain_state (grain_id, state_name, version, payload, modified_utc)
        VALUES ($g, $s, 1, $p, $m)
        ON CONFLICT (grain_id, state_name) DO NOTHING;
        """;
    private const string UpdateSql = """
        UPDATE grain_state SET version = version + 1, payload = $p, modified_utc = $m
        WHERE grain_id = $g AND state_name = $s AND version = $v;
        """;

    private readonly string _name;
    private readonly SqliteDatabase _database;
    private readonly IGrainStorageSerializer _serializer;
    private readonly IActivatorProvider _activators;
    private readonly ILogger _logger;

    internal SqliteGrainStorage(
        string name,
        SqliteDatabase database,
        IGrainStorageSerializer serializer,
        IActivatorProvider activators,
        ILogger<SqliteGrainStorage> logger)
    {
        _name = name;
        _database = database;
        _serializer = serializer;
        _activators = activators;
        _logger = logger;
    }

    /// <summary>The full path of the database file.</summary>
    public string DataSource => _database.FullPath;

    internal static SqliteGrainStorage Create(IServiceProvider services, string name)
    {
        var options = services.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(name);
        var serializer = options.GrainStorageSerializer
            ?? throw new InvalidOperationException($"SQLite grain storage '{name}' has no grain storage serializer.");
        var database = services.GetRequiredService<SqliteDatabaseRegistry>().Get(SqliteDatabaseSettings.From(options));
        return new SqliteGrainStorage(
            name,
            database,
            serializer,
            services.GetRequiredService<IActivatorProvider>(),
            services.GetRequiredService<ILogger<SqliteGrainStorage>>());
    }

    /// <summary>Opens the file and creates the schema now rather than on first use.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => _database.EnsureInitializedAsync(cancellationToken);

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = grainId.ToString();
        var (version, payload) = await _database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = ReadSql;
            command.Parameters.AddWithValue("$g", key);
            command.Parameters.AddWithValue("$s", stateName);
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? ((long?)reader.GetInt64(0), reader.IsDBNull(1) ? null : (byte[])reader.GetValue(1))
                : (null, null);
        }).ConfigureAwait(false);

        var state = payload is null ? NewState<T>() : _serializer.Deserialize<T>(new BinaryData(payload));
        grainState.State = state;
        grainState.ETag = FormatETag(version);
        grainState.RecordExists = payload is not null;
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = grainId.ToString();
        var expected = ParseETag(stateName, key, grainState.ETag);
        var payload = _serializer.Serialize(grainState.State).ToArray();
        var modified = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);

        long? written;
        try
        {
            written = await _database.WriteAsync(context =>
            {
                var command = context.Command(expected is null ? InsertSql : UpdateSql);
                command.Parameters.AddWithValue("$g", key);
                command.Parameters.AddWithValue("$s", stateName);
                command.Parameters.AddWithValue("$p", payload);
                command.Parameters.AddWithValue("$m", modified);
                if (expected is not null)
                {
                    command.Parameters.AddWithValue("$v", expected.Value);
                }

                return command.ExecuteNonQuery() == 1 ? (expected ?? 0) + 1 : (long?)null;
            }).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            PersistenceLog.GrainStateWriteFailed(_logger, ex, _name, stateName, key);
            throw;
        }

        if (written is null)
        {
            throw await ConflictAsync("write", stateName, key, grainState.ETag).ConfigureAwait(false);
        }

        grainState.ETag = FormatETag(written);
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = grainId.ToString();
        var expected = ParseETag(stateName, key, grainState.ETag);
        var modified = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);

        // A clear leaves a tombstone (payload NULL) with the next version, so the version never repeats.
        var (cleared, newVersion) = await _database.WriteAsync(context =>
        {
            if (expected is null)
            {
                var probe = context.Command(VersionSql);
                probe.Parameters.AddWithValue("$g", key);
                probe.Parameters.AddWithValue("$s", stateName);
                return (probe.ExecuteScalar() is null, (long?)null);
            }

            var command = context.Command(UpdateSql);
            command.Parameters.AddWithValue("$g", key);
            command.Parameters.AddWithValue("$s", stateName);
            command.Parameters.AddWithValue("$p", DBNull.Value);
            command.Parameters.AddWithValue("$m", modified);
            command.Parameters.AddWithValue("$v", expected.Value);
            return command.ExecuteNonQuery() == 1 ? (true, expected.Value + 1) : (false, (long?)null);
        }).ConfigureAwait(false);

        if (!cleared)
        {
            throw await ConflictAsync("clear", stateName, key, grainState.ETag).ConfigureAwait(false);
        }

        grainState.State = NewState<T>();
        grainState.ETag = FormatETag(newVersion);
        grainState.RecordExists = false;
    }

    private async Task<InconsistentStateException> ConflictAsync(string operation, string stateName, string key, string? etag)
    {
        var stored = await _database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = VersionSql;
            command.Parameters.AddWithValue("$g", key);
            command.Parameters.AddWithValue("$s", stateName);
            return command.ExecuteScalar() is long version ? version.ToString(CultureInfo.InvariantCulture) : null;
        }).ConfigureAwait(false);

        PersistenceLog.GrainStateConflict(_logger, _name, operation, stateName, key, etag, stored);
        return new InconsistentStateException(
            $"SQLite grain storage '{_name}': {operation} of state '{stateName}' for grain {key} with ETag '{etag ?? "<none>"}' " +
            $"conflicts with the stored ETag '{stored ?? "<none>"}'.",
            stored ?? "",
            etag ?? "");
    }

    private long? ParseETag(string stateName, string key, string? etag)
    {
        if (string.IsNullOrEmpty(etag))
        {
            return null;
        }

        if (long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return version;
        }

        throw new InconsistentStateException(
            $"SQLite grain storage '{_name}': ETag '{etag}' of state '{stateName}' for grain {key} was not issued by this provider.",
            "",
            etag);
    }

    private static string? FormatETag(long? version) => version?.ToString(CultureInfo.InvariantCulture);

    private T NewState<T>() => _activators.GetActivator<T>().Create();
}
