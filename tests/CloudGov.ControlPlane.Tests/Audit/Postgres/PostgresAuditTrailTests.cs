using CloudGov.ControlPlane.Abstractions.Audit;
using CloudGov.ControlPlane.Audit;
using CloudGov.ControlPlane.Persistence;
using CloudGov.ControlPlane.Persistence.Audit;
using CloudGov.ControlPlane.Persistence.Postgres;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace CloudGov.ControlPlane.Tests.Audit.Postgres;

/// <summary>
/// The audit trail on a private PostgreSQL: the schema command creates it, several hosts append into one chain, and
/// rows edited directly in the database are named by <c>audit verify</c>.
/// </summary>
public sealed class PostgresAuditTrailTests
{
    [Test]
    public async Task SchemaApply_NewDatabase_CreatesTheAuditTablesAndRefusesUpdatesAndDeletes()
    {
        var database = await NewDatabaseAsync();
        var store = AuditStores.Postgres(database);
        var time = new FakeTimeProvider(AuditTrails.Start);
        await AuditTrails.AppendAsync(AuditTrails.Over(store, "cloudgov", time), time, 2);

        var update = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(database, "UPDATE cloudgov_audit_entry SET reason = 'x' WHERE seq = 1;", disableTrigger: false));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(database, "DELETE FROM cloudgov_audit_entry WHERE seq = 2;", disableTrigger: false));

        Assert.That(update!.MessageText, Does.Contain("append-only"));
        Assert.That(delete!.MessageText, Does.Contain("append-only"));
        Assert.That(await store.ReadAsync("cloudgov", 0, 10, CancellationToken.None), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Append_FourHostsFiftyEachAtOnce_OneGaplessChainThatVerifies()
    {
        var database = await NewDatabaseAsync();
        var hosts = Enumerable.Range(0, 4).Select(_ => AuditStores.Postgres(database)).ToList();   // own connection pool each, as separate hosts
        var time = new FakeTimeProvider(AuditTrails.Start);

        await Task.WhenAll(hosts.Select((store, host) => Task.Run(async () =>
        {
            var trail = AuditTrails.Over(store, "cloudgov", time);
            for (int i = 0; i < 50; i++)
            {
                await trail.AppendAsync(AuditTrails.Draft((host * 50) + i));
            }
        })));

        var verification = await AuditChainVerifier.VerifyAsync(hosts[0], "cloudgov", CancellationToken.None);
        Assert.That(verification.Intact, Is.True, verification.Message);
        Assert.That((verification.EntriesChecked, verification.HeadSequence), Is.EqualTo((200L, 200L)));
        var (exit, output) = await VerifyAsync(database);
        Assert.That(exit, Is.EqualTo(AuditCommand.Intact), output);
        foreach (var store in hosts)
        {
            await ((IAsyncDisposable)store).DisposeAsync();
        }
    }

    [Test]
    public async Task List_FilteredAndPaged_SameAnswersAsSqlite()
    {
        var database = await NewDatabaseAsync();
        var store = AuditStores.Postgres(database);
        var time = new FakeTimeProvider(AuditTrails.Start);
        var trail = AuditTrails.Over(store, "cloudgov", time);
        await AuditTrails.AppendAsync(trail, time, 12);

        var first = await trail.ListAsync(new AuditQuery(null, null, null, "plan_cancelled", null, 0, 4));
        var second = await trail.ListAsync(new AuditQuery(null, null, null, "plan_cancelled", null, first.ContinueAfter!.Value, 4));
        var byTenantTarget = await trail.ListAsync(new AuditQuery(null, null, "bob", null, "tenant-0", 0, 100));
        var byTime = await trail.ListAsync(new AuditQuery(AuditTrails.Start.AddMinutes(3), AuditTrails.Start.AddMinutes(6), null, null, null, 0, 100));

        Assert.That(first.Entries.Select(e => e.Sequence), Is.EqualTo(new long[] { 1, 3, 5, 7 }));
        Assert.That((second.Entries.Select(e => e.Sequence), second.ContinueAfter), Is.EqualTo((new long[] { 9, 11 }, (long?)null)));
        Assert.That(byTenantTarget.Entries.Select(e => e.Sequence), Is.EqualTo(new long[] { 4, 10 }));
        Assert.That(byTime.Entries.Select(e => e.Sequence), Is.EqualTo(new long[] { 4, 5, 6 }));
        Assert.That(first.Entries[0].Detail["index"], Is.EqualTo("1"));
        Assert.That(first.Entries[0].Reason, Is.EqualTo("reason 1: 变更窗口"));
    }

    [TestCase("UPDATE cloudgov_audit_entry SET reason = 'nothing to see' WHERE seq = 4;", 4, "changed", TestName = "Verify_PostgresReasonOfEntry4Edited_NamesEntry4Changed")]
    [TestCase("UPDATE cloudgov_audit_entry SET targets = '[\"plan-9999\"]' WHERE seq = 2;", 2, "changed", TestName = "Verify_PostgresTargetsOfEntry2Edited_NamesEntry2Changed")]
    [TestCase("DELETE FROM cloudgov_audit_entry WHERE seq = 3;", 3, "removed", TestName = "Verify_PostgresEntry3Deleted_NamesEntry3Removed")]
    [TestCase("DELETE FROM cloudgov_audit_entry WHERE seq = 6;", 6, "removed", TestName = "Verify_PostgresLastEntryDeleted_NamesEntry6Removed")]
    [TestCase("UPDATE cloudgov_audit_entry SET seq = -2 WHERE seq = 2; UPDATE cloudgov_audit_entry SET seq = 2 WHERE seq = 5; UPDATE cloudgov_audit_entry SET seq = 5 WHERE seq = -2;", 2, "reordered", TestName = "Verify_PostgresEntries2And5Swapped_NamesEntry2Reordered")]
    public async Task Verify_RowEditedInPostgres_ExitOneNamingTheFirstBrokenEntry(string sql, int entry, string kind)
    {
        var database = await NewDatabaseAsync();
        var store = AuditStores.Postgres(database);
        var time = new FakeTimeProvider(AuditTrails.Start);
        await AuditTrails.AppendAsync(AuditTrails.Over(store, "cloudgov", time), time, 6);
        await ExecuteAsync(database, sql, disableTrigger: true);

        var (exit, output) = await VerifyAsync(database);

        Assert.That(exit, Is.EqualTo(AuditCommand.Broken), output);
        Assert.That(output, Does.Contain($"BROKEN at entry {entry} ({kind})"));
    }

    [Test]
    public async Task Append_PostgresStopped_ThrowsAuditUnavailableAndTheDecisionIsNotMade()
    {
        var trail = AuditTrails.Over(AuditStores.Postgres("Host=127.0.0.1;Port=1;Username=x;Database=x;Timeout=2"), "cloudgov", new FakeTimeProvider(AuditTrails.Start));
        bool decided = false;

        await Assert.ThrowsAsync<AuditUnavailableException>(() => trail.DecideAsync(AuditTrails.Draft(1), () => { decided = true; return Task.FromResult(0); }, _ => AuditOutcome.Applied()));

        Assert.That(decided, Is.False);
    }

    private static async Task<string> NewDatabaseAsync()
    {
        var database = await AuditPostgresServer.Server.CreateDatabaseAsync("audit");
        var exit = await SchemaCommand.RunAsync(["schema", "apply", "--postgres", database], new StringWriter(), new StringWriter(), CancellationToken.None);
        Assert.That(exit, Is.EqualTo(SchemaCommand.Success), "schema apply");
        return database;
    }

    private static async Task ExecuteAsync(string database, string sql, bool disableTrigger)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            (disableTrigger ? "ALTER TABLE cloudgov_audit_entry DISABLE TRIGGER cloudgov_audit_entry_append_only; " : string.Empty) + sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<(int Exit, string Output)> VerifyAsync(string database)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await AuditCommand.RunAsync(
            ["audit", "verify", "--Storage:Mode=Postgres", $"--Storage:PostgresConnectionString={database}"], output, error, CancellationToken.None);
        return (exit, output + error.ToString());
    }
}
