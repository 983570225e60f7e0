using CloudGov.Domain;
using CloudGov.Scheduling.Filters;

namespace CloudGov.Scheduling.Rebalancing.CloudGovStrategy;

/// <summary>
/// Phase 1, required moves: evacuate Draining zones and relocate workloads whose zone breaks a hard constraint. A
/// broken constraint or a draining zone does not wait for the cooldown (the cooldown keeps balancing from
/// ping-ponging; a relocated workload no longer breaks the rule that moved it). On the final pass, notes what must
/// leave but cannot, and draining zones that pinned workloads keep from emptying.
/// </summary>
internal sealed class RequiredMovesPhase(RunState run, Destinations destinations)
{
    /// <summary>
    /// Per source zone, its original residents that must leave (movable, and the zone is draining or breaks one of the
    /// workload's static constraints), with the broken rule; and how many residents are pinned. Both depend only on
    /// the snapshot and the options, so they are found once per plan and the later rounds only re-check what changes
    /// (whether the workload has moved, budgets, destinations).
    /// </summary>
    private (List<(int Workload, Rejection? Violation)> MustLeave, int Pinned)[]? _byZone;

    public void Run(bool final)
    {
        _byZone ??= FindMustLeave();
        for (int z = 0; z < run.Zones.Count; z++)
        {
            if (_byZone[z].MustLeave is not { Count: > 0 } mustLeave)
            {
                NoteDrainingPinned(final, z);
                continue;
            }

            bool draining = IsDraining(z);
            foreach (var (w, violation) in mustLeave)
            {
                if (run.Cluster.ZoneOf(w) != z || !run.CanMove(w, ignoreCooldown: true))
                {
                    continue;
                }

                if (!run.BudgetAllows(z))
                {
                    break;
                }

                int to = destinations.Find(w, z);
                if (to < 0)
                {
                    if (final)
                    {
                        var note = ReasonTexts.MustLeaveNoDestination(draining, run.Workload(w).Id, run.Zones[z].Id);
                        run.Notes.Add(draining && run.Zones[z].EvacuationRule is not null ? note with { Code = ReasonCodes.BaselineEvacuation } : note);
                    }

                    continue;
                }

                run.Apply(w, z, to, !draining ? ReasonTexts.Violation(violation!, run.Zones[to].Id)
                    : run.Zones[z].EvacuationRule is { } rule ? ReasonTexts.Evacuating(run.Zones[z].Id, rule, run.Zones[to].Id)
                    : ReasonTexts.Draining(run.Zones[z].Id, run.Zones[to].Id));
            }

            NoteDrainingPinned(final, z);
        }
    }

    /// <summary>Draining (when the options evacuate draining zones), or evacuated for a security-baseline rule (always).</summary>
    private bool IsDraining(int z) => run.Zones[z].Status == ZoneStatus.Draining && (run.Options.EvacuateDrainingZones || run.Zones[z].EvacuationRule is not null);

    private void NoteDrainingPinned(bool final, int z)
    {
        if (final && IsDraining(z) && _byZone![z].Pinned > 0 && !run.Frozen[z] && run.IsSource(z))
        {
            run.Notes.Add(run.Zones[z].EvacuationRule is { } rule
                ? ReasonTexts.EvacuationPinned(run.Zones[z].Id, rule, _byZone[z].Pinned)
                : ReasonTexts.DrainingPinned(run.Zones[z].Id, _byZone[z].Pinned));
        }
    }

    private (List<(int Workload, Rejection? Violation)> MustLeave, int Pinned)[] FindMustLeave()
    {
        var byZone = new (List<(int Workload, Rejection? Violation)> MustLeave, int Pinned)[run.Zones.Count];
        var admitted = new List<(sbyte[] Verdict, Rejection?[] Why)>();
        for (int z = 0; z < run.Zones.Count; z++)
        {
            var mustLeave = new List<(int Workload, Rejection? Violation)>();
            int pinned = 0;
            if (!run.Frozen[z] && run.IsSource(z))
            {
                bool draining = IsDraining(z);
                foreach (int w in run.Snapshot.WorkloadsIn(z))
                {
                    if (!run.Snapshot.IsMovable(w))
                    {
                        pinned++;
                        continue;
                    }

                    Rejection? violation = draining || !run.Options.RelocateViolations ? null : ViolationOf(w, z, admitted);
                    if (draining || violation is not null)
                    {
                        mustLeave.Add((w, violation));
                    }
                }
            }

            byZone[z] = (mustLeave, pinned);
        }

        return byZone;
    }

    /// <summary>
    /// The static constraint the workload's zone breaks, or null. The static constraints depend only on the workload's
    /// eligibility class (level, plane, residency), so each (class, zone) is evaluated and explained once.
    /// </summary>
    private Rejection? ViolationOf(int w, int z, List<(sbyte[] Verdict, Rejection?[] Why)> admitted)
    {
        int c = destinations.ClassOf(w);
        while (admitted.Count <= c)
        {
            admitted.Add((new sbyte[run.Zones.Count], new Rejection?[run.Zones.Count])); // 0 not yet known, 1 admitted, -1 breaks a constraint
        }

        var (verdict, why) = admitted[c];
        if (verdict[z] == 0)
        {
            // The static filters' verdicts and texts name only the zone and the class's level, plane and regions.
            why[z] = run.Violation(w, z);
            verdict[z] = why[z] is null ? (sbyte)1 : (sbyte)-1;
        }

        return why[z];
    }
}
