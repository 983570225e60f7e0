namespace CloudGov.Domain;

/// <summary>
/// Six-digit Chinese administrative division codes (GB/T 2260), e.g. 450000 广西, 450100 南宁, 450102 兴宁区.
/// </summary>
public static class RegionCode
{
    /// <summary>Human-readable description of the format, used in error messages.</summary>
    public const string FormatDescription = "a region code is six digits (GB/T 2260), e.g. 450100 for 南宁";

    /// <summary>True when <paramref name="code"/> is six ASCII digits.</summary>
    public static bool IsValid(string? code) => code is { Length: 6 } && code.All(char.IsAsciiDigit);
}
