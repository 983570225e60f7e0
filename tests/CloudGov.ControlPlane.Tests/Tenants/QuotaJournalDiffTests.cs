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
    public void Between_BatchesOfRequestsPastTheRetention_WritesAndRemovalsAreExactlyWhatChanged()
    {
        // Requests (every fourth waits), late rejections of waiting ones and retention drops, cut into group commits of
        // 1 to 7 commands: each batch must carry exactly the rows that differ, found without comparing every request.
        var limits = QuotaLimits.Default with { RetainedRequests = 25 };
        var policy = new QuotaAutoApprovalPolicy(new QuotaAutoApprovalOptions());
        var cloud = new QuotaReading(Cpu(1_000_000), Cpu(1_000_000), ResourceVector.Zero);
        var now = new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero);
        var s = QuotaBook.CreateTenant(new TenantQuotaState(), Node("t1", "", Cpu(500_000)), "op", cloud.Capacity, limits, now).State;
        var random = new Random(7);
        int asked = 0;
        for (int batch = 0; batch < 60; batch++)
        {
            var stored = s;
            var touched = new HashSet<string>(StringComparer.Ordinal);
            for (int command = random.Next(1, 8); command > 0; command--)
            {
                var pending = s.Requests.Values.Where(r => r.IsPending).Select(r => r.RequestId).Order(StringComparer.Ordinal).ToList();
                var step = pending.Count > 3 && random.Next(3) == 0
                    ? QuotaBook.Reject(s, pending[random.Next(pending.Count)], "op", "no", limits, now)
                    : QuotaBook.Request(s, new QuotaAsk("t1", QuotaDirection.Increase, Cpu(asked % 4 == 0 ? 90_000 : 1_000), "why", $"k{asked++}", "tester"), cloud, policy, limits, now);
                if (step.Decision is not null)
                {
                    touched.Add(step.Result.Request!.RequestId);
                }

                s = step.State;
            }

            var rows = QuotaJournalDiff.Between(stored, s, touched, []);

            var expectedWritten = s.Requests.Values.Where(r => !stored.Requests.TryGetValue(r.RequestId, out var before) || !ReferenceEquals(before, r)).Select(r => r.RequestId);
            var expectedRemoved = stored.Requests.Keys.Where(id => !s.Requests.ContainsKey(id));
            Assert.That(rows.Requests.Select(r => r.RequestId), Is.EquivalentTo(expectedWritten), $"batch {batch}: written");
            Assert.That(rows.RemovedRequests, Is.EquivalentTo(expectedRemoved), $"batch {batch}: removed");
        }

        Assert.That(s.Requests.Count, Is.LessThanOrEqualTo(limits.RetainedRequests), "the retention held the book");
    }

    [Test]
    public void StateOf_Snapshot_IdempotencyIndexRebuiltFromTheRequests()
    {
        var stored = Book(requests: 3);
        var snapshot = new QuotaJournalSnapshot([.. stored.Tenants.Values], [.. stored.Requests.Values], 3, 7);

        var state = QuotaJournalDiff.StateOf(snapshot);

        Assert.That(state.IdempotencyKeys, Is.EquivalentTo(stored.IdempotencyKeys));
        Assert.That(state.PendingByTenant, Is.EquivalentTo(new Dictionary<string, int> { ["t1"] = 1 }), "request 3 of t1 waits");
        Assert.That(state.Decided.Select(r => r.RequestId), Is.EqualTo(new[] { "qr-000000000001", "qr-000000000002" }), "the decided ones in retention order");
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
