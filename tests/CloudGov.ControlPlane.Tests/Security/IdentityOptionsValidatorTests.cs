using CloudGov.ControlPlane.Security;

namespace CloudGov.ControlPlane.Tests.Security;

/// <summary>The Identity section: no token source, weak keys and untrustworthy issuer addresses stop the host with the key to fix.</summary>
public sealed class IdentityOptionsValidatorTests
{
    private static IEnumerable<string> Failures(IdentityOptions options) =>
        new IdentityOptionsValidator().Validate(null, options).Failures ?? [];

    [Test]
    public void Validate_NoTokenSource_FailsNamingBothSources()
    {
        Assert.That(Failures(new IdentityOptions()), Has.One.Contains("Identity:SigningKeyFile").And.Contains("Identity:Oidc:Authority"));
    }

    [Test]
    public void Validate_StrongKey_Succeeds()
    {
        Assert.That(Failures(new IdentityOptions { SigningKey = SigningKeys.Generate() }), Is.Empty);
    }

    [Test]
    public void Validate_KeyAndKeyFileBoth_FailsAskingForOne()
    {
        Assert.That(Failures(new IdentityOptions { SigningKey = SigningKeys.Generate(), SigningKeyFile = "/etc/cloudgov/key" }), Has.One.Contains("set one"));
    }

    [Test]
    public void Validate_MissingKeyFile_FailsPointingAtKeygen()
    {
        Assert.That(Failures(new IdentityOptions { SigningKeyFile = "/nonexistent/cloudgov.key" }), Has.One.Contains("token keygen"));
    }

    [TestCase("http://idp.gxzf.gov.cn", true, "uses http")]
    [TestCase("http://127.0.0.1:9000", false, "uses http")]
    [TestCase("not a url", false, "absolute https URL")]
    public void Validate_UntrustworthyAuthority_Fails(string authority, bool allowLoopback, string expected)
    {
        var options = new IdentityOptions { Oidc = { Authority = authority, Audience = "urn:cloudgov", AllowHttpOnLoopback = allowLoopback } };

        Assert.That(Failures(options), Has.One.Contains("Identity:Oidc:Authority").And.Contains(expected));
    }

    [Test]
    public void Validate_HttpLoopbackAllowedAndAudience_Succeeds()
    {
        var options = new IdentityOptions { Oidc = { Authority = "http://127.0.0.1:9000", Audience = "urn:cloudgov", AllowHttpOnLoopback = true } };

        Assert.That(Failures(options), Is.Empty);
    }

    [Test]
    public void Validate_OidcWithoutAudienceAndBadRoleMap_FailsForEach()
    {
        var options = new IdentityOptions { Oidc = { Authority = "https://idp.gxzf.gov.cn", RoleMap = { ["admins"] = "root" } } };

        Assert.That(Failures(options), Has.One.Contains("Identity:Oidc:Audience is required").And.One.Contains("Identity:Oidc:RoleMap:admins maps to 'root'"));
    }
}
