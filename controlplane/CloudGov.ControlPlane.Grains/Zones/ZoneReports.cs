namespace CloudGov.ControlPlane.Grains.Zones;

/// <summary>What a zone grain does to a report before it keeps it.</summary>
internal static class ZoneReports
{
    /// <summary>
    /// The report with every workload whose facts did not change since <paramref name="previous"/> sharing the previous
    /// observation's strings and labels (only its usage is new), so a zone keeps one copy of what stays the same rather
    /// than a freshly parsed one per report. One in-order pass; workloads out of order are kept as reported.
    /// </summary>
    public static ZoneReportData SharingUnchanged(ZoneReportData? previous, ZoneReportData report)
    {
        if (previous is null || previous.Workloads.IsDefaultOrEmpty || report.Workloads.IsDefaultOrEmpty)
        {
            return report;
        }

        var before = previous.Workloads;
        var now = report.Workloads;
        WorkloadObservation[]? shared = null;
        for (int i = 0; i < now.Length && i < before.Length; i++)
        {
            var (old, fresh) = (before[i], now[i]);
            if (ReferenceEquals(old, fresh) || !string.Equals(old.WorkloadId, fresh.WorkloadId, StringComparison.Ordinal) || !old.SameFacts(fresh))
            {
                continue;
            }

            shared ??= [.. now];
            shared[i] = old.Usage == fresh.Usage ? old : old with { Usage = fresh.Usage };
        }

        return shared is null ? report : report with { Workloads = System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(shared) };
    }
}
