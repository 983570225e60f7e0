namespace CloudGov.ControlPlane.Abstractions.Baselines;

/// <summary>Where a waiver stands. Values equal the baseline API's WaiverState.</summary>
[GenerateSerializer, Alias("cloudgov.WaiverState")]
public enum WaiverState
{
    /// <summary>Not set.</summary>
    Unspecified = 0,

    /// <summary>Requested, waiting for an operator or auditor.</summary>
    Pending = 1,

    /// <summary>Approved; in force until it expires.</summary>
    Approved = 2,

    /// <summary>Revoked.</summary>
    Revoked = 3,

    /// <summary>Past its expiry (read-time state; stored as Pending or Approved).</summary>
    Expired = 4,
}
