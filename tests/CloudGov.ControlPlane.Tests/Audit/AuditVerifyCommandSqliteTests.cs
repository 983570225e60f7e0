using CloudGov.ControlPlane.Abstractions.Audit;
using CloudGov.ControlPlane.Audit;
using CloudGov.ControlPlane.Persistence.Audit;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudGov.ControlPlane.Tests.Audit;

/// <summary>
/// <c>audit verify</c> over a SQLite file edited directly: every change, removal and reordering is named by the first
/// entry it broke, with a non-zero exit code; an untouched chain passes.
/// </summary>
public sealed class AuditVerifyCommandSqliteTests
{
    [Test]
    public async Task Verify_UntouchedChain_ExitZeroAndSaysIntact()
    {
        var path = await AuditTrails.SeedSqliteAsync(6);

        var (exit, output, _) = await RunAsync(path);

        Assert.That(exit, Is.EqualTo(AuditCommand.Intact));
        Assert.That(output, Does.Contain("chain 'cloudgov'").And.Contain("intact, 6 entries, head 6"));
    }

    [TestCase("UPDATE audit_entries SET reason = 'nothing to see' WHERE seq = 4;", 4, "changed", TestName = "Verify_ReasonOfEntry4Edited_NamesEntry4Changed")]
    [TestCase("UPDATE audit_entries SET actor_subject = 'mallory' WHERE seq = 1;", 1, "changed", TestName = "Verify_ActorOfEntry1Edited_NamesEntry1Changed")]
    [TestCase("UPDATE audit_entries SET detail = '{\"index\":\"99\"}' WHERE seq = 5;", 5, "changed", TestName = "Verify_DetailOfEntry5Edited_NamesEntry5Changed")]
    [TestCase("UPDATE audit_entries SET at_us = at_us + 1 WHERE seq = 2;", 2, "changed", TestName = "Verify_TimeOfEntry2Edited_NamesEntry2Changed")]
    [TestCase("DELETE FROM audit_entries WHERE seq = 3;", 3, "removed", TestName = "Verify_Entry3Deleted_NamesEntry3Removed")]
    [TestCase("DELETE FROM audit_entries WHERE seq = 6;", 6, "removed", TestName = "Verify_LastEntryDeleted_NamesEntry6Removed")]
    [TestCase("DELETE FROM audit_entries WHERE seq >= 5; UPDATE audit_heads SET seq = 4;", 4, "changed", TestName = "Verify_TailDeletedAndHeadSequenceRewound_NamesEntry4")]
    [TestCase("UPDATE audit_entries SET seq = -2 WHERE seq = 2; UPDATE audit_entries SET seq = 2 WHERE seq = 5; UPDATE audit_entries SET seq = 5 WHERE seq = -2;", 2, "reordered", TestName = "Verify_Entries2And5Swapped_NamesEntry2Reordered")]
    [TestCase("UPDATE audit_entries SET seq = -1 WHERE seq = 1; UPDATE audit_entries SET seq = 1 WHERE seq = 2; UPDATE audit_entries SET seq = 2 WHERE seq = -1;", 1, "reordered", TestName = "Verify_Entries1And2Swapped_NamesEntry1Reordered")]
    public async Task Verify_RowEditedInSqlite_ExitOneNamingTheFirstBrokenEntry(string sql, int entry, string kind)
    {
        var path = await AuditTrails.SeedSqliteAsync(6);
        SqliteTampering.Execute(path, sql);

        var (exit, output, _) = await RunAsync(path);

        Assert.That(exit, Is.EqualTo(AuditCommand.Broken), output);
        Assert.That(output, Does.Contain($"BROKEN at entry {entry} ({kind})"));
    }

    [Test]
    public async Task Verify_Entry3EditedAndReHashed_NamesEntry3ByTheBrokenLinkOfEntry4()
    {
        var path = await AuditTrails.SeedSqliteAsync(6);
        AuditEntry third;
        await using (var handle = AuditStores.Sqlite(path, NullLoggerFactory.Instance))
        {
            third = (await handle.Store.ReadAsync("cloudgov", 2, 1, CancellationToken.None))[0];
        }

        var forged = AuditCanonical.Sealed(third with { Reason = "approved by the minister" });
        SqliteTampering.Execute(path, $"UPDATE audit_entries SET reason = '{forged.Reason}', hash = '{forged.Hash}' WHERE seq = 3;");

        var (exit, output, _) = await RunAsync(path);

        Assert.That(exit, Is.EqualTo(AuditCommand.Broken));
        Assert.That(output, Does.Contain("BROKEN at entry 3 (changed)").And.Contain("re-hashed"));
    }

    [Test]
    public async Task Verify_NoSuchFile_ExitThreeNamingThePath()
    {
        var path = AuditTrails.NewSqlitePath();

        var (exit, _, error) = await RunAsync(path);

        Assert.That(exit, Is.EqualTo(AuditCommand.Unreadable));
        Assert.That(error, Does.Contain(path));
        Assert.That(File.Exists(path), Is.False, "verifying never creates a store");
    }

    [Test]
    public async Task Run_UnknownSubcommand_ExitTwoWithUsage()
    {
        var error = new StringWriter();

        var exit = await AuditCommand.RunAsync(["audit", "fix"], new StringWriter(), error, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(AuditCommand.Usage));
        Assert.That(error.ToString(), Does.Contain("usage: cloudgov-controlplane audit verify"));
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string path)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await AuditCommand.RunAsync(["audit", "verify", $"--Storage:SqlitePath={path}"], output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }
}
