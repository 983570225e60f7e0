using System.Globalization;
using CloudGov.ControlPlane.Abstractions.Ledger;

namespace CloudGov.ControlPlane.Grains.Ledger;

/// <summary>
/// One ledger shard's records and the rules that change them (pure, deterministic given the time passed in): zones'
/// syncs, placements, plans' moves and intent changes. Every change re-evaluates the record's reconciliation state
/// (<see cref="LedgerReconciler"/>) and appends to its bounded history. The grain around it owns persistence.
/// </summary>
public sealed class LedgerBook
{
    private readonly int _shard;
    private readonly int _historyKept;
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _absent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _observedIn = new(StringComparer.Ordinal);
    private ImmutableSortedDictionary<string, WorkloadRecord> _records = ImmutableSortedDictionary.Create<string, WorkloadRecord>(StringComparer.Ordinal);
    private ImmutableDictionary<string, ZoneFacts> _zones = ImmutableDictionary.Create<string, ZoneFacts>(StringComparer.Ordinal);
    private ImmutableDictionary<string, ulong> _sequences = ImmutableDictionary.Create<string, ulong>(StringComparer.Ordinal);

    /// <summary>Opens the book on a stored state.</summary>
    public LedgerBook(int shard, LedgerShardState state, int historyKept)
    {
        ArgumentNullException.ThrowIfNull(state);
        _shard = shard;
        _historyKept = Math.Max(1, historyKept);
        Restore(state);
    }

    /// <summary>The book as it would be stored now.</summary>
    public LedgerShardState State => new() { Records = _records, Zones = _zones, ZoneSequences = _sequences };

    /// <summary>The records, by id.</summary>
    public ImmutableSortedDictionary<string, WorkloadRecord> Records => _records;

    /// <summary>Counts the changes to records and zone facts; a caller compares it to see whether anything needs writing.</summary>
    public long Changes { get; private set; }

    /// <summary>How many records await their placement (their state changes with time).</summary>
    public int Placing { get; private set; }

    /// <summary>Puts the book back to <paramref name="state"/> (after a failed write).</summary>
    public void Restore(LedgerShardState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        _records = state.Records.WithComparers(StringComparer.Ordinal);
        _zones = state.Zones.WithComparers(StringComparer.Ordinal);
        _sequences = state.ZoneSequences.WithComparers(StringComparer.Ordinal);
        _absent.Clear();
        _observedIn.Clear();
        Placing = 0;
        foreach (var record in _records.Values)
        {
            Index(record, add: true);
        }
    }

    /// <summary>Applies a zone's sync; returns the shard's workloads recorded in the zone that it does not report.</summary>
    public ZoneSyncResult Apply(ZoneSync sync, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(sync);
        string zone = Intern(sync.ZoneId);
        if (_sequences.TryGetValue(zone, out var last) && sync.Sequence < last)
        {
            return Expected(zone);
        }

        _sequences = _sequences.SetItem(zone, Math.Max(last, sync.Sequence));
        if (!_zones.TryGetValue(zone, out var known) || known != sync.Facts)
        {
            _zones = _zones.SetItem(zone, sync.Facts with { ZoneId = zone, RegionCode = Intern(sync.Facts.RegionCode) });
            Changes++;
            foreach (var id in ObservedIn(zone).ToList())
            {
                Put(_records[id], _records[id], now);
            }
        }

        var upserts = sync.Upserts.IsDefault ? [] : sync.Upserts;
        foreach (var observation in upserts)
        {
            Observe(zone, observation, sync.Sequence, sync.At, now);
        }

        IEnumerable<string> gone = sync.Gone.IsDefault ? [] : sync.Gone;
        if (sync.Full)
        {
            var reported = upserts.Select(u => u.WorkloadId).ToHashSet(StringComparer.Ordinal);
            gone = ObservedIn(zone).Where(id => !reported.Contains(id)).ToList();
        }

        foreach (var id in gone)
        {
            if (_records.TryGetValue(id, out var record) && record.ObservedIn(zone) is not null)
            {
                Put(record, record with { Observed = record.Observed.RemoveAll(o => o.ZoneId == zone) }, now);
            }
        }

        foreach (var id in sync.Missing.IsDefault ? [] : sync.Missing)
        {
            if (_records.TryGetValue(id, out var record) && record.ZoneId == zone && record.ObservedIn(zone) is null && !record.MissingInZone)
            {
                Put(record, record with { MissingInZone = true }, now);
            }
        }

        foreach (var failure in sync.FailedPlacements.IsDefault ? [] : sync.FailedPlacements)
        {
            if (_records.TryGetValue(failure.WorkloadId, out var record) && record.Placing?.CommandId == failure.CommandId && record.ObservedIn(zone) is null)
            {
                string detail = $"its placement in {zone} failed: {failure.Message}";
                var failed = record with { Placing = null, ZoneId = null, ZoneSince = null, MissingInZone = true, StateDetail = detail };
                Put(record, Append(failed, new LedgerEvent(now, LedgerEventKind.PlacementFailed, By(zone), string.Empty, zone, string.Empty, detail)), now);
            }
        }

        return Expected(zone);
    }

    /// <summary>Records a placement; refuses an id that a zone reports or that is being placed.</summary>
    public PlacementWrite RecordPlacement(WorkloadSpec spec, string zoneId, PendingPlacement placement, string by, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(placement);
        if (_records.TryGetValue(spec.WorkloadId, out var existing))
        {
            if (!existing.Observed.IsDefaultOrEmpty)
            {
                return new PlacementWrite(false, existing, $"workload '{spec.WorkloadId}' already runs in zone '{existing.Observed[0].ZoneId}'; choose another workload_id");
            }

            if (existing.Placing is { } placing && now <= placing.Deadline)
            {
                return new PlacementWrite(false, existing,
                    $"workload '{spec.WorkloadId}' is already being placed in zone '{existing.ZoneId}' (command {placing.CommandId}, deadline {placing.Deadline.ToString("O", CultureInfo.InvariantCulture)})");
            }
        }

        string zone = Intern(zoneId);
        var record = new WorkloadRecord
        {
            Intent = Shared(spec),
            Managed = true,
            ZoneId = zone,
            ZoneSince = now,
            LastPlacedAt = now,
            Placing = placement,
            History = existing?.History ?? [],
        };
        record = Append(record, new LedgerEvent(now, LedgerEventKind.Placed, by, string.Empty, zone, string.Empty, $"place command {placement.CommandId} sent"));
        Put(existing, record, now);
        return new PlacementWrite(true, _records[spec.WorkloadId], string.Empty);
    }

    /// <summary>Marks a move as started; false when nothing changed.</summary>
    public bool MoveStarted(string workloadId, MoveInFlight move, DateTimeOffset now)
    {
        if (!_records.TryGetValue(workloadId, out var record) || record.Moving == move)
        {
            return false;
        }

        Put(record, Append(record with { Moving = move }, new LedgerEvent(now, LedgerEventKind.MoveStarted, PlanBy(move), move.FromZoneId, move.ToZoneId, move.PlanId,
            $"move {move.MoveIndex} of plan {move.PlanId} started")), now);
        return true;
    }

    /// <summary>Records a completed move; false when it was already recorded (its Moved event need not be the last one: a state change may follow it).</summary>
    public bool MoveCompleted(string workloadId, MoveInFlight move, DateTimeOffset now)
    {
        if (!_records.TryGetValue(workloadId, out var record)
            || (record.ZoneId == move.ToZoneId && record.Moving is null && record.History.LastOrDefault(h => h.Kind == LedgerEventKind.Moved) is { } e && e.PlanId == move.PlanId))
        {
            return false;
        }

        // The source's agent has removed it (a move completes only then): its copy there is gone, whatever the source's
        // last report said. Should it still run there, the zone's next full sync reports it and it shows as drifted.
        var moved = record with
        {
            ZoneId = Intern(move.ToZoneId),
            ZoneSince = now,
            LastPlacedAt = now,
            Moving = null,
            MissingInZone = false,
            Placing = null,
            Observed = record.Observed.RemoveAll(o => o.ZoneId == move.FromZoneId),
        };
        Put(record, Append(moved, new LedgerEvent(now, LedgerEventKind.Moved, PlanBy(move), move.FromZoneId, move.ToZoneId, move.PlanId,
            $"moved by move {move.MoveIndex} of plan {move.PlanId}")), now);
        return true;
    }

    /// <summary>Records that a move ended without moving the workload; false when nothing changed.</summary>
    public bool MoveEnded(string workloadId, MoveInFlight move, string detail, DateTimeOffset now)
    {
        if (!_records.TryGetValue(workloadId, out var record) || record.Moving is null || record.Moving.PlanId != move.PlanId || record.Moving.MoveIndex != move.MoveIndex)
        {
            return false;
        }

        Put(record, Append(record with { Moving = null }, new LedgerEvent(now, LedgerEventKind.MoveEnded, PlanBy(move), move.FromZoneId, move.ToZoneId, move.PlanId, detail)), now);
        return true;
    }

    /// <summary>Previews or applies an intent change to the matching records (and new ids of this shard). Nothing changes when any problem is found.</summary>
    public IntentOutcome ChangeIntent(IntentChangeRequest request, bool apply, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var selector = request.Selector;
        var patch = request.Patch;
        var changes = ImmutableArray.CreateBuilder<IntentChange>();
        var breaks = ImmutableArray.CreateBuilder<PlacementBreak>();
        var problems = new List<string>();
        var updates = new List<(WorkloadRecord? Before, WorkloadRecord After)>();
        int matched = 0;
        IEnumerable<WorkloadRecord> candidates = selector.WorkloadIds.IsDefaultOrEmpty
            ? _records.Values
            : selector.WorkloadIds.Distinct(StringComparer.Ordinal).Where(id => LedgerShards.Of(id) == _shard).Select(id => _records.GetValueOrDefault(id)).OfType<WorkloadRecord>();
        foreach (var record in candidates.Where(selector.Matches))
        {
            matched++;
            var (next, registers, problem) = IntentPatcher.Apply(record.Intent, record.Managed, patch);
            if (problem is not null)
            {
                problems.Add(problem);
                continue;
            }

            if (!registers && next == record.Intent)
            {
                continue;
            }

            changes.Add(new IntentChange(record.WorkloadId, record.Intent, next, registers));
            foreach (var o in record.Observed)
            {
                if (_zones.TryGetValue(o.ZoneId, out var facts) && IntentCheck.Broken(next, facts) is { Length: > 0 } broken)
                {
                    breaks.Add(new PlacementBreak(record.WorkloadId, o.ZoneId, broken));
                }
            }

            var kind = registers ? LedgerEventKind.Registered : LedgerEventKind.IntentChanged;
            var changed = record with { Intent = Shared(next), Managed = true };
            updates.Add((record, Append(changed, new LedgerEvent(now, kind, request.By, string.Empty, string.Empty, string.Empty, Describe(record.Intent, next, request.Reason)))));
        }

        if (!selector.WorkloadIds.IsDefaultOrEmpty && selector with { WorkloadIds = [] } is { IsEmpty: true })
        {
            foreach (var id in selector.WorkloadIds.Distinct(StringComparer.Ordinal).Where(id => LedgerShards.Of(id) == _shard && !_records.ContainsKey(id)))
            {
                matched++;
                var (spec, problem) = IntentPatcher.Create(id, patch);
                if (problem is not null)
                {
                    problems.Add(problem);
                    continue;
                }

                changes.Add(new IntentChange(id, null, spec!, Registers: true));
                var created = new WorkloadRecord { Intent = Shared(spec!), Managed = true };
                updates.Add((null, Append(created, new LedgerEvent(now, LedgerEventKind.Registered, request.By, string.Empty, string.Empty, string.Empty,
                    request.Reason.Length > 0 ? $"registered before any zone reported it: {request.Reason}" : "registered before any zone reported it"))));
            }
        }

        if (apply && problems.Count == 0)
        {
            foreach (var (before, after) in updates)
            {
                Put(before, after, now);
            }
        }

        return new IntentOutcome(matched, changes.ToImmutable(), breaks.ToImmutable(), [.. problems]);
    }

    /// <summary>Re-evaluates the records whose state depends on time (placements past their deadline); false when none changed.</summary>
    public bool Refresh(DateTimeOffset now)
    {
        if (Placing == 0)
        {
            return false;
        }

        bool changed = false;
        foreach (var record in _records.Values.Where(r => r.Placing is not null).ToList())
        {
            var (state, _) = LedgerReconciler.Evaluate(record, _zones, now);
            if (state != record.State)
            {
                Put(record, record, now);
                changed = true;
            }
        }

        return changed;
    }

    /// <summary>Up to <paramref name="limit"/> records passing <paramref name="query"/> with ids after <paramref name="after"/>.</summary>
    public ImmutableArray<WorkloadRecord> List(WorkloadQuery query, string after, int limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        return [.. _records.Values
            .Where(r => after.Length == 0 || string.CompareOrdinal(r.WorkloadId, after) > 0)
            .Where(query.Matches)
            .Take(Math.Max(0, limit))];
    }

    /// <summary>This shard's part of the ledger view.</summary>
    public ImmutableArray<LedgerGroup> View(LedgerGrouping grouping, string tenantId)
    {
        var groups = new SortedDictionary<string, LedgerGroup>(StringComparer.Ordinal);
        foreach (var record in _records.Values)
        {
            var intent = record.Intent;
            if (tenantId.Length > 0 && intent.TenantId != tenantId)
            {
                continue;
            }

            string key = grouping switch
            {
                LedgerGrouping.Tenant => intent.TenantId,
                LedgerGrouping.System => intent.System,
                _ => intent.Project,
            };
            var one = new LedgerGroup(
                key,
                1,
                intent.Requests,
                record.ZoneId is { } z ? [z] : [],
                [intent.MlpsLevel],
                record.State == ReconciliationState.Unmanaged ? 1 : 0,
                record.State == ReconciliationState.Violating ? 1 : 0,
                [intent.TenantId],
                ImmutableSortedDictionary<ReconciliationState, int>.Empty.Add(record.State, 1));
            groups[key] = groups.TryGetValue(key, out var group) ? group.Merge(one) : one;
        }

        return [.. groups.Values];
    }

    /// <summary>Records per zone and state.</summary>
    public ImmutableArray<LedgerCount> Counts() =>
        [.. _records.Values.GroupBy(r => (r.CountedZone, r.State)).Select(g => new LedgerCount(g.Key.CountedZone, g.Key.State, g.Count()))];

    /// <summary>The shard's workloads recorded in <paramref name="zone"/> that the zone does not report.</summary>
    public ZoneSyncResult Expected(string zone) =>
        new(_absent.TryGetValue(zone, out var ids) ? [.. ids.Order(StringComparer.Ordinal)] : []);

    private void Observe(string zone, WorkloadObservation observation, ulong sequence, DateTimeOffset at, DateTimeOffset now)
    {
        var placement = new ObservedPlacement(zone, observation.Requests, observation.MlpsLevel, observation.State, sequence, at);
        if (!_records.TryGetValue(observation.WorkloadId, out var record))
        {
            var adopted = LedgerAdoption.Adopt(observation, placement, zone, now);
            Put(null, adopted with { Intent = Shared(adopted.Intent), History = [.. adopted.History.Select(e => e with { By = By(zone) })] }, now);
            return;
        }

        var previous = record.ObservedIn(zone);
        var next = record;
        if (previous is null || previous.Requests != placement.Requests || previous.MlpsLevel != placement.MlpsLevel || previous.State != placement.State)
        {
            var observed = record.Observed.RemoveAll(o => o.ZoneId == zone).Add(placement).Sort((a, b) => string.CompareOrdinal(a.ZoneId, b.ZoneId));
            next = next with { Observed = observed };
        }

        if (!next.Managed)
        {
            // An unmanaged record mirrors what its zone reports; labels that now declare an intent register it.
            var labels = observation.Labels.IsDefault ? [] : observation.Labels;
            var mirrored = next.Intent with { TenantId = observation.TenantId, System = observation.System, Requests = observation.Requests, MlpsLevel = observation.MlpsLevel, Labels = labels };
            if (LedgerAdoption.TryDeclared(mirrored with { Pinned = false }, labels, out var declared, out _))
            {
                next = Append(next with { Intent = Shared(declared), Managed = true }, new LedgerEvent(now, LedgerEventKind.Registered, By(zone), string.Empty, zone, string.Empty,
                    "registered by the intent its cloudgov.io/ labels declare"));
            }
            else if (mirrored != next.Intent)
            {
                next = next with { Intent = Shared(mirrored) };
            }
        }

        if (next.Managed && next.ZoneId is null)
        {
            next = Append(next with { ZoneId = zone, ZoneSince = now }, new LedgerEvent(now, LedgerEventKind.Observed, By(zone), string.Empty, zone, string.Empty, "first reported here"));
        }

        if (next.ZoneId == zone && (next.MissingInZone || next.Placing is not null))
        {
            next = next with { MissingInZone = false, Placing = null };
        }

        if (!ReferenceEquals(next, record))
        {
            Put(record, next, now);
        }
    }

    /// <summary>Stores <paramref name="after"/> with its state re-evaluated, noting a changed state in its history.</summary>
    private void Put(WorkloadRecord? before, WorkloadRecord after, DateTimeOffset now)
    {
        var (state, detail) = LedgerReconciler.Evaluate(after, _zones, now);
        if (before is not null && state == before.State && detail == before.StateDetail && ReferenceEquals(before, after))
        {
            return;
        }

        var next = after with { State = state, StateDetail = Intern(detail), UpdatedAt = now };
        if (before is not null && state != before.State)
        {
            next = Append(next, new LedgerEvent(now, LedgerEventKind.StateChanged, "ledger", string.Empty, string.Empty, string.Empty, Intern($"{before.State} → {state}: {detail}")));
        }

        if (before is not null)
        {
            Index(before, add: false);
        }

        Index(next, add: true);
        _records = _records.SetItem(next.WorkloadId, next);
        Changes++;
    }

    /// <summary>The ids of the records a zone reports (an index kept with every change, so a zone's sync costs what it carries).</summary>
    private IEnumerable<string> ObservedIn(string zone) => _observedIn.TryGetValue(zone, out var ids) ? ids : [];

    private static void Track(Dictionary<string, HashSet<string>> index, string zone, string id, bool add)
    {
        if (add)
        {
            if (!index.TryGetValue(zone, out var ids))
            {
                index[zone] = ids = new HashSet<string>(StringComparer.Ordinal);
            }

            ids.Add(id);
        }
        else if (index.TryGetValue(zone, out var ids))
        {
            ids.Remove(id);
        }
    }

    private void Index(WorkloadRecord record, bool add)
    {
        if (record.Placing is not null)
        {
            Placing += add ? 1 : -1;
        }

        foreach (var o in record.Observed.IsDefault ? [] : record.Observed)
        {
            Track(_observedIn, o.ZoneId, record.WorkloadId, add);
        }

        if (record.ZoneId is not { } zone || record.ObservedIn(zone) is not null)
        {
            return;
        }

        Track(_absent, zone, record.WorkloadId, add);
    }

    private WorkloadRecord Append(WorkloadRecord record, LedgerEvent e)
    {
        var history = record.History.IsDefault ? [] : record.History;
        history = history.Length >= _historyKept ? history.RemoveRange(0, history.Length - _historyKept + 1).Add(e) : history.Add(e);
        return record with { History = history };
    }

    /// <summary>The spec with its repeated strings shared with the shard's other records (tenants, systems, label keys and values).</summary>
    private WorkloadSpec Shared(WorkloadSpec spec)
    {
        var labels = spec.Labels.IsDefault ? [] : spec.Labels;
        var builder = ImmutableArray.CreateBuilder<WorkloadLabel>(labels.Length);
        foreach (var l in labels)
        {
            builder.Add(new WorkloadLabel(Intern(l.Key), Intern(l.Value)));
        }

        var regions = spec.AllowedRegions.IsDefault ? [] : spec.AllowedRegions;
        return spec with
        {
            TenantId = Intern(spec.TenantId),
            System = Intern(spec.System),
            Project = Intern(spec.Project),
            AntiAffinityGroup = Intern(spec.AntiAffinityGroup),
            AllowedRegions = [.. regions.Select(Intern)],
            Labels = builder.MoveToImmutable(),
        };
    }

    private string Intern(string s)
    {
        if (s.Length == 0)
        {
            return string.Empty;
        }

        if (_strings.TryGetValue(s, out var shared))
        {
            return shared;
        }

        if (_strings.Count < 100_000)
        {
            _strings[s] = s;
        }

        return s;
    }

    private string By(string zone) => Intern("zone:" + zone);

    private string PlanBy(MoveInFlight move) => Intern("plan:" + move.PlanId);

    private static string Describe(WorkloadSpec before, WorkloadSpec after, string reason)
    {
        var fields = new List<string>();
        void Diff(string name, object? a, object? b)
        {
            if (!Equals(a, b))
            {
                fields.Add($"{name} {a} → {b}");
            }
        }

        Diff("tenant", before.TenantId, after.TenantId);
        Diff("system", before.System, after.System);
        Diff("project", before.Project, after.Project);
        Diff("requests", before.Requests, after.Requests);
        Diff("mlps_level", (int)before.MlpsLevel, (int)after.MlpsLevel);
        Diff("allowed_regions", string.Join(',', before.AllowedRegions.IsDefault ? [] : before.AllowedRegions), string.Join(',', after.AllowedRegions.IsDefault ? [] : after.AllowedRegions));
        Diff("network_plane", before.NetworkPlane, after.NetworkPlane);
        Diff("anti_affinity_group", before.AntiAffinityGroup, after.AntiAffinityGroup);
        Diff("pinned", before.Pinned, after.Pinned);
        Diff("priority", before.Priority, after.Priority);
        Diff("migration_cost", before.MigrationCost, after.MigrationCost);
        if (!(before.Labels.IsDefault ? [] : before.Labels).SequenceEqual(after.Labels.IsDefault ? [] : after.Labels))
        {
            fields.Add("labels");
        }

        string what = fields.Count == 0 ? "intent registered unchanged" : string.Join("; ", fields);
        return reason.Length > 0 ? $"{what} ({reason})" : what;
    }
}
