using CloudGov.ControlPlane.Security;
using Microsoft.IdentityModel.Tokens;

namespace CloudGov.ControlPlane.Tests.Security;

/// <summary>Which scheme a token is routed to on a host with both sources: the issuer its payload claims, read alone.</summary>
public sealed class ClaimedIssuerTests
{
    private const string Local = "https://cloudgov.example/cp";
    private static readonly string Header = Base64UrlEncoder.Encode("{\"alg\":\"ES256\",\"typ\":\"JWT\"}");

    private static string Token(string payloadJson) => $"{Header}.{Base64UrlEncoder.Encode(payloadJson)}.c2ln";

    [TestCase("{\"sub\":\"ops\",\"iss\":\"https://cloudgov.example/cp\"}", true)]
    [TestCase("{\"iss\":\"https:\\/\\/cloudgov.example\\/cp\",\"sub\":\"ops\"}", true)]   // escaped, the same text
    [TestCase("{\"aud\":[\"a\",{\"iss\":\"x\"}],\"iss\":\"https://cloudgov.example/cp\"}", true)]   // a nested "iss" is not the issuer
    [TestCase("{\"iss\":\"https://idp.gx.gov.cn/realms/gx\",\"sub\":\"ops\"}", false)]
    [TestCase("{\"iss\":\"HTTPS://CLOUDGOV.EXAMPLE/CP\"}", false)]   // issuers compare exactly
    [TestCase("{\"iss\":7}", false)]
    [TestCase("{\"sub\":\"ops\"}", false)]   // no issuer: not this host's
    public void Names_CompactToken_ComparesTheTopLevelIssuer(string payload, bool expected)
    {
        Assert.That(ClaimedIssuer.Names(Token(payload), Local), Is.EqualTo(expected));
    }

    [TestCase("not-a-token")]
    [TestCase("a.b")]
    [TestCase("a.b.c.d.e")]
    [TestCase("eyJhbGciOiJFUzI1NiJ9.!!!.c2ln")]
    public void Names_NotACompactJwsWithAJsonPayload_Null(string token)
    {
        Assert.That(ClaimedIssuer.Names(token, Local), Is.Null);
    }

    [Test]
    public void Names_PayloadNotAnObject_Null()
    {
        Assert.That(ClaimedIssuer.Names(Token("[\"iss\"]"), Local), Is.Null);
        Assert.That(ClaimedIssuer.Names(Token("{\"iss\":"), Local), Is.Null);
    }

    [Test]
    public void Names_LongerThanTheTokenBound_NullWithoutDecoding()
    {
        string padding = new('x', IdentityHostExtensions.MaxTokenLength);
        Assert.That(ClaimedIssuer.Names(Token($"{{\"iss\":\"{Local}\",\"pad\":\"{padding}\"}}"), Local), Is.Null);
    }
}
