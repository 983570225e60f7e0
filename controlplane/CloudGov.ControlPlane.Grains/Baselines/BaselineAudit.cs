using CloudGov.Baselines.Evaluation;
using CloudGov.Baselines.Model;
using CloudGov.ControlPlane.Abstractions.Baselines;
using CloudGov.ControlPlane.Grains.Zones;

namespace CloudGov.ControlPlane.Grains.Baselines;

/// <summary>
/// The full audit's evaluation as a pure function: every zone's zone rules over its posture, and every ledger workload's
/// rules in each zone it is observed in (level, residency, access policy, rogue workloads).
/// </summary>
public static class BaselineAudit
{
    /// <summary>The label a workload may carry to name its tenant's 2-digit province code.</summary>
    public const string ProvinceLabel = "cloudgov.io/province";

    /// <summary>The violations seen now and each zone's verdict.</summary>
    public static (List<FindingDraft> Seen, Dictionary<string, ZoneBaseline> Zones) Evaluate(
        BaselineEvaluator evaluator,
        IReadOnlyList<ZoneDetail> zones,
        IReadOnlyList<WorkloadRecord> records,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        var seen = new List<FindingDraft>();
        var verdicts = new Dictionary<string, ZoneBaseline>(zones.Count, StringComparer.Ordinal);
        var facts = new Dictionary<string, CloudGov.Baselines.Model.ZoneFacts>(zones.Count, StringComparer.Ordinal);
        foreach (var zone in zones)
        {
            var summary = zone.Summary;
            var posture = new Dictionary<string, string>(zone.Posture.IsDefault ? 0 : zone.Posture.Length, StringComparer.Ordinal);
            foreach (var p in zone.Posture.IsDefault ? [] : zone.Posture)
            {
                posture[p.Key] = p.Value;
            }

            var zoneFacts = new CloudGov.Baselines.Model.ZoneFacts(summary.ZoneId, summary.Descriptor.MlpsLevel, summary.Descriptor.RegionCode, summary.Descriptor.Provider, posture, summary.AgentConnected ? "mtls-verified" : "disconnected");
            facts[summary.ZoneId] = zoneFacts;
            var evaluation = evaluator.EvaluateZone(zoneFacts);
            var verdict = ZoneBaselineEffect.ToRecord(evaluation, now);
            verdicts[summary.ZoneId] = verdict;
            foreach (var v in verdict.Violations)
            {
                seen.Add(new FindingDraft(summary.ZoneId, "", "", v));
            }
        }

        foreach (var record in records)
        {
            foreach (var observed in record.Observed.IsDefault ? [] : record.Observed)
            {
                if (!facts.TryGetValue(observed.ZoneId, out var zoneFacts))
                {
                    continue;
                }

                var workload = Facts(record, observed);
                foreach (var v in evaluator.EvaluateWorkload(zoneFacts, workload))
                {
                    seen.Add(new FindingDraft(observed.ZoneId, record.WorkloadId, record.Intent.TenantId, ZoneBaselineEffect.ToRecord(v)));
                }
            }
        }

        return (seen, verdicts);
    }

    /// <summary>A ledger record observed in a zone, as the workload rules see it.</summary>
    public static WorkloadFacts Facts(WorkloadRecord record, ObservedPlacement observed)
    {
        ArgumentNullException.ThrowIfNull(record);
        var intent = record.Intent;
        var level = record.Managed && intent.MlpsLevel != MlpsLevel.Unspecified ? intent.MlpsLevel : observed.MlpsLevel;
        return new WorkloadFacts(record.WorkloadId, intent.TenantId, level, ProvinceOf(intent), LedgerState: record.State.ToString());
    }

    /// <summary>The tenant's province of a workload: its <see cref="ProvinceLabel"/>, else the common 2-digit prefix of its residency; empty when unknown.</summary>
    public static string ProvinceOf(WorkloadSpec intent)
    {
        ArgumentNullException.ThrowIfNull(intent);
        if (intent.Label(ProvinceLabel) is { Length: 2 } label && label.All(char.IsAsciiDigit))
        {
            return label;
        }

        if (intent.AllowedRegions.IsDefaultOrEmpty)
        {
            return "";
        }

        string first = intent.AllowedRegions[0].Length >= 2 ? intent.AllowedRegions[0][..2] : "";
        return first.Length == 2 && intent.AllowedRegions.All(r => r.StartsWith(first, StringComparison.Ordinal)) ? first : "";
    }
}
