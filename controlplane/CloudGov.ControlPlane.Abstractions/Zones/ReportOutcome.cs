namespace CloudGov.ControlPlane.Abstractions.Zones;

/// <summary>What a zone grain did with a report.</summary>
/// <param name="Result">Whether it was applied.</param>
/// <param name="LastSequence">The highest sequence applied so far.</param>
/// <param name="DurableSequence">The highest sequence whose effect is in durable storage.</param>
[GenerateSerializer, Immutable, Alias("cloudgov.ReportOutcome")]
public sealed record ReportOutcome(
    [property: Id(0)] ReportResult Result,
    [property: Id(1)] ulong LastSequence,
    [property: Id(2)] ulong DurableSequence);
