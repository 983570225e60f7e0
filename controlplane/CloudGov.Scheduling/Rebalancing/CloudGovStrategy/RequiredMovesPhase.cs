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
    public void Run(bool final)
    {
        for (int z = 0; z < run.Zones.Count; z++)
        {
            if (run.Frozen[z] || !run.IsSource(z))
            {
                continue;
            }

            bool draining = run.Options.EvacuateDrainingZones && run.Zones[z].Status == ZoneStatus.Draining;
            int pinned = 0;
            foreach (int w in run.Snapshot.WorkloadsIn(z))
            {
                if (run.Cluster.ZoneOf(w) != z)
                {
                    continue;
                }

                if (!run.Workload(w).Movable)
                {
                    pinned++;
                    continue;
                }

                if (!run.CanMove(w, ignoreCooldown: true))
                {
                    continue;
                }

                Rejection? violation = draining || !run.Options.RelocateViolations ? null : run.Violation(w, z);
                if (!draining && violation is null)
                {
                    continue;
                }

                if (!run.BudgetAllows(z))
                {
                    return;
                }

                int to = destinations.Find(w, z);
                if (to < 0)
                {
                    if (final)
                    {
                        run.Notes.Add(ReasonTexts.MustLeaveNoDestination(draining, run.Workload(w).Id, run.Zones[z].Id));
                    }

                    continue;
                }

                run.Apply(w, z, to, draining ? ReasonTexts.Draining(run.Zones[z].Id, run.Zones[to].Id) : ReasonTexts.Violation(violation!, run.Zones[to].Id));
            }

            if (final && draining && pinned > 0)
            {
                run.Notes.Add(ReasonTexts.DrainingPinned(run.Zones[z].Id, pinned));
            }
        }
    }
}
