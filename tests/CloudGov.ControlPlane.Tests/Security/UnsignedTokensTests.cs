using CloudGov.ControlPlane.Security;
using Microsoft.IdentityModel.Tokens;

namespace CloudGov.ControlPlane.Tests.Security;

/// <summary>Which bearer tokens are refused as unsigned before validation: alg none (any case), no signature, encrypted; not signed or malformed ones.</summary>
public sealed class UnsignedTokensTests
{
    private static readonly string Payload = Base64UrlEncoder.Encode("{\"sub\":\"ops\",\"cloudgov:role\":\"operator\"}");

    private static string Header(string json) => Base64UrlEncoder.Encode(json);

    [TestCase("{\"alg\":\"none\",\"typ\":\"JWT\"}", "")]
    [TestCase("{\"typ\":\"JWT\",\"alg\":\"NONE\"}", "")]
    [TestCase("{\"alg\":\"None\"}", "c2lnbmF0dXJl")]
    [TestCase("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "")]
    [TestCase("{\"kid\":{\"nested\":[1,2]},\"alg\":\"none\"}", "c2ln")]
    [TestCase("{\"alg\":\"\\u006eone\"}", "c2ln")]
    public void IsUnsigned_AlgNoneOrNoSignature_True(string header, string signature)
    {
        Assert.That(UnsignedTokens.IsUnsigned($"{Header(header)}.{Payload}.{signature}"), Is.True);
    }

    [Test]
    public void IsUnsigned_EncryptedFiveSegments_True()
    {
        Assert.That(UnsignedTokens.IsUnsigned($"{Header("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}")}.a2V5.aXY.Y2lwaGVy.dGFn"), Is.True);
    }

    [TestCase("{\"alg\":\"HS256\",\"typ\":\"JWT\"}")]
    [TestCase("{\"alg\":\"RS256\",\"kid\":\"none\"}")]
    [TestCase("{\"typ\":\"none\"}")]
    public void IsUnsigned_SignedHeader_False(string header)
    {
        Assert.That(UnsignedTokens.IsUnsigned($"{Header(header)}.{Payload}.c2lnbmF0dXJl"), Is.False);
    }

    [TestCase("")]
    [TestCase("not-a-jwt")]
    [TestCase("a.b")]
    [TestCase("a.b.c.d")]
    [TestCase(".e30.c2ln")]
    [TestCase("!!!.e30.c2ln")]
    [TestCase("bm90IGpzb24.e30.c2ln")]
    [TestCase("WzEsMl0.e30.c2ln")]
    public void IsUnsigned_NotACompactJwt_FalseLeavingItToValidation(string token)
    {
        Assert.That(UnsignedTokens.IsUnsigned(token), Is.False);
    }

    [Test]
    public void IsUnsigned_RealSignedToken_False()
    {
        string token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(
            "{\"sub\":\"ops\"}", new SigningCredentials(new SymmetricSecurityKey(new byte[32]), SecurityAlgorithms.HmacSha256));
        Assert.That(UnsignedTokens.IsUnsigned(token), Is.False);
    }
}
