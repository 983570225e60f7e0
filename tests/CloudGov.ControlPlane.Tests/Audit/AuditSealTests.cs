using CloudGov.ControlPlane.Abstractions.Audit;

namespace CloudGov.ControlPlane.Tests.Audit;

/// <summary>
/// The prepared canonical encoding the single writer seals entries with: its hash is the one the verify command
/// recomputes from the stored fields (<see cref="AuditCanonical.HashOf"/>), for plain and hard entries alike.
/// </summary>
public sealed class AuditSealTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 0, 30, 0, 123, TimeSpan.Zero);

    private static IEnumerable<AuditEntry> Templates()
    {
        yield return Entry([], ImmutableSortedDictionary<string, string>.Empty, string.Empty, new AuditActor(string.Empty, string.Empty, string.Empty));
        yield return Entry(["qr-000000000001", "nn-dsj"], Detail(("refers_to", "0"), ("state", "Approved"), ("granted", "cpu=1000m")), "one more core", new AuditActor("dave", "tenant", "nn-dsj"));
        // Non-ASCII, a field holding the separator's bytes, the longest values, keys sorting before and after the open one.
        yield return Entry(["南宁市大数据局", "a\u0000b", new string('t', AuditLimits.MaxTargetLength)],
            Detail(("a", "1"), ("refers_to", "0"), ("zz", new string('v', AuditLimits.MaxDetailValueLength)), ("数据", "中文 ✓")),
            new string('r', AuditLimits.MaxReasonLength), new AuditActor("张三", "operator", string.Empty));
    }

    [TestCaseSource(nameof(Templates))]
    public void Seal_PreparedEntry_HashIsTheCanonicalHashOfTheSealedFields(AuditEntry template)
    {
        var sealedEntry = AuditSeal.Prepare(template).Seal(42, new string('a', 64));

        Assert.That(sealedEntry.Sequence, Is.EqualTo(42));
        Assert.That(sealedEntry.PreviousHash, Is.EqualTo(new string('a', 64)));
        Assert.That(sealedEntry.Hash, Is.EqualTo(AuditCanonical.HashOf(sealedEntry)));
        Assert.That(sealedEntry.Hash, Is.EqualTo(AuditCanonical.Sealed(template with { Sequence = 42, PreviousHash = new string('a', 64) }).Hash));
    }

    [TestCaseSource(nameof(Templates))]
    public void Seal_OpenDetailValue_StoredInTheEntryAndHashedWhereEncodeHashesIt(AuditEntry template)
    {
        if (!template.Detail.ContainsKey("refers_to"))
        {
            Assert.That(() => AuditSeal.Prepare(template, "refers_to"), Throws.ArgumentException);
            return;
        }

        var seal = AuditSeal.Prepare(template, "refers_to");
        var first = seal.Seal(7, AuditEntry.GenesisHash, "6");
        var second = seal.Seal(123456789012, first.Hash, "123456789011");

        Assert.That(first.Detail["refers_to"], Is.EqualTo("6"));
        Assert.That(second.Detail["refers_to"], Is.EqualTo("123456789011"));
        Assert.That(first.Hash, Is.EqualTo(AuditCanonical.HashOf(first)));
        Assert.That(second.Hash, Is.EqualTo(AuditCanonical.HashOf(second)));
        Assert.That(second.Hash, Is.Not.EqualTo(AuditCanonical.HashOf(second with { Detail = second.Detail.SetItem("refers_to", "6") })), "the open value is part of the hash");
    }

    [Test]
    public void Seal_OpenKeyWithoutValue_Refused()
    {
        var template = Entry([], Detail(("refers_to", "0")), "r", new AuditActor("s", "operator", string.Empty));

        Assert.That(() => AuditSeal.Prepare(template, "refers_to").Seal(1, AuditEntry.GenesisHash), Throws.ArgumentException);
        Assert.That(() => AuditSeal.Prepare(template).Seal(1, AuditEntry.GenesisHash, "0"), Throws.ArgumentException);
    }

    private static AuditEntry Entry(ImmutableArray<string> targets, ImmutableSortedDictionary<string, string> detail, string reason, AuditActor actor) =>
        new("cloudgov", 0, At, actor, "quota_requested", targets, detail, reason, string.Empty, string.Empty);

    private static ImmutableSortedDictionary<string, string> Detail(params (string Key, string Value)[] pairs) =>
        pairs.ToImmutableSortedDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
