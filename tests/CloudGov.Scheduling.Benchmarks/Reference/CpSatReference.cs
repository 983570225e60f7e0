using System.Diagnostics;
using CloudGov.Domain;
using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;
using CloudGov.Scheduling.Rebalancing;
using Google.OrTools.Sat;

namespace CloudGov.Scheduling.Benchmarks.Reference;

/// <summary>
/// The exact minimum number of moves that brings every zone under target, by CP-SAT: one Boolean per
/// (movable workload, statically eligible zone), each workload in exactly one zone, every zone's load at or under
/// floor(target × allocatable) in every dimension (pinned workloads fixed), anti-affinity groups at most one per
/// zone; minimize the number of workloads not in their current zone. Seeded with a hint (CloudGov's plan).
/// With <c>noArrivalsIntoHot</c>, workloads may not move into a zone that starts over target (CloudGov's own
/// rule: it never routes a workload into a hot zone, since make-before-break would heat it further first).
/// Reports the optimum when CP-SAT proves it, else its best solution and proven bound.
/// </summary>
internal static class CpSatReference
{
    /// <param name="HotZones">With <c>minimizeHotZones</c>: the zones left over target in the solution (else null); <see cref="Objective"/> is then the moves.</param>
    public sealed record Result(string Status, long? Objective, long Bound, bool Optimal, double Seconds, IReadOnlyList<string> MovedFrom, long? HotZones = null);

    /// <summary>
    /// Solves the model. With <paramref name="minimizeHotZones"/> a zone may stay over target (a Boolean per zone),
    /// but then receives nothing (make-before-break would heat it further); the objective is lexicographic — fewest
    /// zones over target, then fewest moves — so the result is the fewest moves at the best reachable number of hot zones.
    /// </summary>
    public static Result Solve(CloudSnapshot s, FilterPipeline filters, IReadOnlyList<Move>? hint, double seconds, int workers, bool noArrivalsIntoHot = false, bool minimizeHotZones = false)
    {
        var sw = Stopwatch.StartNew();
        var model = new CpModel();
        var state = new ClusterState(s);
        int zoneCount = s.Zones.Count;
        var fixedLoad = new ResourceVector[zoneCount];
        var terms = new List<(BoolVar Var, int W)>[zoneCount];
        for (int z = 0; z < zoneCount; z++)
        {
            terms[z] = [];
        }

        var hintZone = new Dictionary<string, string>(StringComparer.Ordinal);
        if (hint is not null)
        {
            foreach (Move m in hint)
            {
                hintZone[m.WorkloadId] = m.ToZoneId;
            }
        }

        var stay = new List<ILiteral>();
        var groups = new Dictionary<(string, int), List<ILiteral>>();
        var fixedGroups = new Dictionary<(string, int), int>();
        var cache = new Dictionary<string, bool[]>();
        BoolVar[]? hotVar = minimizeHotZones ? [.. Enumerable.Range(0, zoneCount).Select(z => model.NewBoolVar($"hot{z}"))] : null;
        bool[] hotAtStart = [.. Enumerable.Range(0, zoneCount).Select(z => UtilizationMath.IsHot(s.Zones[z], state.LoadOf(z)))];
        for (int w = 0; w < s.Workloads.Count; w++)
        {
            WorkloadSnapshot wl = s.Workloads[w];
            int cur = s.ZoneOf(w);
            if (cur < 0)
            {
                continue;
            }

            if (!wl.Movable)
            {
                fixedLoad[cur] += wl.Requests;
                if (wl.AntiAffinityGroup is { } fg)
                {
                    fixedGroups[(fg, cur)] = fixedGroups.GetValueOrDefault((fg, cur)) + 1;
                }

                continue;
            }

            bool[] ok = Eligible(s, state, filters, w, cache);
            var vars = new List<ILiteral>();
            string target = hintZone.GetValueOrDefault(wl.Id, s.Zones[cur].Id);
            for (int z = 0; z < zoneCount; z++)
            {
                if (z != cur && (!ok[z] || (noArrivalsIntoHot && hotAtStart[z])))
                {
                    continue;
                }

                BoolVar x = model.NewBoolVar($"x{w}_{z}");
                vars.Add(x);
                terms[z].Add((x, w));
                model.AddHint(x, s.Zones[z].Id == target);
                if (z == cur)
                {
                    stay.Add(x);
                }
                else if (hotVar is not null)
                {
                    model.AddImplication(x, hotVar[z].Not());
                }

                if (wl.AntiAffinityGroup is { } g)
                {
                    (groups.TryGetValue((g, z), out var list) ? list : groups[(g, z)] = []).Add(x);
                }
            }

            model.AddExactlyOne(vars);
        }

        for (int z = 0; z < zoneCount; z++)
        {
            ResourceVector limit = UtilizationMath.TargetLimit(s.Zones[z]);
            for (int d = 0; d < ResourceVector.Dimensions; d++)
            {
                long room = limit[d] - fixedLoad[z][d];
                if (terms[z].All(t => s.Workloads[t.W].Requests[d] == 0))
                {
                    if (room < 0)
                    {
                        if (hotVar is null)
                        {
                            model.AddBoolOr([model.FalseLiteral()]);
                        }
                        else
                        {
                            model.Add(hotVar[z] == 1);
                        }
                    }

                    continue;
                }

                LinearExpr expr = LinearExpr.WeightedSum(terms[z].Select(t => t.Var), terms[z].Select(t => s.Workloads[t.W].Requests[d]));
                if (hotVar is null)
                {
                    model.Add(expr <= room);
                }
                else
                {
                    model.Add(expr <= room).OnlyEnforceIf(hotVar[z].Not());
                }
            }
        }

        foreach (var ((g, z), list) in groups)
        {
            int already = fixedGroups.GetValueOrDefault((g, z));
            model.Add(LinearExpr.Sum(list) <= Math.Max(0, 1 - already));
        }

        int movable = stay.Count;
        LinearExpr moves = movable - LinearExpr.Sum(stay);
        if (hotVar is null)
        {
            model.Minimize(moves);
        }
        else
        {
            model.Minimize(((long)(movable + 1) * LinearExpr.Sum(hotVar)) + moves);
        }
        var solver = new CpSolver
        {
            StringParameters = FormattableString.Invariant($"max_time_in_seconds:{seconds} num_workers:{workers} random_seed:1"),
        };
        CpSolverStatus status = solver.Solve(model);
        bool has = status is CpSolverStatus.Optimal or CpSolverStatus.Feasible;
        var movedFrom = new List<string>();
        if (has)
        {
            for (int z = 0; z < zoneCount; z++)
            {
                foreach (var (v, w) in terms[z])
                {
                    if (solver.BooleanValue(v) && s.ZoneOf(w) != z)
                    {
                        WorkloadSnapshot wl = s.Workloads[w];
                        movedFrom.Add($"{s.Zones[s.ZoneOf(w)].Id} -> {s.Zones[z].Id}: {wl.Id} {wl.Requests}");
                    }
                }
            }
        }

        long bound = (long)Math.Ceiling(solver.BestObjectiveBound - 1e-6);
        long? objective = has ? (long)Math.Round(solver.ObjectiveValue) : null;
        long? hotZones = null;
        if (hotVar is not null && has)
        {
            hotZones = hotVar.Count(v => solver.BooleanValue(v));
            objective -= hotZones * (movable + 1);
        }

        return new Result(status.ToString(), objective, bound, status == CpSolverStatus.Optimal, sw.Elapsed.TotalSeconds, movedFrom, hotZones);
    }

    private static bool[] Eligible(CloudSnapshot s, ClusterState state, FilterPipeline filters, int w, Dictionary<string, bool[]> cache)
    {
        WorkloadSnapshot wl = s.Workloads[w];
        string key = $"{(int)wl.RequiredLevel}|{(int)wl.NetworkPlane}|{string.Join(',', wl.AllowedRegions)}";
        if (!cache.TryGetValue(key, out bool[]? ok))
        {
            ok = new bool[s.Zones.Count];
            for (int z = 0; z < s.Zones.Count; z++)
            {
                ok[z] = filters.AdmitsStatic(new FilterContext(wl, z, s.Zones[z], state, true));
            }

            cache[key] = ok;
        }

        return ok;
    }
}
