using CloudGov.ControlPlane.Abstractions.Baselines;
using CloudGov.ControlPlane.Abstractions.Ledger;
using CloudGov.ControlPlane.Grains.Plans;
using CloudGov.Proto.Baseline.V1;
using Google.Protobuf.WellKnownTypes;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>Compliance scores per zone (per MLPS level), per MLPS level across the cloud, and per tenant. Pure.</summary>
internal static class BaselineScores
{
    public static List<ZoneCompliance> Zones(IEnumerable<ZoneSummary> zones, IReadOnlyDictionary<string, ZoneBaseline> verdicts, IReadOnlyList<int> levels, DateTimeOffset now)
    {
        var list = new List<ZoneCompliance>();
        foreach (var zone in zones.OrderBy(z => z.ZoneId, StringComparer.Ordinal))
        {
            var blocks = SnapshotMapper.BaselineBlocksOf(zone, now);
            verdicts.TryGetValue(zone.ZoneId, out var verdict);
            var z = new ZoneCompliance
            {
                ZoneId = zone.ZoneId,
                CertifiedLevel = (Proto.Common.V1.MlpsLevel)(int)zone.Descriptor.MlpsLevel,
                Quarantined = zone.QuarantineRuleId is not null,
                QuarantineRuleId = zone.QuarantineRuleId ?? "",
                EvaluatedAt = verdict is null ? null : Timestamp.FromDateTimeOffset(verdict.EvaluatedAt),
            };
            foreach (int level in levels)
            {
                var l = new LevelCompliance
                {
                    MlpsLevel = (Proto.Common.V1.MlpsLevel)level,
                    Score = verdict is null || verdict.LevelScores.Length < level ? 0 : verdict.LevelScores[level - 1],
                    OpenFindings = verdict?.Violations.Count(v => v.AppliesTo((MlpsLevel)level)) ?? 0,
                };
                var blocking = zone.BaselineBlocks.Where(b => b.Blocks((MlpsLevel)level, now)).Select(b => b.RuleId).Take(64).ToList();
                l.BlockingRules.AddRange(blocking);
                l.Fit = blocking.Count == 0 && zone.QuarantineRuleId is null && (blocks.IsDefaultOrEmpty || blocks[level - 1] is null) && verdict is not null;
                z.Levels.Add(l);
            }

            list.Add(z);
        }

        return list;
    }

    public static IEnumerable<LevelScore> Levels(List<ZoneCompliance> zones, IReadOnlyList<int> levels) =>
        levels.Select(level =>
        {
            var certified = zones.Where(z => (int)z.CertifiedLevel >= level).ToList();
            int fit = certified.Count(z => z.Levels.First(l => (int)l.MlpsLevel == level).Fit);
            return new LevelScore
            {
                MlpsLevel = (Proto.Common.V1.MlpsLevel)level,
                Zones = certified.Count,
                FitZones = fit,
                Score = certified.Count == 0 ? 100 : Math.Round(100.0 * fit / certified.Count, 1),
            };
        });

    public static IEnumerable<TenantCompliance> Tenants(IReadOnlyList<WorkloadRecord> records, IReadOnlyList<FindingView> open, ImmutableArray<string> subtree)
    {
        var within = subtree.IsDefault ? null : subtree.ToHashSet(StringComparer.Ordinal);
        var failing = open.Where(f => f.Finding.WorkloadId.Length > 0).GroupBy(f => f.Finding.TenantId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Findings: g.Count(), Workloads: g.Select(f => f.Finding.WorkloadId).ToHashSet(StringComparer.Ordinal)), StringComparer.Ordinal);
        return records.GroupBy(r => r.Intent.TenantId, StringComparer.Ordinal)
            .Where(g => within is null || within.Contains(g.Key))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                int workloads = g.Count();
                var f = failing.GetValueOrDefault(g.Key);
                int compliant = workloads - g.Count(r => f.Workloads?.Contains(r.WorkloadId) == true);
                return new TenantCompliance
                {
                    TenantId = g.Key,
                    Workloads = workloads,
                    CompliantWorkloads = compliant,
                    Score = workloads == 0 ? 100 : Math.Round(100.0 * compliant / workloads, 1),
                    OpenFindings = f.Findings,
                };
            });
    }
}
