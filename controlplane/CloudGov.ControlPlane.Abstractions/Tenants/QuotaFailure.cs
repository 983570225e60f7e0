namespace CloudGov.ControlPlane.Abstractions.Tenants;

/// <summary>Why a quota or tenant command changed nothing; the gRPC layer maps each to its status.</summary>
[GenerateSerializer, Alias("cloudgov.QuotaFailure")]
public enum QuotaFailure
{
    /// <summary>It succeeded.</summary>
    None = 0,

    /// <summary>The tenant or request is not known (NOT_FOUND).</summary>
    NotFound = 1,

    /// <summary>The state does not allow it, e.g. a decided request, a tenant with children (FAILED_PRECONDITION).</summary>
    FailedPrecondition = 2,

    /// <summary>The tenant or request already exists (ALREADY_EXISTS).</summary>
    AlreadyExists = 3,

    /// <summary>An idempotency key reused for a different request (FAILED_PRECONDITION).</summary>
    IdempotencyConflict = 4,

    /// <summary>A level of the hierarchy or the one cloud's capacity cannot hold it (FAILED_PRECONDITION, TENANT_QUOTA_EXCEEDED).</summary>
    QuotaExceeded = 5,

    /// <summary>A bound of the hierarchy (tenants, depth, requests) is reached (RESOURCE_EXHAUSTED).</summary>
    LimitReached = 6,

    /// <summary>The input is inconsistent with the tree, e.g. a grant above the request (INVALID_ARGUMENT).</summary>
    Invalid = 7,
}
