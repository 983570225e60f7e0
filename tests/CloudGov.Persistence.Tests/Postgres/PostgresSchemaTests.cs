using CloudGov.ControlPlane.Persistence.Postgres;
using Npgsql;

namespace CloudGov.Persistence.Tests.Postgres;

[TestFixture]
public sealed class PostgresSchemaTests
{
    /// <summary>Every query key the Orleans 10.4.2 ADO.NET clustering, persistence and reminder providers load.</summary>
    private static readonly string[] RequiredKeys =
    [
        "UpdateIAmAlivetimeKey", "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
        "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey",
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    [Test]
    public void Queries_EmbeddedResources_CoverEveryProviderKey()
    {
        Assert.That(PostgresSchema.Queries.Keys, Is.SupersetOf(RequiredKeys));
    }

    [Test]
    public async Task ApplyAsync_Twice_SucceedsAndInstallsQueriesAndVersion()
    {
        var database = await PostgresTestServer.Server.CreateDatabaseAsync("schema_twice");

        await PostgresSchema.ApplyAsync(database, CancellationToken.None);
        await PostgresSchema.ApplyAsync(database, CancellationToken.None);

        Assert.That(await InstalledKeysAsync(database), Is.SupersetOf(RequiredKeys));
        Assert.That(await SchemaVersionAsync(database), Is.EqualTo(PostgresSchema.Version));
    }

    [Test]
    public async Task ApplyAsync_ThreeConcurrentAppliers_AllSucceed()
    {
        var database = await PostgresTestServer.Server.CreateDatabaseAsync("schema_concurrent");

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => PostgresSchema.ApplyAsync(database, CancellationToken.None))));

        Assert.That(await InstalledKeysAsync(database), Is.SupersetOf(RequiredKeys));
        Assert.That(await SchemaVersionAsync(database), Is.EqualTo(PostgresSchema.Version));
    }

    [Test]
    public async Task ApplyAsync_ChangedQueryText_IsRestored()
    {
        var database = await PostgresTestServer.Server.CreateDatabaseAsync("schema_restore");
        await PostgresSchema.ApplyAsync(database, CancellationToken.None);
        await ExecuteAsync(database, "UPDATE OrleansQuery SET QueryText = 'SELECT 1' WHERE QueryKey = 'WriteToStorageKey';");

        await PostgresSchema.ApplyAsync(database, CancellationToken.None);

        Assert.That(await ScalarAsync<string>(database, "SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'WriteToStorageKey';"),
            Is.EqualTo(PostgresSchema.Queries["WriteToStorageKey"]));
    }

    [Test]
    public async Task ApplyAsync_NewerSchemaInstalled_ThrowsAndKeepsIt()
    {
        var database = await PostgresTestServer.Server.CreateDatabaseAsync("schema_newer");
        await PostgresSchema.ApplyAsync(database, CancellationToken.None);
        await ExecuteAsync(database, $"UPDATE cloudgov_schema_version SET version = {PostgresSchema.Version + 1};");

        Assert.That(() => PostgresSchema.ApplyAsync(database, CancellationToken.None),
            Throws.InstanceOf<InvalidOperationException>().With.Message.Contains("newer"));
        Assert.That(await SchemaVersionAsync(database), Is.EqualTo(PostgresSchema.Version + 1));
    }

    private static async Task<string[]> InstalledKeysAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT QueryKey FROM OrleansQuery;", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys.ToArray();
    }

    private static Task<int> SchemaVersionAsync(string connectionString) =>
        ScalarAsync<int>(connectionString, "SELECT version FROM cloudgov_schema_version WHERE component = 'orleans';");

    internal static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    internal static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
