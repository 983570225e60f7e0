using CloudGov.ControlPlane.Abstractions.Ledger;
using CloudGov.ControlPlane.Grains.Ledger;

namespace CloudGov.ControlPlane.Grains.Zones;

/// <summary>
/// A zone grain's side of the ledger: what it last told the ledger, which workloads the ledger expects it to report,
/// and the notices it owes (missing workloads, failed placements). Per report it costs one in-order comparison with the
/// last synced report; only a difference, a notice or the resync interval makes a sync due. Not thread-safe: used
/// inside the zone grain only.
/// </summary>
internal sealed class ZoneLedgerSync(string zoneId, int missingAfterReports)
{
    private readonly Dictionary<int, ImmutableArray<string>> _expected = [];
    private readonly Dictionary<string, int> _misses = new(StringComparer.Ordinal);
    private readonly HashSet<string> _awaiting = new(StringComparer.Ordinal);
    private readonly HashSet<string> _missing = new(StringComparer.Ordinal);
    private readonly List<PlacementFailure> _failures = [];
    private ZoneReportData? _synced;
    private ZoneFacts? _facts;
    private bool _full = true;

    /// <summary>When the last full sync succeeded.</summary>
    public DateTimeOffset? LastFullSync { get; private set; }

    /// <summary>True when the next sync must be full (after activation, a failed sync or changed zone facts).</summary>
    public bool NeedsFull => _full;

    /// <summary>Notes a report; true when a sync is due because of it (a changed workload or a notice owed).</summary>
    public bool Observe(ZoneReportData report)
    {
        ArgumentNullException.ThrowIfNull(report);
        CountMisses(report);
        if (_full || _missing.Count > 0 || _failures.Count > 0)
        {
            return true;
        }

        if (_synced is not null && SameFacts(_synced.Workloads, report.Workloads))
        {
            // Nothing the ledger reconciles changed: the last synced report is now this one.
            _synced = report;
            return false;
        }

        return true;
    }

    /// <summary>A place command for <paramref name="workloadId"/> was stored: expect the zone to report it.</summary>
    public void Await(string workloadId) => _awaiting.Add(workloadId);

    /// <summary>A place command failed: tell its shard.</summary>
    public void PlacementFailed(string workloadId, string commandId, string message)
    {
        _awaiting.Remove(workloadId);
        _misses.Remove(workloadId);
        _failures.Add(new PlacementFailure(workloadId, commandId, message));
    }

    /// <summary>A full sync is due (the zone's facts changed, or the resync interval passed).</summary>
    public void RequireFull() => _full = true;

    /// <summary>The per-shard syncs for <paramref name="report"/>; empty when there is nothing to tell.</summary>
    public Dictionary<int, ZoneSync> Build(ZoneReportData report, ZoneFacts facts, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(facts);
        bool full = _full || _synced is null || _facts != facts;
        var upserts = new Dictionary<int, List<WorkloadObservation>>();
        var gone = new Dictionary<int, List<string>>();
        if (full)
        {
            foreach (var w in report.Workloads)
            {
                Bucket(upserts, LedgerShards.Of(w.WorkloadId)).Add(w);
            }
        }
        else
        {
            var before = new Dictionary<string, WorkloadObservation>(_synced!.Workloads.Length, StringComparer.Ordinal);
            foreach (var w in _synced.Workloads)
            {
                before[w.WorkloadId] = w;
            }

            foreach (var w in report.Workloads)
            {
                if (!before.Remove(w.WorkloadId, out var old) || !old.SameFacts(w))
                {
                    Bucket(upserts, LedgerShards.Of(w.WorkloadId)).Add(w);
                }
            }

            foreach (var id in before.Keys)
            {
                Bucket(gone, LedgerShards.Of(id)).Add(id);
            }
        }

        var missing = _missing.GroupBy(LedgerShards.Of).ToDictionary(g => g.Key, g => g.ToImmutableArray());
        var failures = _failures.GroupBy(f => LedgerShards.Of(f.WorkloadId)).ToDictionary(g => g.Key, g => g.ToImmutableArray());
        var shards = full
            ? Enumerable.Range(0, LedgerShards.Count)
            : upserts.Keys.Concat(gone.Keys).Concat(missing.Keys).Concat(failures.Keys).Distinct();
        var syncs = new Dictionary<int, ZoneSync>();
        foreach (int shard in shards)
        {
            syncs[shard] = new ZoneSync(
                zoneId,
                facts,
                report.Sequence,
                receivedAt,
                full,
                upserts.TryGetValue(shard, out var u) ? [.. u] : [],
                gone.TryGetValue(shard, out var g) ? [.. g] : [],
                missing.GetValueOrDefault(shard, []),
                failures.GetValueOrDefault(shard, []));
        }

        return syncs;
    }

    /// <summary>Every sync of <paramref name="syncs"/> was applied: remember what the ledger now knows and expects.</summary>
    public void Succeeded(ZoneReportData report, ZoneFacts facts, Dictionary<int, ZoneSync> syncs, IReadOnlyDictionary<int, ZoneSyncResult> results, DateTimeOffset now)
    {
        bool full = syncs.Values.FirstOrDefault()?.Full ?? _full;
        _synced = report;
        _facts = facts;
        foreach (var sync in syncs.Values)
        {
            foreach (var id in sync.Missing)
            {
                _missing.Remove(id);
            }

            foreach (var failure in sync.FailedPlacements)
            {
                _failures.Remove(failure);
            }
        }

        foreach (var (shard, result) in results)
        {
            _expected[shard] = result.Expected;
        }

        if (full)
        {
            _full = false;
            LastFullSync = now;
        }
    }

    /// <summary>A sync failed: the next one is full, and the notices stay owed.</summary>
    public void Failed() => _full = true;

    private void CountMisses(ZoneReportData report)
    {
        if (_awaiting.Count == 0 && _expected.Values.All(e => e.IsEmpty) && _misses.Count == 0)
        {
            return;
        }

        var reported = new HashSet<string>(report.Workloads.Length, StringComparer.Ordinal);
        foreach (var w in report.Workloads)
        {
            reported.Add(w.WorkloadId);
        }

        var watched = new HashSet<string>(_awaiting, StringComparer.Ordinal);
        foreach (var ids in _expected.Values)
        {
            watched.UnionWith(ids);
        }

        foreach (var id in _misses.Keys.Where(id => !watched.Contains(id)).ToList())
        {
            _misses.Remove(id);
        }

        foreach (var id in watched)
        {
            if (reported.Contains(id))
            {
                _misses.Remove(id);
                _awaiting.Remove(id);
                continue;
            }

            int misses = _misses.GetValueOrDefault(id) + 1;
            _misses[id] = misses;
            if (misses == missingAfterReports)
            {
                _missing.Add(id);
            }
        }
    }

    private static List<T> Bucket<T>(Dictionary<int, List<T>> buckets, int shard)
    {
        if (!buckets.TryGetValue(shard, out var list))
        {
            buckets[shard] = list = [];
        }

        return list;
    }

    private static bool SameFacts(ImmutableArray<WorkloadObservation> a, ImmutableArray<WorkloadObservation> b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (int i = 0; i < a.Length; i++)
        {
            if (!string.Equals(a[i].WorkloadId, b[i].WorkloadId, StringComparison.Ordinal) || !a[i].SameFacts(b[i]))
            {
                return SameFactsAnyOrder(a, b);
            }
        }

        return true;
    }

    private static bool SameFactsAnyOrder(ImmutableArray<WorkloadObservation> a, ImmutableArray<WorkloadObservation> b)
    {
        var byId = new Dictionary<string, WorkloadObservation>(a.Length, StringComparer.Ordinal);
        foreach (var w in a)
        {
            byId[w.WorkloadId] = w;
        }

        foreach (var w in b)
        {
            if (!byId.TryGetValue(w.WorkloadId, out var old) || !old.SameFacts(w))
            {
                return false;
            }
        }

        return true;
    }
}
