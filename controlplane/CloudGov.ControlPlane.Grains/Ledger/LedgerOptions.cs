namespace CloudGov.ControlPlane.Grains.Ledger;

/// <summary>How the ledger reconciles and keeps records. Bound from the <c>Ledger</c> configuration section.</summary>
public sealed class LedgerOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Ledger";

    /// <summary>A recorded workload its zone has not reported for this many reports is Missing. Default 3; 1 to 1000.</summary>
    public int MissingAfterReports { get; set; } = 3;

    /// <summary>How many history entries a record keeps (the newest). Default 20; 1 to 1000.</summary>
    public int HistoryKept { get; set; } = 20;

    /// <summary>
    /// How soon a shard writes what zones reported (write-behind; intent, placements and moves are written at once).
    /// Default 1 s; 50 ms to 1 min.
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often each zone re-sends everything it reports to the ledger: the safety net for a lost sync, and what restores
    /// records a shard had not yet written when its host died. Default 1 min; 1 s to 1 day.
    /// </summary>
    public TimeSpan ResyncInterval { get; set; } = TimeSpan.FromMinutes(1);
}
