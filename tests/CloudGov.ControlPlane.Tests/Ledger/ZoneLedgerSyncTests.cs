using CloudGov.ControlPlane.Grains.Ledger;
using CloudGov.ControlPlane.Grains.Zones;
using static CloudGov.ControlPlane.Tests.Ledger.LedgerRecords;

namespace CloudGov.ControlPlane.Tests.Ledger;

/// <summary>
/// The zone grain's side of the ledger: a sync is due only when something the ledger reconciles changed or a notice is
/// owed; deltas go only to the shards concerned; the first sync, and any after a failure, is full to every shard.
/// </summary>
public sealed class ZoneLedgerSyncTests
{
    private const int MissingAfter = 3;

    private static ZoneReportData Report(ulong sequence, params WorkloadObservation[] workloads) => new(
        sequence, Now.AddSeconds(sequence), new ResourceVector(64_000, 262_144, 4_000), new ResourceVector(8_000, 16_384, 200), [.. workloads], [], Degraded: false);

    private static Dictionary<int, ZoneSyncResult> Expecting(params string[] ids) =>
        ids.GroupBy(LedgerShards.Of).ToDictionary(g => g.Key, g => new ZoneSyncResult([.. g]));

    /// <summary>A sync whose first full sync of <paramref name="first"/> succeeded, the ledger expecting <paramref name="expected"/>.</summary>
    private static ZoneLedgerSync Synced(ZoneReportData first, params string[] expected)
    {
        var sync = new ZoneLedgerSync("nn-a", MissingAfter);
        sync.Observe(first);
        var syncs = sync.Build(first, NanningA, Now);
        sync.Succeeded(first, NanningA, syncs, Expecting(expected), Now);
        return sync;
    }

    /// <summary>Builds and applies the sync due for <paramref name="report"/>, the ledger expecting nothing new.</summary>
    private static Dictionary<int, ZoneSync> Send(ZoneLedgerSync sync, ZoneReportData report)
    {
        var syncs = sync.Build(report, NanningA, Now);
        sync.Succeeded(report, NanningA, syncs, new Dictionary<int, ZoneSyncResult>(), Now);
        return syncs;
    }

    [Test]
    public void Observe_FirstReport_FullSyncToEveryShardDue()
    {
        var sync = new ZoneLedgerSync("nn-a", MissingAfter);
        var report = Report(1, Reported("w-1"), Reported("w-2"));

        bool due = sync.Observe(report);
        var syncs = sync.Build(report, NanningA, Now);

        Assert.That(due, Is.True);
        Assert.That(sync.NeedsFull, Is.True);
        Assert.That(syncs.Keys, Is.EquivalentTo(Enumerable.Range(0, LedgerShards.Count)));
        Assert.That(syncs.Values.Select(s => s.Full), Is.All.True);
        Assert.That(syncs.Values.Select(s => (s.ZoneId, s.Sequence, s.Facts)).Distinct(), Is.EqualTo(new[] { ("nn-a", 1UL, NanningA) }));
        Assert.That(syncs.SelectMany(s => s.Value.Upserts.Select(u => (s.Key, u.WorkloadId))),
            Is.EquivalentTo(new[] { (LedgerShards.Of("w-1"), "w-1"), (LedgerShards.Of("w-2"), "w-2") }), "each workload goes to its own shard");
    }

    [Test]
    public void Succeeded_FullSync_NoLongerNeedsFullAndRemembersWhen()
    {
        var sync = Synced(Report(1, Reported("w-1")));

        Assert.That(sync.NeedsFull, Is.False);
        Assert.That(sync.LastFullSync, Is.EqualTo(Now));
    }

    [Test]
    public void Observe_UnchangedReport_NoSyncDue()
    {
        var sync = Synced(Report(1, Reported("w-1"), Reported("w-2")));

        Assert.That(sync.Observe(Report(2, Reported("w-1"), Reported("w-2"))), Is.False);
        Assert.That(sync.Observe(Report(3, Reported("w-2"), Reported("w-1"))), Is.False, "the order of a report is not a change");
    }

    [Test]
    public void Observe_ChangedRequests_DeltaUpsertOnlyToThatWorkloadsShard()
    {
        var sync = Synced(Report(1, Reported("w-1"), Reported("w-2")));
        var changed = Report(2, Reported("w-1", new ResourceVector(8000, 8192, 100)), Reported("w-2"));

        bool due = sync.Observe(changed);
        var syncs = sync.Build(changed, NanningA, Now);

        Assert.That(due, Is.True);
        var only = syncs.Single();
        Assert.That(only.Key, Is.EqualTo(LedgerShards.Of("w-1")));
        Assert.That(only.Value.Full, Is.False);
        Assert.That(only.Value.Sequence, Is.EqualTo(2UL));
        Assert.That(only.Value.Upserts.Select(u => (u.WorkloadId, u.Requests.CpuMillicores)), Is.EqualTo(new[] { ("w-1", 8000L) }));
        Assert.That(only.Value.Gone, Is.Empty);
    }

    [TestCase(WorkloadState.Failed, "")]
    [TestCase(WorkloadState.Running, "app=sbk")]
    public void Observe_ChangedStateOrLabels_SyncDue(WorkloadState state, string label)
    {
        var sync = Synced(Report(1, Reported("w-1")));
        var labels = label.Length == 0 ? [] : new[] { (label.Split('=')[0], label.Split('=')[1]) };

        Assert.That(sync.Observe(Report(2, Reported("w-1", state: state, labels: labels))), Is.True);
    }

    [Test]
    public void Build_WorkloadNoLongerReported_GoneToItsShard()
    {
        var sync = Synced(Report(1, Reported("w-1"), Reported("w-2")));
        var removed = Report(2, Reported("w-1"));

        Assert.That(sync.Observe(removed), Is.True);
        var syncs = sync.Build(removed, NanningA, Now);

        var only = syncs.Single();
        Assert.That(only.Key, Is.EqualTo(LedgerShards.Of("w-2")));
        Assert.That(only.Value.Gone, Is.EqualTo(new[] { "w-2" }));
        Assert.That(only.Value.Upserts, Is.Empty);
    }

    [Test]
    public void Build_NewWorkload_UpsertToItsShard()
    {
        var sync = Synced(Report(1, Reported("w-1")));
        var added = Report(2, Reported("w-1"), Reported("w-9"));

        Assert.That(sync.Observe(added), Is.True);
        var only = sync.Build(added, NanningA, Now).Single();

        Assert.That(only.Key, Is.EqualTo(LedgerShards.Of("w-9")));
        Assert.That(only.Value.Upserts.Single().WorkloadId, Is.EqualTo("w-9"));
    }

    [Test]
    public void Observe_ExpectedIdMissingForMissingAfterReports_ToldOnceInMissing()
    {
        var sync = Synced(Report(1, Reported("w-1")), "w-x");
        var told = new List<string>();

        var due = new List<bool>();
        for (ulong seq = 2; seq <= 8; seq++)
        {
            var report = Report(seq, Reported("w-1"));
            due.Add(sync.Observe(report));
            if (due[^1])
            {
                var syncs = Send(sync, report);
                told.AddRange(syncs.Values.SelectMany(s => s.Missing));
                Assert.That(syncs.Keys, Is.EqualTo(new[] { LedgerShards.Of("w-x") }), "the notice goes to its shard only");
            }
        }

        Assert.That(due, Is.EqualTo(new[] { false, false, true, false, false, false, false }));
        Assert.That(told, Is.EqualTo(new[] { "w-x" }));
    }

    [Test]
    public void Observe_ExpectedIdReportedBeforeMissingAfterReports_NeverMissing()
    {
        var sync = Synced(Report(1, Reported("w-1")), "w-x");
        sync.Observe(Report(2, Reported("w-1")));
        sync.Observe(Report(3, Reported("w-1")));
        var back = Report(4, Reported("w-1"), Reported("w-x"));
        Assert.That(sync.Observe(back), Is.True, "a workload back in the report is a change");
        Send(sync, back);

        var gone = Report(5, Reported("w-1"));
        Assert.That(sync.Observe(gone), Is.True);
        var syncs = Send(sync, gone);

        Assert.That(syncs.Values.SelectMany(s => s.Missing), Is.Empty, "its misses count from 1 again");
        Assert.That(syncs.Values.SelectMany(s => s.Gone), Is.EqualTo(new[] { "w-x" }));
    }

    [Test]
    public void Await_PlacedWorkloadNeverReported_MissingAfterMissingAfterReports()
    {
        var sync = Synced(Report(1, Reported("w-1")));
        sync.Await("w-new");

        var due = Enumerable.Range(2, MissingAfter).Select(seq => sync.Observe(Report((ulong)seq, Reported("w-1")))).ToList();
        var syncs = sync.Build(Report(4, Reported("w-1")), NanningA, Now);

        Assert.That(due, Is.EqualTo(new[] { false, false, true }));
        Assert.That(syncs.Values.SelectMany(s => s.Missing), Is.EqualTo(new[] { "w-new" }));
    }

    [Test]
    public void PlacementFailed_NoticeOwed_SentToItsShardOnceAndNoLongerWatched()
    {
        var sync = Synced(Report(1, Reported("w-1")));
        sync.Await("w-new");
        sync.PlacementFailed("w-new", "cmd-1", "quota exceeded");
        var report = Report(2, Reported("w-1"));

        Assert.That(sync.Observe(report), Is.True);
        var syncs = Send(sync, report);

        var only = syncs.Single();
        Assert.That(only.Key, Is.EqualTo(LedgerShards.Of("w-new")));
        Assert.That(only.Value.FailedPlacements, Is.EqualTo(new[] { new PlacementFailure("w-new", "cmd-1", "quota exceeded") }));
        var later = Enumerable.Range(3, MissingAfter + 1).Select(seq => sync.Observe(Report((ulong)seq, Reported("w-1")))).ToList();
        Assert.That(later, Is.All.False, "a failed placement is not also reported missing");
    }

    [Test]
    public void Failed_AfterADelta_NextSyncFullAndNoticesStillOwed()
    {
        var sync = Synced(Report(1, Reported("w-1")));
        sync.PlacementFailed("w-new", "cmd-1", "quota exceeded");
        var report = Report(2, Reported("w-1"));
        sync.Observe(report);
        sync.Build(report, NanningA, Now);

        sync.Failed();

        Assert.That(sync.NeedsFull, Is.True);
        Assert.That(sync.Observe(Report(3, Reported("w-1"))), Is.True);
        var retry = sync.Build(Report(3, Reported("w-1")), NanningA, Now);
        Assert.That(retry.Keys, Is.EquivalentTo(Enumerable.Range(0, LedgerShards.Count)));
        Assert.That(retry.Values.Select(s => s.Full), Is.All.True);
        Assert.That(retry.Values.SelectMany(s => s.FailedPlacements).Select(f => f.CommandId), Is.EqualTo(new[] { "cmd-1" }));
    }

    [Test]
    public void Build_ZoneFactsChanged_FullSync()
    {
        var sync = Synced(Report(1, Reported("w-1")));

        var syncs = sync.Build(Report(2, Reported("w-1")), Facts("nn-a", MlpsLevel.Level2), Now);

        Assert.That(syncs, Has.Count.EqualTo(LedgerShards.Count));
        Assert.That(syncs.Values.Select(s => s.Full), Is.All.True);
    }

    [Test]
    public void RequireFull_UnchangedReport_FullSyncDue()
    {
        var sync = Synced(Report(1, Reported("w-1")));

        sync.RequireFull();

        Assert.That(sync.Observe(Report(2, Reported("w-1"))), Is.True);
        Assert.That(sync.Build(Report(2, Reported("w-1")), NanningA, Now), Has.Count.EqualTo(LedgerShards.Count));
    }
}
