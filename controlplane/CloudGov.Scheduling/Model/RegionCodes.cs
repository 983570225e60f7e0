namespace CloudGov.Scheduling.Model;

/// <summary>
/// Chinese administrative division codes (行政区划代码): six digits, two each for province, prefecture and
/// county (450000 广西, 450100 南宁, 450102 兴宁区). A residency entry matches a zone's code by its
/// significant prefix — the code with trailing "00" pairs removed — so 450000 (or "45") covers every Guangxi
/// zone, 450100 (or "4501") every 南宁 zone, and 450102 only that county. Entries of 2, 4 or 6 digits are accepted.
/// </summary>
public static class RegionCodes
{
    /// <summary>True when <paramref name="code"/> is exactly six ASCII digits.</summary>
    public static bool IsValidZoneCode(string? code) =>
        code is { Length: 6 } && code.All(char.IsAsciiDigit);

    /// <summary>True when <paramref name="entry"/> is 2, 4 or 6 ASCII digits.</summary>
    public static bool IsValidResidencyEntry(string? entry) =>
        entry is { Length: 2 or 4 or 6 } && entry.All(char.IsAsciiDigit);

    /// <summary>The significant prefix of a code: trailing "00" pairs removed (never shorter than 2 digits).</summary>
    public static string SignificantPrefix(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        int length = code.Length;
        while (length > 2 && code[length - 2] == '0' && code[length - 1] == '0')
        {
            length -= 2;
        }

        return code[..length];
    }

    /// <summary>True when the residency entry covers the zone's region code.</summary>
    public static bool Covers(string residencyEntry, string zoneRegionCode)
    {
        ArgumentNullException.ThrowIfNull(zoneRegionCode);
        string prefix = SignificantPrefix(residencyEntry);
        return zoneRegionCode.StartsWith(prefix, StringComparison.Ordinal);
    }

    /// <summary>True when the allowed list is empty (anywhere) or one of its entries covers the zone.</summary>
    public static bool Allows(IReadOnlyList<string> allowed, string zoneRegionCode)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        if (allowed.Count == 0)
        {
            return true;
        }

        for (int i = 0; i < allowed.Count; i++)
        {
            if (Covers(allowed[i], zoneRegionCode))
            {
                return true;
            }
        }

        return false;
    }
}
