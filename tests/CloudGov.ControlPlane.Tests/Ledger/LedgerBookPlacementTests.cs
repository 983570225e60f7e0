using CloudGov.ControlPlane.Grains.Ledger;
using static CloudGov.ControlPlane.Tests.Ledger.LedgerRecords;

namespace CloudGov.ControlPlane.Tests.Ledger;

/// <summary>A placement is recorded before its command is sent, and refused for an id that runs or is being placed.</summary>
public sealed class LedgerBookPlacementTests
{
    [Test]
    public void RecordPlacement_NewId_RecordedPendingInItsZoneWithPlacedEvent()
    {
        var book = Book();

        var write = book.RecordPlacement(Intent("w-1"), "nn-a", Placing("cmd-1"), "张工", Now);

        Assert.That(write.Recorded, Is.True);
        Assert.That(write.Conflict, Is.Empty);
        var record = book.Records["w-1"];
        Assert.That(write.Record, Is.EqualTo(record));
        Assert.That(record.Managed, Is.True);
        Assert.That(record.Intent, Is.EqualTo(Intent("w-1")));
        Assert.That(record.ZoneId, Is.EqualTo("nn-a"));
        Assert.That(record.LastPlacedAt, Is.EqualTo(Now));
        Assert.That(record.State, Is.EqualTo(ReconciliationState.Pending));
        var placed = record.History.Single();
        Assert.That((placed.Kind, placed.By, placed.ToZoneId), Is.EqualTo((LedgerEventKind.Placed, "张工", "nn-a")));
        Assert.That(placed.Detail, Does.Contain("cmd-1"));
        Assert.That(book.Expected("nn-a").Expected, Is.EqualTo(new[] { "w-1" }), "the zone is now expected to report it");
    }

    [Test]
    public void RecordPlacement_IdAZoneReports_RefusedNamingThatZone()
    {
        var book = Book();
        book.Apply(Sync(NanningB, 1, [Reported("w-1")]), Now);
        var before = book.Records;

        var write = book.RecordPlacement(Intent("w-1"), "nn-a", Placing("cmd-1"), "张工", Now);

        Assert.That(write.Recorded, Is.False);
        Assert.That(write.Conflict, Does.Contain("already runs in zone 'nn-b'"));
        Assert.That(write.Record, Is.EqualTo(before["w-1"]), "the refusal carries the record in the way");
        Assert.That(book.Records, Is.SameAs(before));
    }

    [TestCase(0)]
    [TestCase(5)]
    public void RecordPlacement_IdBeingPlacedUpToItsDeadline_Refused(int minutesLater)
    {
        var book = Book();
        book.RecordPlacement(Intent("w-1"), "nn-a", Placing("cmd-1"), "placement", Now);

        var write = book.RecordPlacement(Intent("w-1"), "nn-b", Placing("cmd-2"), "placement", Now.AddMinutes(minutesLater));

        Assert.That(write.Recorded, Is.False);
        Assert.That(write.Conflict, Does.Contain("already being placed in zone 'nn-a'").And.Contain("cmd-1"));
        Assert.That(book.Records["w-1"].Placing?.CommandId, Is.EqualTo("cmd-1"));
    }

    [Test]
    public void RecordPlacement_IdWhosePlacementExpired_RecordedAgainInTheNewZone()
    {
        var book = Book();
        book.RecordPlacement(Intent("w-1"), "nn-a", Placing("cmd-1"), "placement", Now);

        var write = book.RecordPlacement(Intent("w-1"), "nn-b", new PendingPlacement("cmd-2", Now.AddMinutes(11)), "placement", Now.AddMinutes(6));

        Assert.That(write.Recorded, Is.True);
        Assert.That(book.Records["w-1"].ZoneId, Is.EqualTo("nn-b"));
        Assert.That(book.Records["w-1"].State, Is.EqualTo(ReconciliationState.Pending));
        Assert.That(book.Expected("nn-a").Expected, Is.Empty, "the old zone is no longer expected to report it");
        Assert.That(book.Expected("nn-b").Expected, Is.EqualTo(new[] { "w-1" }));
    }

    [Test]
    public void RecordPlacement_AfterAFailedPlacement_AllowedKeepingTheHistory()
    {
        var book = Book();
        book.RecordPlacement(Intent("w-1"), "nn-a", Placing("cmd-1"), "placement", Now);
        book.Apply(Sync(NanningA, 1, failed: [new PlacementFailure("w-1", "cmd-1", "no capacity")]), Now.AddSeconds(5));

        var write = book.RecordPlacement(Intent("w-1"), "nn-b", Placing("cmd-2"), "placement", Now.AddSeconds(10));

        var record = book.Records["w-1"];
        Assert.That(write.Recorded, Is.True, write.Conflict);
        Assert.That(record.ZoneId, Is.EqualTo("nn-b"));
        Assert.That(record.MissingInZone, Is.False);
        Assert.That(record.State, Is.EqualTo(ReconciliationState.Pending));
        Assert.That(record.History.Select(e => e.Kind), Is.EqualTo(new[]
        {
            LedgerEventKind.Placed, LedgerEventKind.PlacementFailed, LedgerEventKind.StateChanged, LedgerEventKind.Placed, LedgerEventKind.StateChanged,
        }));
    }

    [Test]
    public void Reopen_FromStoredState_StillExpectsThePlacementAndExpiresIt()
    {
        var book = Book();
        book.RecordPlacement(Intent("w-1"), "nn-a", Placing("cmd-1"), "placement", Now);
        var failed = book.State;
        book.Apply(Sync(NanningA, 1, [Reported("w-1")]), Now);

        book.Restore(failed);
        var reopened = new LedgerBook(0, failed, 20);

        foreach (var b in new[] { book, reopened })
        {
            Assert.That(b.Records["w-1"].State, Is.EqualTo(ReconciliationState.Pending));
            Assert.That(b.Expected("nn-a").Expected, Is.EqualTo(new[] { "w-1" }));
            Assert.That(b.Placing, Is.EqualTo(1));
            Assert.That(b.Refresh(Now.AddMinutes(6)), Is.True, "its deadline is still watched");
            Assert.That(b.Records["w-1"].State, Is.EqualTo(ReconciliationState.Missing));
        }
    }
}
