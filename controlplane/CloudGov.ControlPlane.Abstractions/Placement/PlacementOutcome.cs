namespace CloudGov.ControlPlane.Abstractions.Placement;

/// <summary>How a placement request ended.</summary>
[GenerateSerializer, Alias("cloudgov.PlacementOutcome")]
public enum PlacementOutcome
{
    /// <summary>A zone was chosen and a place command stored for its agent.</summary>
    Placed = 0,

    /// <summary>A dry run: a zone would be chosen; nothing was sent.</summary>
    WouldPlace = 1,

    /// <summary>No zone passes every filter; nothing was sent.</summary>
    NoZoneFits = 2,

    /// <summary>A workload with that id already runs in a zone or has a place command under way; nothing changed.</summary>
    AlreadyExists = 3,

    /// <summary>The request is malformed (see the message); nothing changed.</summary>
    Invalid = 4,

    /// <summary>The one-cloud snapshot could not be built from what the zones reported; nothing changed, retry later.</summary>
    SnapshotUnavailable = 5,

    /// <summary>The tenant's quota, at some level of its ancestry, cannot hold the workload (TENANT_QUOTA_EXCEEDED); nothing changed.</summary>
    TenantQuotaExceeded = 6,
}
