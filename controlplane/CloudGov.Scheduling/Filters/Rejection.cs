namespace CloudGov.Scheduling.Filters;

/// <summary>Why a filter rejects a zone: a stable code plus readable reasons in English and Chinese (zh-CN).</summary>
/// <param name="Filter">The filter's name.</param>
/// <param name="Code">A stable machine-readable code, e.g. <c>MLPS_LEVEL_TOO_LOW</c>.</param>
/// <param name="English">The reason in English.</param>
/// <param name="Chinese">The reason in Chinese (zh-CN).</param>
public sealed record Rejection(string Filter, string Code, string English, string Chinese)
{
    /// <summary>The reason in the requested culture: Chinese for any "zh" culture, English otherwise.</summary>
    public string Text(System.Globalization.CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.TwoLetterISOLanguageName == "zh" ? Chinese : English;
    }

    public override string ToString() => $"{Code}: {English}";
}
