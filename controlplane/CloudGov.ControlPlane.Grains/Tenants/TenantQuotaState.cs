using CloudGov.ControlPlane.Abstractions.Tenants;

namespace CloudGov.ControlPlane.Grains.Tenants;

/// <summary>The quota grain's stored state: the hierarchy, the requests, and the idempotency index. Ids never reused.</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.TenantQuotaState")]
public sealed record TenantQuotaState
{
    /// <summary>The stored shape's version.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The version this state was written with.</summary>
    [Id(0)] public int Version { get; init; } = CurrentVersion;

    /// <summary>Every tenant by id.</summary>
    [Id(1)] public ImmutableDictionary<string, TenantNode> Tenants { get; init; } = ImmutableDictionary<string, TenantNode>.Empty;

    /// <summary>Every retained request by id.</summary>
    [Id(2)] public ImmutableDictionary<string, QuotaRequestRecord> Requests { get; init; } = ImmutableDictionary<string, QuotaRequestRecord>.Empty;

    /// <summary>Request id by idempotency index key (<see cref="QuotaBook.KeyOf"/>).</summary>
    [Id(3)] public ImmutableDictionary<string, string> IdempotencyKeys { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The last request sequence handed out.</summary>
    [Id(4)] public long LastSequence { get; init; }

    /// <summary>Raised by every change of the hierarchy's allocations or shape.</summary>
    [Id(5)] public long TreeVersion { get; init; }
}
