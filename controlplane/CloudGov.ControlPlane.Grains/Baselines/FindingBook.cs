using CloudGov.ControlPlane.Abstractions.Baselines;

namespace CloudGov.ControlPlane.Grains.Baselines;

/// <summary>
/// The findings' lifecycle as a pure function: what is seen now opens (or re-opens) a finding or refreshes its last-seen
/// time and evidence; an open finding within the evaluated scope that is not seen now is resolved. Resolved findings are
/// kept (newest first) up to a bound.
/// </summary>
public static class FindingBook
{
    /// <summary>The findings after an evaluation of <paramref name="inScope"/> found <paramref name="seen"/> at <paramref name="now"/>.</summary>
    public static (ImmutableDictionary<string, FindingRecord> Findings, int Opened, int Resolved) Reconcile(
        ImmutableDictionary<string, FindingRecord> findings,
        Func<FindingRecord, bool> inScope,
        IEnumerable<FindingDraft> seen,
        DateTimeOffset now,
        int maxResolvedKept)
    {
        var next = findings.ToBuilder();
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        int opened = 0, resolved = 0;
        foreach (var draft in seen)
        {
            string id = draft.FindingId;
            if (!seenIds.Add(id))
            {
                continue;
            }

            var v = draft.Violation;
            if (next.TryGetValue(id, out var old) && old.Open)
            {
                next[id] = old with { LastSeen = now, Evidence = v.Evidence, Message = v.Message, Severity = v.Severity, Enforced = v.Enforced, Levels = v.Levels, TenantId = draft.TenantId };
                continue;
            }

            opened++;
            next[id] = new FindingRecord(id, v.RuleId, draft.ZoneId, draft.WorkloadId, draft.TenantId, v.Severity, Open: true, now, now, null, v.Evidence, v.Message, v.Enforced, (old?.Occurrences ?? 0) + 1, v.Levels);
        }

        foreach (var f in findings.Values)
        {
            if (f.Open && !seenIds.Contains(f.FindingId) && inScope(f))
            {
                resolved++;
                next[f.FindingId] = f with { Open = false, ResolvedAt = now };
            }
        }

        var result = next.ToImmutable();
        int closed = result.Count(p => !p.Value.Open);
        if (closed > maxResolvedKept)
        {
            var drop = result.Values.Where(f => !f.Open).OrderBy(f => f.ResolvedAt).Take(closed - maxResolvedKept).Select(f => f.FindingId);
            result = result.RemoveRange(drop);
        }

        return (result, opened, resolved);
    }
}
