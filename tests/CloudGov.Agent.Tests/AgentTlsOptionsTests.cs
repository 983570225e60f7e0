using CloudGov.Agent;

namespace CloudGov.Agent.Tests;

/// <summary>An agent aimed at an https:// (mutual-TLS) endpoint must be given its CA, certificate and key at start.</summary>
public sealed class AgentTlsOptionsTests
{
    [Test]
    public void Validate_HttpsAddressWithoutTlsFiles_NamesEachMissingKey()
    {
        var options = new AgentOptions { ZoneId = "gx-tls", ControlPlaneAddress = new Uri("https://127.0.0.1:5101") };

        var result = new AgentOptionsValidator().Validate(null, options);

        Assert.That(result.Failed, Is.True);
        Assert.That(result.Failures, Has.One.StartsWith("Agent:Tls:CaCertificatePath is required"));
        Assert.That(result.Failures, Has.One.StartsWith("Agent:Tls:CertificatePath is required").And.Contains("certs issue-agent --zone gx-tls"));
        Assert.That(result.Failures, Has.One.StartsWith("Agent:Tls:KeyPath is required"));
    }

    [Test]
    public void Validate_HttpsAddressWithMissingFiles_NamesThePaths()
    {
        var options = new AgentOptions
        {
            ZoneId = "gx-tls",
            Tls = new AgentTlsSettings { CaCertificatePath = "/nonexistent/ca.crt", CertificatePath = "/nonexistent/gx-tls.crt", KeyPath = "/nonexistent/gx-tls.key" },
        };

        var result = new AgentOptionsValidator().Validate(null, options);

        Assert.That(result.Failures, Has.One.EqualTo("Agent:Tls:KeyPath '/nonexistent/gx-tls.key' does not exist."));
        Assert.That(result.Failures, Has.Exactly(3).Contains("does not exist"));
    }

    [Test]
    public void Validate_PlaintextAddress_NeedsNoTlsFiles()
    {
        var options = new AgentOptions { ZoneId = "gx-tls", ControlPlaneAddress = new Uri("http://127.0.0.1:5100") };

        var result = new AgentOptionsValidator().Validate(null, options);

        Assert.That(result.Succeeded, Is.True, string.Join("; ", result.Failures ?? []));
    }
}
