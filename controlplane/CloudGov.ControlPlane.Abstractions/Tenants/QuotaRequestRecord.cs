namespace CloudGov.ControlPlane.Abstractions.Tenants;

/// <summary>One quota request and its decision. Stored; ids never reused.</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.QuotaRequestRecord")]
public sealed record QuotaRequestRecord
{
    /// <summary>Server-assigned id (<c>qr-</c> and 12 digits).</summary>
    [Id(0)] public required string RequestId { get; init; }

    /// <summary>The tenant whose allocation changes.</summary>
    [Id(1)] public required string TenantId { get; init; }

    /// <summary>More or less.</summary>
    [Id(2)] public QuotaDirection Direction { get; init; }

    /// <summary>How much.</summary>
    [Id(3)] public ResourceVector Amount { get; init; }

    /// <summary>Why.</summary>
    [Id(4)] public string Justification { get; init; } = "";

    /// <summary>The requester's idempotency key.</summary>
    [Id(5)] public string IdempotencyKey { get; init; } = "";

    /// <summary>Who asked.</summary>
    [Id(6)] public string RequestedBy { get; init; } = "";

    /// <summary>When it was asked.</summary>
    [Id(7)] public DateTimeOffset RequestedAt { get; init; }

    /// <summary>Where it stands.</summary>
    [Id(8)] public QuotaRequestState State { get; init; }

    /// <summary>What was granted.</summary>
    [Id(9)] public ResourceVector Granted { get; init; }

    /// <summary>Who decided; empty while pending.</summary>
    [Id(10)] public string DecidedBy { get; init; } = "";

    /// <summary>Why it was decided so.</summary>
    [Id(11)] public string DecisionReason { get; init; } = "";

    /// <summary>The auto-approval rule that decided or passed it on.</summary>
    [Id(12)] public string Rule { get; init; } = "";

    /// <summary>When it was decided.</summary>
    [Id(13)] public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>The request's sequence number (orders requests; newest has the highest).</summary>
    [Id(14)] public long Sequence { get; init; }

    /// <summary>True while it waits for a decision.</summary>
    public bool IsPending => State == QuotaRequestState.Pending;

    /// <summary>True when the given ask is the same as this request's (a retry of it).</summary>
    public bool SameAsk(string tenantId, QuotaDirection direction, ResourceVector amount, string justification) =>
        TenantId == tenantId && Direction == direction && Amount == amount && Justification == justification;
}
