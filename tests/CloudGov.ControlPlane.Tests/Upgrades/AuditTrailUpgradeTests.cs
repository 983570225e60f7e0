using CloudGov.ControlPlane.Abstractions.Audit;
using CloudGov.ControlPlane.Persistence.Audit;
using CloudGov.ControlPlane.Tests.Audit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CloudGov.ControlPlane.Tests.Upgrades;

/// <summary>
/// An audit trail the schema-2 release wrote (<c>tests/fixtures/audit/v2/audit.db</c>: 300 entries of
/// <see cref="AuditTrails.Draft"/>, a minute apart from <see cref="AuditTrails.Start"/>) still verifies, answers filtered
/// pages, and takes new entries chained to its old head.
/// </summary>
public sealed class AuditTrailUpgradeTests
{
    private const int Stored = 300;

    [Test]
    public async Task Open_TrailTheSchema2ReleaseWrote_VerifiesFiltersAndAppendsOnItsHead()
    {
        var path = AuditTrails.NewSqlitePath();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(Path.Combine(TestContext.CurrentContext.TestDirectory, "fixtures", "audit", "v2", "audit.db"), path);
        var time = new FakeTimeProvider(AuditTrails.Start.AddMinutes(Stored));
        await using var handle = AuditStores.Sqlite(path, NullLoggerFactory.Instance);
        var trail = AuditTrails.Over(handle.Store, "cloudgov", time);

        var verified = await trail.VerifyAsync();
        Assert.That(verified.Intact, Is.True, verified.Message);
        Assert.That((verified.EntriesChecked, verified.HeadSequence), Is.EqualTo(((long)Stored, (long)Stored)));

        // Entry i was drafted as Draft(i) at Start + (i-1) minutes: each filter against the rule written plainly.
        var all = Enumerable.Range(1, Stored).ToList();
        var byActor = await trail.ListAsync(new AuditQuery(null, null, "bob", null, null, 0, 1000));
        var byAction = await trail.ListAsync(new AuditQuery(null, null, null, "plan_approved", null, 100, 1000));
        var byTarget = await trail.ListAsync(new AuditQuery(null, null, null, null, "plan-0123", 0, 10));
        var byTime = await trail.ListAsync(new AuditQuery(AuditTrails.Start.AddMinutes(200), AuditTrails.Start.AddMinutes(210), "carol", null, null, 0, 1000));
        Assert.Multiple(() =>
        {
            Assert.That(byActor.Entries.Select(e => e.Sequence), Is.EqualTo(all.Where(i => i % 3 == 1).Select(i => (long)i)));
            Assert.That(byAction.Entries.Select(e => e.Sequence), Is.EqualTo(all.Where(i => i > 100 && i % 2 == 0).Select(i => (long)i)));
            Assert.That(byTarget.Entries.Select(e => e.Sequence), Is.EqualTo(new long[] { 123 }));
            Assert.That(byTime.Entries.Select(e => e.Sequence), Is.EqualTo(all.Where(i => i - 1 >= 200 && i - 1 < 210 && i % 3 == 2).Select(i => (long)i)));
            Assert.That(byTarget.Entries.Single().Reason, Is.EqualTo("reason 123: 变更窗口"), "non-ASCII text read back as stored");
        });

        var head = (await handle.Store.ReadHeadAsync("cloudgov", CancellationToken.None))!;
        var next = await trail.AppendAsync(AuditTrails.Draft(Stored + 1));
        Assert.That((next.Sequence, next.PreviousHash), Is.EqualTo((Stored + 1L, head.Hash)), "the next entry goes on the old head");
        var after = await trail.VerifyAsync();
        Assert.That((after.Intact, after.EntriesChecked), Is.EqualTo((true, Stored + 1L)), after.Message);
    }
}
