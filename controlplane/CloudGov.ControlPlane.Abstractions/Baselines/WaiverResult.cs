namespace CloudGov.ControlPlane.Abstractions.Baselines;

/// <summary>What a waiver decision did: the waiver, or why nothing changed (<see cref="Failure"/> "not_found" or "failed_precondition").</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.WaiverResult")]
public sealed record WaiverResult(
    [property: Id(0)] WaiverRecord? Waiver,
    [property: Id(1)] string Failure,
    [property: Id(2)] string Message)
{
    /// <summary>Not found.</summary>
    public const string NotFound = "not_found";

    /// <summary>Not in a state that allows it.</summary>
    public const string FailedPrecondition = "failed_precondition";

    /// <summary>True when it changed (or, for a retry, had changed) the waiver.</summary>
    public bool Succeeded => Waiver is not null && Failure.Length == 0;

    /// <summary>Success.</summary>
    public static WaiverResult Of(WaiverRecord waiver) => new(waiver, "", "");

    /// <summary>A failure.</summary>
    public static WaiverResult Failed(string failure, string message) => new(null, failure, message);
}
