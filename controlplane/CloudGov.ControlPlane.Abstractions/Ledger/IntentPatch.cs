namespace CloudGov.ControlPlane.Abstractions.Ledger;

/// <summary>The intent fields to set; a null field keeps its value.</summary>
/// <param name="TenantId">A new owning tenant.</param>
/// <param name="System">A new business system.</param>
/// <param name="Project">A new project.</param>
/// <param name="MlpsLevel">A new required MLPS level.</param>
/// <param name="AllowedRegions">New allowed regions (empty = anywhere). Required, with <paramref name="NetworkPlane"/>, to register an unmanaged record.</param>
/// <param name="NetworkPlane">A new network plane.</param>
/// <param name="AntiAffinityGroup">A new anti-affinity group (empty clears it).</param>
/// <param name="Pinned">Pin or release.</param>
/// <param name="Priority">A new priority.</param>
/// <param name="MigrationCost">A new migration cost.</param>
/// <param name="Requests">New requests.</param>
/// <param name="SetLabels">Labels to add or overwrite.</param>
/// <param name="RemoveLabels">Label keys to remove.</param>
[GenerateSerializer, Immutable, Alias("cloudgov.IntentPatch")]
public sealed record IntentPatch(
    [property: Id(0)] string? TenantId = null,
    [property: Id(1)] string? System = null,
    [property: Id(2)] string? Project = null,
    [property: Id(3)] MlpsLevel? MlpsLevel = null,
    [property: Id(4)] ImmutableArray<string>? AllowedRegions = null,
    [property: Id(5)] NetworkPlane? NetworkPlane = null,
    [property: Id(6)] string? AntiAffinityGroup = null,
    [property: Id(7)] bool? Pinned = null,
    [property: Id(8)] int? Priority = null,
    [property: Id(9)] double? MigrationCost = null,
    [property: Id(10)] ResourceVector? Requests = null,
    [property: Id(11)] ImmutableArray<WorkloadLabel> SetLabels = default,
    [property: Id(12)] ImmutableArray<string> RemoveLabels = default)
{
    /// <summary>True when the patch registers constraints adoption never guesses (allowed regions and network plane).</summary>
    public bool DeclaresPlacementRules => AllowedRegions is not null && NetworkPlane is not null;
}
