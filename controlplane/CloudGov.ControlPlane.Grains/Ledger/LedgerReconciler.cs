using System.Globalization;
using CloudGov.ControlPlane.Abstractions.Ledger;

namespace CloudGov.ControlPlane.Grains.Ledger;

/// <summary>
/// Names the difference between a record's intent and what zones report (pure): running where recorded, pending,
/// missing, unmanaged, drifted or violating — the worst that applies, with the reason in words.
/// </summary>
public static class LedgerReconciler
{
    /// <summary>The state of <paramref name="record"/> as of <paramref name="now"/>, given the zones' facts.</summary>
    public static (ReconciliationState State, string Detail) Evaluate(WorkloadRecord record, IReadOnlyDictionary<string, ZoneFacts> zones, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(zones);
        var observed = record.Observed.IsDefault ? [] : record.Observed;
        if (!record.Managed)
        {
            if (observed.Length > 0)
            {
                return (ReconciliationState.Unmanaged, $"reported by {Zones(observed)}; no intent registered, so it is pinned where it runs");
            }

            return record.MissingInZone
                ? (ReconciliationState.Missing, $"zone {record.ZoneId} stopped reporting it; no intent registered")
                : (ReconciliationState.Unmanaged, $"not reported since its adoption in {record.ZoneId}; no intent registered");
        }

        if (observed.Length == 0)
        {
            if (record.Placing is { } placing)
            {
                return now <= placing.Deadline
                    ? (ReconciliationState.Pending, $"being placed in {record.ZoneId} (command {placing.CommandId}, until {placing.Deadline.ToString("O", CultureInfo.InvariantCulture)})")
                    : (ReconciliationState.Missing, $"its placement in {record.ZoneId} was not reported before its deadline {placing.Deadline.ToString("O", CultureInfo.InvariantCulture)}");
            }

            if (record.ZoneId is null)
            {
                return record.MissingInZone
                    ? (ReconciliationState.Missing, record.StateDetail.Length > 0 ? record.StateDetail : "its placement failed")
                    : (ReconciliationState.Pending, "registered; not placed in any zone yet");
            }

            return record.MissingInZone
                ? (ReconciliationState.Missing, $"recorded in {record.ZoneId}, which has stopped reporting it")
                : (ReconciliationState.Pending, $"recorded in {record.ZoneId}; waiting for the zone to report it");
        }

        foreach (var o in observed)
        {
            if (zones.TryGetValue(o.ZoneId, out var facts) && IntentCheck.Broken(record.Intent, facts) is { Length: > 0 } broken)
            {
                return (ReconciliationState.Violating, $"runs in {o.ZoneId} ({facts.RegionCode}, MLPS {(int)facts.MlpsLevel}): {string.Join("; ", broken.Select(b => b.English))}");
            }
        }

        var expectedElsewhere = record.Moving?.ToZoneId;
        var unexpected = observed.Where(o => !string.Equals(o.ZoneId, record.ZoneId, StringComparison.Ordinal) && !string.Equals(o.ZoneId, expectedElsewhere, StringComparison.Ordinal)).ToList();
        if (record.ZoneId is not null && unexpected.Count > 0)
        {
            return (ReconciliationState.Drifted, record.ObservedIn(record.ZoneId) is null
                ? $"recorded in {record.ZoneId}, reported by {string.Join(", ", unexpected.Select(o => o.ZoneId))}"
                : $"recorded in {record.ZoneId}, also reported by {string.Join(", ", unexpected.Select(o => o.ZoneId))}");
        }

        var primary = record.ObservedIn(record.ZoneId) ?? record.ObservedIn(expectedElsewhere) ?? observed[0];
        if (primary.Requests != record.Intent.Requests)
        {
            return (ReconciliationState.Drifted, $"{primary.ZoneId} reports requests {primary.Requests}; its intent says {record.Intent.Requests}");
        }

        if (primary.MlpsLevel != record.Intent.MlpsLevel)
        {
            return (ReconciliationState.Drifted, $"{primary.ZoneId} reports MLPS level {(int)primary.MlpsLevel}; its intent says {(int)record.Intent.MlpsLevel}");
        }

        return record.Moving is { } moving
            ? (ReconciliationState.InSync, $"running in {primary.ZoneId}; plan {moving.PlanId} is moving it to {moving.ToZoneId}")
            : (ReconciliationState.InSync, $"running in {primary.ZoneId} as recorded");
    }

    private static string Zones(ImmutableArray<ObservedPlacement> observed) => string.Join(", ", observed.Select(o => o.ZoneId));
}
