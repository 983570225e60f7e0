namespace CloudGov.ControlPlane.Abstractions.Baselines;

/// <summary>One waiver as stored: scope (rule × zone or rule × workload), reason, expiry and decisions.</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.WaiverRecord")]
public sealed record WaiverRecord(
    [property: Id(0)] string WaiverId,
    [property: Id(1)] string RuleId,
    [property: Id(2)] string ZoneId,
    [property: Id(3)] string WorkloadId,
    [property: Id(4)] string TenantId,
    [property: Id(5)] string Reason,
    [property: Id(6)] string RequestedBy,
    [property: Id(7)] DateTimeOffset RequestedAt,
    [property: Id(8)] DateTimeOffset ExpiresAt,
    [property: Id(9)] WaiverState State,
    [property: Id(10)] string IdempotencyKey)
{
    /// <summary>Who approved; empty unless approved.</summary>
    [Id(11)] public string ApprovedBy { get; init; } = "";

    /// <summary>When approved.</summary>
    [Id(12)] public DateTimeOffset? ApprovedAt { get; init; }

    /// <summary>Who revoked; empty unless revoked.</summary>
    [Id(13)] public string RevokedBy { get; init; } = "";

    /// <summary>When revoked.</summary>
    [Id(14)] public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Why it was approved or revoked.</summary>
    [Id(15)] public string DecisionReason { get; init; } = "";

    /// <summary>The state as of <paramref name="now"/>: a pending or approved waiver past its expiry is Expired.</summary>
    public WaiverState StateAt(DateTimeOffset now) => State is WaiverState.Pending or WaiverState.Approved && now >= ExpiresAt ? WaiverState.Expired : State;

    /// <summary>True when approved and not expired at <paramref name="now"/>.</summary>
    public bool InForce(DateTimeOffset now) => StateAt(now) == WaiverState.Approved;
}
