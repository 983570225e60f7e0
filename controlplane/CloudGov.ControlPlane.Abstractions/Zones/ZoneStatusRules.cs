namespace CloudGov.ControlPlane.Abstractions.Zones;

/// <summary>How a zone's status follows from its agent's reports and the clock.</summary>
public static class ZoneStatusRules
{
    /// <summary>
    /// The effective status: operator and baseline states (Draining, Quarantined) stand; otherwise a zone that
    /// has not been heard from within the staleness window is Unreachable.
    /// </summary>
    public static ZoneStatus Effective(ZoneStatus stored, DateTimeOffset? lastReceivedAt, DateTimeOffset now, TimeSpan stalenessWindow)
    {
        if (stored is ZoneStatus.Draining or ZoneStatus.Quarantined)
        {
            return stored;
        }

        if (lastReceivedAt is null)
        {
            return stored == ZoneStatus.Unreachable ? ZoneStatus.Unreachable : ZoneStatus.Unknown;
        }

        return now - lastReceivedAt.Value > stalenessWindow ? ZoneStatus.Unreachable : stored;
    }

    /// <summary>The status a fresh report implies, given the stored one.</summary>
    public static ZoneStatus AfterReport(ZoneStatus stored, bool degraded) => stored switch
    {
        ZoneStatus.Draining or ZoneStatus.Quarantined => stored,
        _ => degraded ? ZoneStatus.Degraded : ZoneStatus.Ready,
    };
}
