namespace CloudGov.ControlPlane.Tests.Domain;

public sealed class ZoneIdTests
{
    [TestCase("gx-nanning-hcs")]
    [TestCase("z1")]
    [TestCase("gx-prov-internet-tce")]
    public void IsValid_Slug_Accepted(string id) => Assert.That(ZoneId.IsValid(id), Is.True);

    [TestCase("")]
    [TestCase("a")]
    [TestCase("GX-Nanning")]
    [TestCase("1zone")]
    [TestCase("zone-")]
    [TestCase("zone_1")]
    [TestCase("南宁")]
    [TestCase("zone id")]
    [TestCase("gx-zone\n")]
    [TestCase("gx-zone\r\n")]
    [TestCase("\ngx-zone")]
    [TestCase("gx-zone\u0000")]
    public void IsValid_Malformed_Rejected(string id) => Assert.That(ZoneId.IsValid(id), Is.False);

    [Test]
    public void IsValid_LongerThan63_Rejected() => Assert.That(ZoneId.IsValid("a" + new string('b', 63)), Is.False);

    [TestCase("450100", true)]
    [TestCase("45010", false)]
    [TestCase("45010x", false)]
    public void RegionCode_SixDigits(string code, bool valid) => Assert.That(RegionCode.IsValid(code), Is.EqualTo(valid));
}
