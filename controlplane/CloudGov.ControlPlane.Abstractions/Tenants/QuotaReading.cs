namespace CloudGov.ControlPlane.Abstractions.Tenants;

/// <summary>What the quota grain is told of the one cloud when it decides: capacity, what runs, and one subtree's use.</summary>
/// <param name="Capacity">The one cloud's capacity (sum over the zones that reported); caps the roots' allocations.</param>
/// <param name="Requested">What the one cloud's workloads request; capacity minus this is the headroom auto-approval needs.</param>
/// <param name="SubtreeUse">Used plus reserved of the subtree of the tenant concerned (a decrease never goes below it); zero when not read.</param>
[GenerateSerializer, Immutable, Alias("cloudgov.QuotaReading")]
public sealed record QuotaReading(
    [property: Id(0)] ResourceVector Capacity,
    [property: Id(1)] ResourceVector Requested,
    [property: Id(2)] ResourceVector SubtreeUse)
{
    /// <summary>Capacity minus requested, never below zero.</summary>
    public ResourceVector Headroom => ResourceVector.Max(Capacity - Requested, ResourceVector.Zero);
}
