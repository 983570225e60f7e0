
namespace CloudGov.ControlPlane.Grains.Placement;

/// <summary>
/// Says what is wrong with a placement request, naming each field as the operations API spells it and what to fix.
/// Pure; used by the gRPC adapter (InvalidArgument) and again by the placement grain.
/// </summary>
public static class PlacementRequestValidator
{
    /// <summary>The most residency entries a request may carry.</summary>
    public const int MaxAllowedRegions = 64;

    /// <summary>What a workload or tenant id looks like, for error messages.</summary>
    public static readonly string IdFormatDescription =
        $"1-{ZoneLimits.MaxIdLength} characters without whitespace or control characters, e.g. nn-rsj-sbk-01";

    /// <summary>Every problem with <paramref name="spec"/> as a new placement, each naming its field; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(WorkloadSpec spec) =>
        [.. Ledger.IntentValidator.ValidateSpec(spec).Select(p => p.ToString())];

    /// <summary>True when <paramref name="id"/> is a valid workload or tenant id.</summary>
    public static bool IsValidId(string? id) => WireText.IsId(id);
}
