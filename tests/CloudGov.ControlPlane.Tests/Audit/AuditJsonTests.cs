using System.Text.Json;
using CloudGov.ControlPlane.Abstractions.Audit;
using CloudGov.ControlPlane.Persistence.Audit;

namespace CloudGov.ControlPlane.Tests.Audit;

/// <summary>
/// The stored JSON of an entry's targets and detail: written without the serializer now, it must be the very text the
/// previous release wrote (<see cref="JsonSerializer"/> with its defaults), so old and new rows read and compare alike.
/// </summary>
public sealed class AuditJsonTests
{
    private static IEnumerable<ImmutableArray<string>> TargetLists()
    {
        yield return [];
        yield return default;
        yield return ["qr-000000000001", "nn-dsj"];
        yield return ["南宁市大数据局", "a\u0000b", "quote\" back\\ slash", "<tag>&'amp'", "tab\tnew\nline", "emoji 😀", new string('t', AuditLimits.MaxTargetLength)];
    }

    private static IEnumerable<ImmutableSortedDictionary<string, string>> Details()
    {
        yield return ImmutableSortedDictionary<string, string>.Empty;
        yield return new Dictionary<string, string> { ["refers_to"] = "12", ["state"] = "Approved", ["granted"] = "cpu=1000m" }.ToImmutableSortedDictionary(StringComparer.Ordinal);
        yield return new Dictionary<string, string> { ["数据"] = "中文 ✓", ["a\"b"] = "<script>", ["zz"] = new string('v', AuditLimits.MaxDetailValueLength), ["nul"] = "a\u0000b" }
            .ToImmutableSortedDictionary(StringComparer.Ordinal);
    }

    [TestCaseSource(nameof(TargetLists))]
    public void Targets_SameTextAsTheSerializerAndReadsBack(ImmutableArray<string> targets)
    {
        string json = AuditJson.Targets(targets);

        Assert.That(json, Is.EqualTo(JsonSerializer.Serialize(targets.IsDefault ? [] : targets.ToArray())));
        Assert.That(AuditJson.ReadTargets(json), Is.EqualTo(targets.IsDefault ? [] : targets));
    }

    [TestCaseSource(nameof(Details))]
    public void Detail_SameTextAsTheSerializerAndReadsBack(ImmutableSortedDictionary<string, string> detail)
    {
        string json = AuditJson.Detail(detail);

        Assert.That(json, Is.EqualTo(JsonSerializer.Serialize(detail)));
        Assert.That(AuditJson.ReadDetail(json), Is.EqualTo(detail));
    }

    [Test]
    public void Detail_AfterAHugeEntry_TheNextIsWrittenWhole()
    {
        var huge = Enumerable.Range(0, 200).ToImmutableSortedDictionary(i => $"k{i:D3}", _ => new string('x', 1_000), StringComparer.Ordinal);
        var small = ImmutableSortedDictionary<string, string>.Empty.Add("state", "Approved");

        Assert.That(AuditJson.Detail(huge), Is.EqualTo(JsonSerializer.Serialize(huge)));
        Assert.That(AuditJson.Detail(small), Is.EqualTo("{\"state\":\"Approved\"}"));
        Assert.That(AuditJson.Targets(["x"]), Is.EqualTo("[\"x\"]"));
    }
}
