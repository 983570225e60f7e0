using CloudGov.ControlPlane.Abstractions.Baselines;

namespace CloudGov.ControlPlane.Grains.Baselines;

/// <summary>What the baseline grain stores. Replaced whole on every change, so a failed write can be undone.</summary>
[GenerateSerializer, Immutable, Alias("cloudgov.BaselineState")]
public sealed record BaselineState
{
    /// <summary>Findings by id: open ones, and resolved ones up to <see cref="BaselineOptions.MaxResolvedFindingsKept"/>.</summary>
    [Id(0)] public ImmutableDictionary<string, FindingRecord> Findings { get; init; } = ImmutableDictionary<string, FindingRecord>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Waivers by id.</summary>
    [Id(1)] public ImmutableDictionary<string, WaiverRecord> Waivers { get; init; } = ImmutableDictionary<string, WaiverRecord>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>The number of the next waiver id.</summary>
    [Id(2)] public long NextWaiver { get; init; } = 1;

    /// <summary>Each zone's last zone-rule verdict.</summary>
    [Id(3)] public ImmutableDictionary<string, ZoneBaseline> Zones { get; init; } = ImmutableDictionary<string, ZoneBaseline>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>When the last full audit finished.</summary>
    [Id(4)] public DateTimeOffset? LastFullAudit { get; init; }

    /// <summary>The evacuation plans proposed, by the finding that caused them (so one finding proposes one plan while open).</summary>
    [Id(5)] public ImmutableDictionary<string, string> Evacuations { get; init; } = ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
}
