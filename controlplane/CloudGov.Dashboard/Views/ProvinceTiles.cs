namespace CloudGov.Dashboard.Views;

/// <summary>
/// The schematic tile map of 广西 (Guangxi): each of its 14 prefecture-level cities one tile, placed by its geography on
/// a 6 × 6 grid (north up, west left). No map data is loaded; a zone belongs to the city whose code its region code starts
/// with (county zones roll up to their city), province-level zones (4500xx) stand above the map.
/// </summary>
public static class ProvinceTiles
{
    /// <summary>The province's code prefix.</summary>
    public const string Province = "45";

    /// <summary>The tiles.</summary>
    public static IReadOnlyList<CityTile> Cities { get; } =
    [
        new("4503", "桂林", "Guilin", 4, 0),
        new("4512", "河池", "Hechi", 2, 1),
        new("4502", "柳州", "Liuzhou", 3, 1),
        new("4511", "贺州", "Hezhou", 5, 1),
        new("4510", "百色", "Baise", 0, 2),
        new("4513", "来宾", "Laibin", 3, 2),
        new("4504", "梧州", "Wuzhou", 5, 2),
        new("4514", "崇左", "Chongzuo", 1, 3),
        new("4501", "南宁", "Nanning", 2, 3),
        new("4508", "贵港", "Guigang", 4, 3),
        new("4506", "防城港", "Fangchenggang", 1, 4),
        new("4507", "钦州", "Qinzhou", 2, 4),
        new("4509", "玉林", "Yulin", 4, 4),
        new("4505", "北海", "Beihai", 3, 5),
    ];

    /// <summary>The city tile a region code falls in; null for province-level codes and codes outside the province.</summary>
    public static CityTile? CityOf(string regionCode) =>
        regionCode.Length >= 4 ? Cities.FirstOrDefault(c => regionCode.StartsWith(c.Code, StringComparison.Ordinal)) : null;
}

/// <summary>One city on the tile map.</summary>
/// <param name="Code">The city's four-digit code prefix.</param>
/// <param name="Chinese">Its name in Chinese.</param>
/// <param name="English">Its name in English.</param>
/// <param name="Column">Its grid column (0 = west).</param>
/// <param name="Row">Its grid row (0 = north).</param>
public sealed record CityTile(string Code, string Chinese, string English, int Column, int Row);
