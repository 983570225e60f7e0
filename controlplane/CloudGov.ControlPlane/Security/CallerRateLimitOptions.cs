namespace CloudGov.ControlPlane.Security;

/// <summary>
/// Per-identity request limits (<c>Identity:RateLimit</c>): a token bucket per caller subject, so one busy or runaway
/// caller gets <c>RESOURCE_EXHAUSTED</c> while everyone else is served at full speed. Agents' streams and health are not counted.
/// </summary>
public sealed class CallerRateLimitOptions
{
    /// <summary>False turns the limit off. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests a caller may make at once in a burst (the bucket size). Default 200; 1 to 1,000,000.</summary>
    public int Burst { get; set; } = 200;

    /// <summary>Requests per second a caller gets back (the refill rate). Default 100; 1 to 1,000,000.</summary>
    public int PerSecond { get; set; } = 100;
}
