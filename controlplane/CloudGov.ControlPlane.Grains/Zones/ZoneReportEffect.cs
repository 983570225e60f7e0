namespace CloudGov.ControlPlane.Grains.Zones;

/// <summary>
/// What a report does to a zone's state, as a pure function: refused (not registered, or not newer), or applied — with
/// whether the change touches the inventory (status or the set of workloads and their states), which the zone grain
/// writes at once, or only utilization, which it writes behind.
/// </summary>
internal static class ZoneReportEffect
{
    /// <summary>The effect of <paramref name="report"/> arriving at <paramref name="now"/> on <paramref name="state"/>.</summary>
    public static ReportStep Apply(ZoneState state, ZoneReportData report, DateTimeOffset now, TimeSpan stalenessWindow)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(report);
        if (state.Descriptor is null)
        {
            return new ReportStep(ReportResult.NotRegistered, state, InventoryChanged: false);
        }

        if (report.Sequence <= state.LastSequence || report.Sequence > WireLimits.MaxSequence)
        {
            // Above the ceiling never gets here through the gateway (rejected at the wire); refused all the same.
            return new ReportStep(ReportResult.Duplicate, state, InventoryChanged: false);
        }

        // A blind report (Degraded, no capacity, no workloads: an agent whose provider has failed since it started)
        // is no evidence that the zone emptied: the zone keeps its last report's inventory and posture, now Degraded
        // with the new reason, so the ledger does not come to call its workloads missing and the rebalancer does not
        // see a zone of zero capacity to drain. Only Ready zones receive workloads, so nothing is placed here meanwhile.
        if (IsBlind(report) && state.LastReport is { } previous)
        {
            report = previous with { Sequence = report.Sequence, ObservedAt = report.ObservedAt, Degraded = true, DegradedReason = report.DegradedReason };
        }

        report = ZoneReports.SharingUnchanged(state.LastReport, report);
        var effective = ZoneStatusRules.Effective(state.Status, state.LastReceivedAt, now, stalenessWindow);
        var next = state with
        {
            LastReport = report,
            LastReceivedAt = now,
            Status = ZoneStatusRules.AfterReport(effective, report.Degraded),
        };
        // A changed degraded reason is written (and published) at once too: it is what an operator reads to see why.
        return new ReportStep(ReportResult.Accepted, next, next.Status != state.Status
            || !string.Equals(state.LastReport?.DegradedReason, report.DegradedReason, StringComparison.Ordinal)
            || !SameWorkloadSet(state.LastReport, report));
    }

    /// <summary>True for a Degraded report that saw nothing: no capacity and no workloads.</summary>
    public static bool IsBlind(ZoneReportData report) =>
        report.Degraded && report.Workloads.IsDefaultOrEmpty && report.Capacity == ResourceVector.Zero;

    /// <summary>True when both reports hold the same workloads in the same states (in any order).</summary>
    public static bool SameWorkloadSet(ZoneReportData? previous, ZoneReportData next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (previous is null)
        {
            return next.Workloads.IsEmpty;
        }

        if (previous.Workloads.Length != next.Workloads.Length)
        {
            return false;
        }

        // Agents report workloads in a stable order; compare in order first, fall back to a set.
        var a = previous.Workloads;
        var b = next.Workloads;
        bool inOrder = true;
        for (int i = 0; i < a.Length; i++)
        {
            if (!string.Equals(a[i].WorkloadId, b[i].WorkloadId, StringComparison.Ordinal) || a[i].State != b[i].State)
            {
                inOrder = false;
                break;
            }
        }

        if (inOrder)
        {
            return true;
        }

        var ids = new HashSet<(string, WorkloadState)>(a.Select(w => (w.WorkloadId, w.State)));
        return b.All(w => ids.Contains((w.WorkloadId, w.State)));
    }
}
