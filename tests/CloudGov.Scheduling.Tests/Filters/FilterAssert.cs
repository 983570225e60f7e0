using CloudGov.Scheduling.Filters;

namespace CloudGov.Scheduling.Tests.Filters;

internal static class FilterAssert
{
    /// <summary>The filter rejects with the code and both readable texts mentioning the zone.</summary>
    public static void Rejects(IPlacementFilter filter, FilterContext context, string code, bool mentionsZone = true)
    {
        string zoneId = mentionsZone ? context.Zone.Id : "";
        Assert.That(filter.Admits(context), Is.False, "expected a rejection");
        Rejection r = filter.Explain(context);
        Assert.Multiple(() =>
        {
            Assert.That(r.Code, Is.EqualTo(code));
            Assert.That(r.Filter, Is.EqualTo(filter.Name));
            Assert.That(r.English, Does.Contain(zoneId));
            Assert.That(r.Chinese, Does.Contain(zoneId));
            Assert.That(r.Chinese, Does.Match(@"\p{IsCJKUnifiedIdeographs}"), "Chinese reason has Chinese text");
            Assert.That(r.Text(new System.Globalization.CultureInfo("zh-CN")), Is.EqualTo(r.Chinese));
            Assert.That(r.Text(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(r.English));
        });
    }
}
