namespace CloudGov.ControlPlane.Abstractions.Tenants;

/// <summary>Where a quota request stands.</summary>
[GenerateSerializer, Alias("cloudgov.QuotaRequestState")]
public enum QuotaRequestState
{
    /// <summary>Waiting for an operator.</summary>
    Pending = 0,

    /// <summary>Granted in full.</summary>
    Approved = 1,

    /// <summary>Granted in part.</summary>
    PartiallyApproved = 2,

    /// <summary>Rejected.</summary>
    Rejected = 3,

    /// <summary>Withdrawn by its requester.</summary>
    Cancelled = 4,
}
