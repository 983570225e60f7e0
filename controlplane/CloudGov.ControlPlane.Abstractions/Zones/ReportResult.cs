namespace CloudGov.ControlPlane.Abstractions.Zones;

/// <summary>Whether a report was applied.</summary>
[GenerateSerializer, Alias("cloudgov.ReportResult")]
public enum ReportResult
{
    /// <summary>Applied: its sequence was newer than any before.</summary>
    Accepted = 0,

    /// <summary>Ignored: its sequence was not newer than the last applied one (a duplicate or a late arrival).</summary>
    Duplicate = 1,

    /// <summary>Ignored: the zone has no registered agent (Hello first).</summary>
    NotRegistered = 2,
}
