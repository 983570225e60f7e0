using CloudGov.Domain;
using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;

namespace CloudGov.Scheduling.Benchmarks;

/// <summary>
/// Seeded, realistic one-cloud instances for Guangxi: zones in the 14 prefecture-level cities with heterogeneous
/// sizes (×1 to ×8), CPU over-commit on some, mixed MLPS levels (2–4) and network planes, targets 0.75 or 0.80;
/// workloads with heavy-tailed sizes and varied memory/CPU ratios, mixed levels, planes and residency (province-wide,
/// own city, or anywhere), about 10% pinned, a few anti-affinity groups. About 15% of zones (at least 2) are filled
/// to 86–95% of allocatable in their dominant dimension (hot), the rest to 25–70%. Nothing here knows about any
/// strategy; the same instance goes to every planner.
/// </summary>
internal static class InstanceGenerator
{
    /// <summary>The 14 prefecture-level cities of Guangxi: 4-digit prefix and name.</summary>
    public static readonly (string Prefix, string Name)[] Cities =
    [
        ("4501", "南宁"), ("4502", "柳州"), ("4503", "桂林"), ("4504", "梧州"), ("4505", "北海"), ("4506", "防城港"), ("4507", "钦州"),
        ("4508", "贵港"), ("4509", "玉林"), ("4510", "百色"), ("4511", "贺州"), ("4512", "河池"), ("4513", "来宾"), ("4514", "崇左"),
    ];

    public static CloudSnapshot Generate(int workloadCount, int zoneCount, int seed, double headroom = 0.05)
    {
        var rng = new Random(seed);

        // ---- workloads (requests and static attributes; residency set once the zone is known)
        var req = new ResourceVector[workloadCount];
        var level = new MlpsLevel[workloadCount];
        var plane = new NetworkPlane[workloadCount];
        var residency = new int[workloadCount]; // 0 province, 1 own city, 2 anywhere
        var pinned = new bool[workloadCount];
        var group = new string?[workloadCount];
        var tenant = new string[workloadCount];
        int tenants = Math.Max(5, workloadCount / 40);
        for (int w = 0; w < workloadCount; w++)
        {
            double cores = Math.Clamp(Math.Exp(Normal(rng, Math.Log(2.0), 0.9)), 0.25, 48);
            long cpu = Math.Max(250, (long)Math.Round(cores * 4) * 250);
            double memPerCore = rng.NextDouble() switch { < 0.3 => 2048, < 0.75 => 4096, _ => 8192 } * (0.75 + (0.5 * rng.NextDouble()));
            long mem = (long)(cpu / 1000.0 * memPerCore);
            long storage = (long)Math.Clamp(Math.Exp(Normal(rng, Math.Log(100), 1.0)), 10, 4000);
            req[w] = new ResourceVector(cpu, mem, storage);
            level[w] = rng.NextDouble() switch { < 0.45 => MlpsLevel.Level2, < 0.95 => MlpsLevel.Level3, _ => MlpsLevel.Level4 };
            plane[w] = rng.NextDouble() switch { < 0.97 => NetworkPlane.EGovExtranet, < 0.99 => NetworkPlane.Internet, _ => zoneCount > 27 ? NetworkPlane.EGovIntranet : NetworkPlane.EGovExtranet };
            residency[w] = rng.NextDouble() switch { < 0.80 => 0, < 0.86 => 1, _ => 2 };
            pinned[w] = rng.NextDouble() < 0.10;
            tenant[w] = $"dept-{rng.Next(tenants):D4}";
        }

        for (int w = 0; w + 3 < workloadCount; w++)
        {
            if (rng.NextDouble() < 0.015)
            {
                int size = 2 + rng.Next(2);
                for (int k = 0; k < size; k++)
                {
                    group[w + k] = $"ha-{w}";
                    tenant[w + k] = tenant[w];
                    level[w + k] = level[w];
                    plane[w + k] = plane[w];
                    residency[w + k] = residency[w] == 1 ? 0 : residency[w];
                }

                w += size;
            }
        }

        // ---- zones
        var zones = new ZoneSnapshot[zoneCount];
        var fill = new double[zoneCount];
        var scale = new double[zoneCount];
        var jitter = new double[zoneCount, 3];
        var cpuOver = new double[zoneCount];
        int hotCount = Math.Max(2, (int)Math.Round(zoneCount * 0.15));
        var hot = new HashSet<int>();
        while (hot.Count < hotCount)
        {
            hot.Add(rng.Next(zoneCount));
        }

        ResourceVector total = default;
        foreach (ResourceVector r in req)
        {
            total += r;
        }

        double weightSum = 0;
        for (int z = 0; z < zoneCount; z++)
        {
            scale[z] = rng.NextDouble() switch { < 0.30 => 1, < 0.65 => 2, < 0.90 => 4, _ => 8 };
            fill[z] = hot.Contains(z) ? 0.86 + (0.09 * rng.NextDouble()) : 0.25 + (0.45 * rng.NextDouble());
            for (int d = 0; d < 3; d++)
            {
                jitter[z, d] = 0.8 + (0.45 * rng.NextDouble());
            }

            cpuOver[z] = rng.NextDouble() switch { < 0.6 => 1.0, < 0.9 => 1.5, _ => 2.0 };
            weightSum += scale[z] * fill[z];
        }

        for (int z = 0; z < zoneCount; z++)
        {
            (string prefix, string name) = Cities[z % Cities.Length];
            string county = $"{1 + rng.Next(9):D2}";
            double share = scale[z] / weightSum;
            var capacity = new ResourceVector(
                (long)(total.CpuMillicores * share * jitter[z, 0] / cpuOver[z]),
                (long)(total.MemoryMiB * share * jitter[z, 1]),
                (long)(total.StorageGiB * share * jitter[z, 2]));
            zones[z] = new ZoneSnapshot
            {
                Id = $"gx-{prefix}-z{z:D3}",
                DisplayName = $"{name}政务云{z}区",
                AdministrativeLevel = z < 2 ? AdministrativeLevel.Province : (rng.NextDouble() < 0.7 ? AdministrativeLevel.City : AdministrativeLevel.County),
                RegionCode = prefix + county,
                Provider = (ProviderKind)(1 + rng.Next(4)),
                MlpsLevel = rng.NextDouble() switch { < 0.05 => MlpsLevel.Level2, < 0.70 => MlpsLevel.Level3, _ => MlpsLevel.Level4 },
                NetworkPlane = z % 12 == 5 ? NetworkPlane.Internet : (z % 40 == 27 ? NetworkPlane.EGovIntranet : NetworkPlane.EGovExtranet),
                Capacity = capacity,
                OverCommit = new OverCommit(Cpu: cpuOver[z]),
                TargetUtilization = rng.NextDouble() < 0.2 ? 0.75 : 0.80,
                UnitCost = 0.8 + (0.4 * rng.NextDouble()),
            };
        }

        // ---- initial placement: largest first, each to the eligible zone with most room left under its fill level
        var loads = new ResourceVector[zoneCount];
        var alloc = zones.Select(z => z.Allocatable).ToArray();
        var groupZones = new Dictionary<string, HashSet<int>>();
        var order = Enumerable.Range(0, workloadCount).OrderByDescending(w => req[w].DominantRatioOf(total)).ThenBy(w => w).ToArray();
        var workloads = new List<WorkloadSnapshot>(workloadCount);
        foreach (int w in order)
        {
            int best = -1;
            double bestSlack = double.NegativeInfinity;
            HashSet<int>? taken = group[w] is { } g ? groupZones.GetValueOrDefault(g) : null;
            for (int z = 0; z < zoneCount; z++)
            {
                if (zones[z].MlpsLevel < level[w] || zones[z].NetworkPlane != plane[w] || (taken?.Contains(z) ?? false))
                {
                    continue;
                }

                ResourceVector after = loads[z] + req[w];
                if (!after.FitsWithin(alloc[z].Scale(1 - headroom)))
                {
                    continue;
                }

                double slack = double.MaxValue;
                for (int d = 0; d < 3; d++)
                {
                    slack = Math.Min(slack, ((fill[z] * alloc[z][d]) - after[d]) / alloc[z][d]);
                }

                slack += 0.01 * rng.NextDouble();
                if (slack > bestSlack)
                {
                    bestSlack = slack;
                    best = z;
                }
            }

            if (best < 0)
            {
                continue; // does not fit anywhere: left out of the instance
            }

            loads[best] += req[w];
            if (group[w] is { } gg)
            {
                (groupZones.TryGetValue(gg, out var set) ? set : groupZones[gg] = []).Add(best);
            }

            string cityPrefix = zones[best].RegionCode[..4];
            IReadOnlyList<string> allowed = residency[w] switch { 0 => ["450000"], 1 => [cityPrefix + "00"], _ => [] };
            workloads.Add(new WorkloadSnapshot
            {
                Id = $"wl-{w:D6}",
                TenantId = tenant[w],
                SystemId = group[w] ?? $"sys-{w / 7:D5}",
                Requests = req[w],
                Usage = req[w].Scale(0.4 + (0.5 * rng.NextDouble())),
                RequiredLevel = level[w],
                AllowedRegions = allowed,
                NetworkPlane = plane[w],
                Movable = !pinned[w],
                MigrationCost = Math.Round(1 + (req[w].StorageGiB / 200.0), 2),
                Priority = rng.Next(4),
                AntiAffinityGroup = group[w],
                CurrentZoneId = zones[best].Id,
            });
        }

        workloads.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return CloudSnapshot.Create(zones, workloads);
    }

    /// <summary>The fraction of (workload, zone) pairs the static hard constraints forbid.</summary>
    public static double ForbiddenFraction(CloudSnapshot snapshot, FilterPipeline filters)
    {
        long forbidden = 0, total = 0;
        var state = new ClusterState(snapshot);
        int step = Math.Max(1, snapshot.Workloads.Count / 5000);
        for (int w = 0; w < snapshot.Workloads.Count; w += step)
        {
            for (int z = 0; z < snapshot.Zones.Count; z++)
            {
                total++;
                if (!filters.AdmitsStatic(new FilterContext(snapshot.Workloads[w], z, snapshot.Zones[z], state, true)))
                {
                    forbidden++;
                }
            }
        }

        return (double)forbidden / total;
    }

    private static double Normal(Random rng, double mean, double sd)
    {
        double u1 = 1.0 - rng.NextDouble();
        double u2 = rng.NextDouble();
        return mean + (sd * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }
}
