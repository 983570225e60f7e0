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

    public static CloudSnapshot Generate(int workloadCount, int zoneCount, int seed, double headroom = 0.05) =>
        Generate(workloadCount, zoneCount, seed, InstanceFamily.Standard, headroom);

    public static CloudSnapshot Generate(int workloadCount, int zoneCount, int seed, InstanceFamily family, double headroom = 0.05)
    {
        // Standard keeps its original random stream, so its instances are those of earlier releases.
        var rng = new Random(family == InstanceFamily.Standard ? seed : unchecked((seed * 7_919) + ((int)family * 104_729)) & int.MaxValue);
        double pinnedShare = family == InstanceFamily.Infeasible ? 0.35 : 0.10;
        double groupStart = family == InstanceFamily.ManyGroups ? 0.20 : 0.015;
        int groupMax = family == InstanceFamily.ManyGroups ? 5 : 3;
        int tierZones = family == InstanceFamily.Tiered ? Math.Max(2, (int)Math.Round(zoneCount * 0.3)) : 0;
        int gpuZones = family == InstanceFamily.MemoryGpu ? Math.Max(2, (int)Math.Round(zoneCount * 0.25)) : 0;
        var gpu = new long[workloadCount];

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
            double cores = family == InstanceFamily.Bimodal
                ? 0.25 + (0.75 * rng.NextDouble())
                : Math.Clamp(Math.Exp(Normal(rng, Math.Log(2.0), 0.9)), 0.25, 48);
            long cpu = Math.Max(250, (long)Math.Round(cores * 4) * 250);
            double memPerCore = family == InstanceFamily.MemoryGpu && rng.NextDouble() < 0.6
                ? 12_288 + (12_288 * rng.NextDouble())
                : rng.NextDouble() switch { < 0.3 => 2048, < 0.75 => 4096, _ => 8192 } * (0.75 + (0.5 * rng.NextDouble()));
            long mem = (long)(cpu / 1000.0 * memPerCore);
            long storage = (long)Math.Clamp(Math.Exp(Normal(rng, Math.Log(100), 1.0)), 10, 4000);
            gpu[w] = family == InstanceFamily.MemoryGpu && rng.NextDouble() < 0.08 ? 1 + rng.Next(4) : 0;
            req[w] = new ResourceVector(cpu, mem, storage, gpu[w]);
            level[w] = family == InstanceFamily.Tiered
                ? (rng.NextDouble() < 0.35 ? MlpsLevel.Level4 : (rng.NextDouble() < 0.5 ? MlpsLevel.Level2 : MlpsLevel.Level3))
                : rng.NextDouble() switch { < 0.45 => MlpsLevel.Level2, < 0.95 => MlpsLevel.Level3, _ => MlpsLevel.Level4 };
            plane[w] = rng.NextDouble() switch { < 0.97 => NetworkPlane.EGovExtranet, < 0.99 => NetworkPlane.Internet, _ => zoneCount > 27 ? NetworkPlane.EGovIntranet : NetworkPlane.EGovExtranet };
            residency[w] = family == InstanceFamily.CityLocked
                ? rng.NextDouble() switch { < 0.85 => 1, < 0.95 => 0, _ => 2 }
                : rng.NextDouble() switch { < 0.80 => 0, < 0.86 => 1, _ => 2 };
            pinned[w] = rng.NextDouble() < pinnedShare;
            tenant[w] = $"dept-{rng.Next(tenants):D4}";
        }

        for (int w = 0; w + 3 < workloadCount; w++)
        {
            if (rng.NextDouble() < groupStart)
            {
                int size = Math.Min(2 + rng.Next(groupMax - 1), workloadCount - w);
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

        if (family == InstanceFamily.Bimodal)
        {
            // About one workload per zone larger than 30 % of an average zone (zones here are ×1–×2).
            ResourceVector small = default;
            foreach (ResourceVector r in req)
            {
                small += r;
            }

            int large = Math.Min(workloadCount, Math.Max(1, (int)Math.Round(zoneCount * 0.8)));
            double share = 0.30 + (0.1 * rng.NextDouble());
            double factor = share / (0.6 * zoneCount) / (1 - (share * large / (0.6 * zoneCount)));
            for (int k = 0; k < large; k++)
            {
                int w = rng.Next(workloadCount);
                double f = factor * (0.9 + (0.3 * rng.NextDouble()));
                req[w] = new ResourceVector(
                    Math.Max(250, (long)(small.CpuMillicores * f / 250) * 250), (long)(small.MemoryMiB * f), Math.Max(10, (long)(small.StorageGiB * f * 0.5)));
            }
        }

        // ---- zones
        var zones = new ZoneSnapshot[zoneCount];
        var fill = new double[zoneCount];
        var scale = new double[zoneCount];
        var jitter = new double[zoneCount, 3];
        var cpuOver = new double[zoneCount];
        int hotCount = family switch
        {
            InstanceFamily.Balanced => 0,
            InstanceFamily.Infeasible => Math.Max(2, (int)Math.Round(zoneCount * 0.6)),
            InstanceFamily.Tiered => Math.Max(1, (int)Math.Round(tierZones * 0.15)),
            _ => Math.Max(2, (int)Math.Round(zoneCount * 0.15)),
        };
        var hot = new HashSet<int>();
        while (hot.Count < hotCount)
        {
            hot.Add(family == InstanceFamily.Tiered ? rng.Next(tierZones) : rng.Next(zoneCount));
        }

        // Placement groups: a zone's capacity is sized from the requests of the workloads placed in its group
        // (Tiered: the level-4 tier takes only level-4 workloads, the rest only the rest; MemoryGpu: GPU zones size their GPUs).
        int GroupOfZone(int z) => family == InstanceFamily.Tiered && z >= tierZones ? 1 : 0;
        int GroupOfWorkload(int w) => family == InstanceFamily.Tiered && level[w] != MlpsLevel.Level4 ? 1 : 0;

        var groupTotal = new ResourceVector[2];
        for (int w = 0; w < workloadCount; w++)
        {
            groupTotal[GroupOfWorkload(w)] += req[w];
        }

        ResourceVector total = groupTotal[0] + groupTotal[1];
        var weightSum = new double[2];
        for (int z = 0; z < zoneCount; z++)
        {
            scale[z] = family == InstanceFamily.Bimodal
                ? (rng.NextDouble() < 0.5 ? 1 : 2)
                : rng.NextDouble() switch { < 0.30 => 1, < 0.65 => 2, < 0.90 => 4, _ => 8 };
            fill[z] = (family, hot.Contains(z)) switch
            {
                (_, true) => 0.86 + (0.09 * rng.NextDouble()),
                (InstanceFamily.Balanced, _) => 0.35 + (0.25 * rng.NextDouble()),
                (InstanceFamily.Infeasible, _) => 0.74 + (0.05 * rng.NextDouble()),
                (InstanceFamily.Tiered, _) when z < tierZones => 0.65 + (0.13 * rng.NextDouble()),
                (InstanceFamily.Tiered, _) => 0.03 + (0.09 * rng.NextDouble()),
                _ => 0.25 + (0.45 * rng.NextDouble()),
            };
            for (int d = 0; d < 3; d++)
            {
                jitter[z, d] = 0.8 + (0.45 * rng.NextDouble());
            }

            cpuOver[z] = rng.NextDouble() switch { < 0.6 => 1.0, < 0.9 => 1.5, _ => 2.0 };
            weightSum[GroupOfZone(z)] += scale[z] * fill[z];
        }

        for (int z = 0; z < zoneCount; z++)
        {
            (string prefix, string name) = Cities[z % Cities.Length];
            string county = $"{1 + rng.Next(9):D2}";
            int pg = GroupOfZone(z);
            ResourceVector basis = groupTotal[pg];
            double share = scale[z] / weightSum[pg];
            long gpuCapacity = z < gpuZones ? Math.Max(4, (long)Math.Ceiling(total.Gpu / (double)gpuZones / 0.6)) : 0;
            var capacity = new ResourceVector(
                (long)(basis.CpuMillicores * share * jitter[z, 0] / cpuOver[z]),
                (long)(basis.MemoryMiB * share * jitter[z, 1]),
                (long)(basis.StorageGiB * share * jitter[z, 2]),
                gpuCapacity);
            zones[z] = new ZoneSnapshot
            {
                Id = $"gx-{prefix}-z{z:D3}",
                DisplayName = $"{name}政务云{z}区",
                AdministrativeLevel = z < 2 ? AdministrativeLevel.Province : (rng.NextDouble() < 0.7 ? AdministrativeLevel.City : AdministrativeLevel.County),
                RegionCode = prefix + county,
                Provider = (ProviderKind)(1 + rng.Next(4)),
                MlpsLevel = family == InstanceFamily.Tiered
                    ? (z < tierZones ? MlpsLevel.Level4 : (z % 2 == 0 ? MlpsLevel.Level3 : MlpsLevel.Level2))
                    : rng.NextDouble() switch { < 0.05 => MlpsLevel.Level2, < 0.70 => MlpsLevel.Level3, _ => MlpsLevel.Level4 },
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
                if (zones[z].MlpsLevel < level[w] || zones[z].NetworkPlane != plane[w] || (taken?.Contains(z) ?? false) || GroupOfZone(z) != GroupOfWorkload(w))
                {
                    continue;
                }

                ResourceVector after = loads[z] + req[w];
                if (!after.FitsWithin(alloc[z].Scale(1 - headroom)))
                {
                    continue;
                }

                double slack = double.MaxValue;
                for (int d = 0; d < ResourceVector.Dimensions; d++)
                {
                    if (alloc[z][d] > 0)
                    {
                        slack = Math.Min(slack, ((fill[z] * alloc[z][d]) - after[d]) / alloc[z][d]);
                    }
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
