using System.Runtime.InteropServices;
using CloudGov.ControlPlane.Abstractions.Ledger;
using CloudGov.ControlPlane.Abstractions.Zones;
using CloudGov.Domain;

namespace CloudGov.Ledger.Benchmarks;

/// <summary>
/// Where a workload's bytes go: walks the ledger records and the zones' last reports (the live objects, by reference),
/// counting each object once under the part that holds it. Object sizes are measured here by allocating them;
/// strings and arrays by their layout. What more than one workload shares is counted once.
/// </summary>
internal sealed class HeapBreakdown
{
    private static readonly Lazy<Sizes> Measured = new(Sizes.Measure);
    private readonly HashSet<object> _seen = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, (long Bytes, long Count)> _parts = new(StringComparer.Ordinal);

    public long Total => _parts.Values.Sum(p => p.Bytes);

    /// <summary>A ledger record and everything it holds.</summary>
    public void Record(WorkloadRecord r)
    {
        var s = Measured.Value;
        Add("ledger: sorted-dictionary node", s.SortedNode);
        Obj("ledger: WorkloadRecord", r, s.Record);
        Str("ledger: workload id string", r.WorkloadId);
        Str("ledger: StateDetail string", r.StateDetail);
        Str("ledger: zone id strings", r.ZoneId);
        Spec(r.Intent);
        Array("ledger: Observed array", r.Observed, 8);
        foreach (var o in r.Observed)
        {
            Obj("ledger: ObservedPlacement", o, s.Observed);
            Str("ledger: zone id strings", o.ZoneId);
        }

        Array("ledger: History array", r.History, 8);
        foreach (var e in r.History)
        {
            Obj("ledger: LedgerEvent", e, s.Event);
            Str("ledger: event Detail strings", e.Detail);
            Str("ledger: event By/zone/plan strings", e.By);
            Str("ledger: event By/zone/plan strings", e.FromZoneId);
            Str("ledger: event By/zone/plan strings", e.ToZoneId);
            Str("ledger: event By/zone/plan strings", e.PlanId);
        }

        if (r.Placing is not null)
        {
            Obj("ledger: Placing/Moving", r.Placing, 64);
        }

        if (r.Moving is not null)
        {
            Obj("ledger: Placing/Moving", r.Moving, 64);
        }
    }

    /// <summary>A workload as the zone grain's last report holds it.</summary>
    public void Observation(WorkloadObservation o)
    {
        var s = Measured.Value;
        Add("zone report: array slot", 8);
        Obj("zone report: WorkloadObservation", o, s.Observation);
        Str("zone report: id/tenant/system strings", o.WorkloadId);
        Str("zone report: id/tenant/system strings", o.TenantId);
        Str("zone report: id/tenant/system strings", o.System);
        Array("zone report: labels array", o.Labels, 16);
        foreach (var l in o.Labels.IsDefault ? [] : o.Labels)
        {
            Str("zone report: label strings", l.Key);
            Str("zone report: label strings", l.Value);
        }
    }

    /// <summary>The parts, biggest first, per workload.</summary>
    public IEnumerable<string> Lines(int workloads) =>
        _parts.OrderByDescending(p => p.Value.Bytes).Select(p =>
            $"    {p.Key,-42} {p.Value.Bytes / (double)workloads,8:F1} B/workload   ({p.Value.Count:N0} objects, {p.Value.Bytes / 1048576.0:F1} MiB)");

    private void Spec(WorkloadSpec spec)
    {
        var s = Measured.Value;
        Obj("ledger: WorkloadSpec (intent)", spec, s.Spec);
        Str("ledger: workload id string", spec.WorkloadId);
        Str("ledger: tenant/system/project strings", spec.TenantId);
        Str("ledger: tenant/system/project strings", spec.System);
        Str("ledger: tenant/system/project strings", spec.Project);
        Str("ledger: tenant/system/project strings", spec.AntiAffinityGroup);
        Array("ledger: AllowedRegions array", spec.AllowedRegions, 8);
        foreach (var code in spec.AllowedRegions.IsDefault ? [] : spec.AllowedRegions)
        {
            Str("ledger: region code strings", code);
        }

        Array("ledger: Labels array", spec.Labels, 16);
        foreach (var l in spec.Labels.IsDefault ? [] : spec.Labels)
        {
            Str("ledger: label strings", l.Key);
            Str("ledger: label strings", l.Value);
        }
    }

    private void Add(string part, long bytes)
    {
        var (b, c) = _parts.GetValueOrDefault(part);
        _parts[part] = (b + bytes, c + 1);
    }

    private void Obj(string part, object o, long size)
    {
        if (_seen.Add(o))
        {
            Add(part, size);
        }
    }

    private void Str(string part, string? s)
    {
        if (s is { Length: > 0 } && _seen.Add(s))
        {
            Add(part, Align(22 + (2L * s.Length)));
        }
    }

    private void Array<T>(string part, ImmutableArray<T> a, int elementSize)
    {
        if (a.IsDefaultOrEmpty)
        {
            return;
        }

        var backing = ImmutableCollectionsMarshal.AsArray(a)!;
        if (_seen.Add(backing))
        {
            Add(part, Align(24 + ((long)elementSize * backing.Length)));
        }
    }

    private static long Align(long bytes) => (bytes + 7) & ~7L;

    /// <summary>Object sizes measured by allocating 10,000 of each.</summary>
    private sealed record Sizes(long Record, long Spec, long Observed, long Event, long Observation, long SortedNode)
    {
        public static Sizes Measure()
        {
            var spec = new WorkloadSpec("w", "t");
            var placement = new ObservedPlacement("z", default, MlpsLevel.Level2, WorkloadState.Running, 1, DateTimeOffset.UnixEpoch);
            var record = new WorkloadRecord { Intent = spec };
            long sorted;
            {
                var keys = Enumerable.Range(0, 10_000).Select(i => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
                long before = GC.GetAllocatedBytesForCurrentThread();
                var builder = ImmutableSortedDictionary.CreateBuilder<string, object>(StringComparer.Ordinal);
                foreach (var k in keys)
                {
                    builder[k] = record;
                }

                var dict = builder.ToImmutable();
                sorted = (GC.GetAllocatedBytesForCurrentThread() - before) / keys.Length;
                GC.KeepAlive(dict);
            }

            return new Sizes(
                Each(() => record with { Managed = true }),
                Each(() => spec with { Pinned = true }),
                Each(() => placement with { Sequence = 2 }),
                Each(() => new LedgerEvent(DateTimeOffset.UnixEpoch, LedgerEventKind.Adopted, "a", "b", "c", "d", "e")),
                Each(() => new WorkloadObservation("w", "t", "s", default, default, MlpsLevel.Level2, WorkloadState.Running)),
                sorted);
        }

        private static long Each(Func<object> make)
        {
            const int n = 10_000;
            var keep = new object[n];
            make();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < n; i++)
            {
                keep[i] = make();
            }

            long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            GC.KeepAlive(keep);
            return bytes / n;
        }
    }
}
