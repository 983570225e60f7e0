namespace CloudGov.Dashboard.Text;

/// <summary>The dashboard's two languages: zh-CN (the default) and English, chosen by a cookie the switch sets.</summary>
public static class DashboardLanguage
{
    /// <summary>The cookie that remembers the choice (not secret; readable by the page so the switch needs no reload).</summary>
    public const string CookieName = "cloudgov_lang";

    /// <summary>Chinese (the default).</summary>
    public const string Chinese = "zh-CN";

    /// <summary>English.</summary>
    public const string English = "en";

    /// <summary>The language a cookie value names; anything but <c>en</c> is Chinese.</summary>
    public static string FromCookie(string? value) => string.Equals(value, English, StringComparison.Ordinal) ? English : Chinese;

    /// <summary>The string table of <paramref name="language"/>.</summary>
    public static DashboardStrings Strings(string language) => language == English ? DashboardStrings.En : DashboardStrings.Zh;
}
