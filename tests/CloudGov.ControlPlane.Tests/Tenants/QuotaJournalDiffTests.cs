using CloudGov.ControlPlane.Abstractions.Tenants;
using CloudGov.ControlPlane.Grains.Tenants;
using static CloudGov.ControlPlane.Tests.Tenants.QuotaTrees;

namespace CloudGov.ControlPlane.Tests.Tenants;

/// <summary>A group commit carries only the rows its decisions changed, and the removals the retention made.</summary>
public sealed class QuotaJournalDiffTests
{
    [Test]
    public void Between_OneNewRequestAmongMany_OnlyThatRequestWritten()
    {
        var stored = Book(requests: 500);
        var record = Record(501, "t1");
        var next = stored with { Requests = stored.Requests.SetItem(record.RequestId, record), LastSequence = 501 };

        var batch = QuotaJournalDiff.Between(stored, next, [record.RequestId], []);

        Assert.That(batch.Requests, Is.EqualTo(new[] { record }));
        Assert.That((batch.RemovedRequests, batch.Tenants, batch.RemovedTenants), Is.EqualTo((ImmutableArray<string>.Empty, ImmutableArray<TenantNode>.Empty, ImmutableArray<string>.Empty)));
        Assert.That(batch.LastSequence, Is.EqualTo(501));
    }

    [Test]
    public void Between_RetentionDroppedOldRequestsAndATenantChanged_RemovalsAndTheChangedTenantWritten()
    {
        var stored = Book(requests: 10);
        var record = Record(11, "t1");
        var changed = stored.Tenants["t1"] with { Allocated = Cpu(9_000) };
        var next = stored with
        {
            Requests = stored.Requests.Remove("qr-000000000001").Remove("qr-000000000002").SetItem(record.RequestId, record),
            Tenants = stored.Tenants.SetItem("t1", changed).Remove("t2"),
            TreeVersion = stored.TreeVersion + 1,
        };

        var batch = QuotaJournalDiff.Between(stored, next, [record.RequestId], []);

        Assert.That(batch.Requests, Is.EqualTo(new[] { record }));
        Assert.That(batch.RemovedRequests, Is.EquivalentTo(new[] { "qr-000000000001", "qr-000000000002" }));
        Assert.That(batch.Tenants, Is.EqualTo(new[] { changed }));
        Assert.That(batch.RemovedTenants, Is.EqualTo(new[] { "t2" }));
    }

    [Test]
    public void Between_TouchedTenantsGiven_OnlyTheChangedTouchedTenantWrittenNoneRemoved()
    {
        var stored = Book(requests: 10);
        var record = Record(11, "t1");
        var changed = stored.Tenants["t1"] with { Allocated = Cpu(9_000) };
        var next = stored with
        {
            Requests = stored.Requests.SetItem(record.RequestId, record),
            Tenants = stored.Tenants.SetItem("t1", changed),
            TreeVersion = stored.TreeVersion + 1,
        };

        var batch = QuotaJournalDiff.Between(stored, next, [record.RequestId], [], touchedTenants: ["t1", "t2"]);

        Assert.That(batch.Tenants, Is.EqualTo(new[] { changed }), "t2 was touched but left unchanged");
        Assert.That(batch.RemovedTenants, Is.Empty);
        Assert.That(batch.TreeVersion, Is.EqualTo(stored.TreeVersion + 1));
    }

    [Test]
    public void StateOf_Snapshot_IdempotencyIndexRebuiltFromTheRequests()
    {
        var stored = Book(requests: 3);
        var snapshot = new QuotaJournalSnapshot([.. stored.Tenants.Values], [.. stored.Requests.Values], 3, 7);

        var state = QuotaJournalDiff.StateOf(snapshot);

        Assert.That(state.IdempotencyKeys, Is.EquivalentTo(stored.IdempotencyKeys));
        Assert.That(state.PendingByTenant, Is.EquivalentTo(new Dictionary<string, int> { ["t1"] = 1 }), "request 3 of t1 waits");
        Assert.That((state.LastSequence, state.TreeVersion, state.Requests.Count, state.Tenants.Count), Is.EqualTo((3L, 7L, 3, 2)));
    }

    private static TenantQuotaState Book(int requests)
    {
        var records = Enumerable.Range(1, requests).Select(i => Record(i, i % 2 == 0 ? "t2" : "t1")).ToList();
        return new TenantQuotaState
        {
            Tenants = new[] { Node("t1", "", Cpu(10_000)), Node("t2", "", Cpu(10_000)) }.ToImmutableDictionary(t => t.TenantId),
            Requests = records.ToImmutableDictionary(r => r.RequestId),
            IdempotencyKeys = records.ToImmutableDictionary(r => QuotaBook.KeyOf(r.TenantId, r.IdempotencyKey), r => r.RequestId),
            LastSequence = requests,
            TreeVersion = 7,
        };
    }

    private static QuotaRequestRecord Record(long sequence, string tenant) => new()
    {
        RequestId = $"qr-{sequence:D12}",
        TenantId = tenant,
        Amount = Cpu(1_000),
        IdempotencyKey = $"key-{sequence}",
        Sequence = sequence,
        State = sequence == 3 ? QuotaRequestState.Pending : QuotaRequestState.Approved,
    };
}
