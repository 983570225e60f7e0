namespace CloudGov.ControlPlane.Abstractions.Plans;

/// <summary>Plan ids: <c>plan-</c> followed by 16 lowercase hex digits.</summary>
public static class PlanIds
{
    /// <summary>A description of the format, for error messages.</summary>
    public const string FormatDescription = "'plan-' followed by 16 lowercase hex digits";

    /// <summary>A new random plan id.</summary>
    public static string New() => $"plan-{Guid.NewGuid():N}"[..21];

    /// <summary>True when <paramref name="id"/> has the plan id format.</summary>
    public static bool IsValid(string? id) =>
        id is { Length: 21 } && id.StartsWith("plan-", StringComparison.Ordinal) && id[5..].All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
