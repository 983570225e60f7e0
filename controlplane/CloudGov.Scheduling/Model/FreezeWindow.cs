namespace CloudGov.Scheduling.Model;

/// <summary>
/// A maintenance or freeze window during which no migration may start. <see cref="ZoneId"/> null freezes the
/// whole cloud; otherwise the zone may be neither source nor destination. Active when
/// <c>Start ≤ now &lt; End</c>.
/// </summary>
public sealed record FreezeWindow(DateTimeOffset Start, DateTimeOffset End, string? ZoneId, string Reason)
{
    /// <summary>True when <paramref name="now"/> falls inside the window.</summary>
    public bool IsActive(DateTimeOffset now) => Start <= now && now < End;
}
