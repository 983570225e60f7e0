using CloudGov.Proto.Operations.V1;

namespace CloudGov.Demo;

/// <summary>
/// Which zones count as reporting for the ready banner: those whose agent is connected and whose last report the
/// control plane received since this run started. After a restart the stored zones still carry the last run's
/// sequences, so counting sequences would call every zone "reporting" before any agent has reported.
/// </summary>
internal static class ReportingZones
{
    /// <summary>
    /// The zones that reported in this run. <paramref name="sinceStart"/> is the run's age taken before the query was
    /// sent, so a report from before the start (its age at the query is larger) never counts.
    /// </summary>
    public static int InThisRun(IEnumerable<ZoneSummary> zones, TimeSpan sinceStart)
    {
        ArgumentNullException.ThrowIfNull(zones);
        return zones.Count(z => z.AgentConnected && z.LastReportAgeSeconds >= 0 && z.LastReportAgeSeconds <= sinceStart.TotalSeconds);
    }
}
