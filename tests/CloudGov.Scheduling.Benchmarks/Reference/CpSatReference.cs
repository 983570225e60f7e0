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
    public sealed record Result(string Status, long? Objective, long Bound, bool Optimal, double Seconds, IReadOnlyList<string> MovedFrom);

    public static Result Solve(CloudSnapshot s, FilterPipeline filters, IReadOnlyList<Move>? hint, double seconds, int workers, bool noArrivalsIntoHot = false)
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
                        model.AddBoolOr([model.FalseLiteral()]);
                    }

                    continue;
                }

                LinearExpr expr = LinearExpr.WeightedSum(terms[z].Select(t => t.Var), terms[z].Select(t => s.Workloads[t.W].Requests[d]));
                model.Add(expr <= room);
            }
        }

        foreach (var ((g, z), list) in groups)
        {
            int already = fixedGroups.GetValueOrDefault((g, z));
            model.Add(LinearExpr.Sum(list) <= Math.Max(0, 1 - already));
        }

        int movable = stay.Count;
        model.Minimize(movable - LinearExpr.Sum(stay));
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
        return new Result(status.ToString(), has ? (long)Math.Round(solver.ObjectiveValue) : null, bound, status == CpSolverStatus.Optimal, sw.Elapsed.TotalSeconds, movedFrom);
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
