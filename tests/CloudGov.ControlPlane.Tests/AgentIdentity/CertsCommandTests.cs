using System.Security.Cryptography.X509Certificates;
using CloudGov.ControlPlane.AgentIdentity;

namespace CloudGov.ControlPlane.Tests.AgentIdentity;

/// <summary>The <c>certs</c> command as an operator runs it: files, identities, permissions, refusals.</summary>
public sealed class CertsCommandTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Path.Combine(Directory.CreateTempSubdirectory("cloudgov-certs-").FullName, "ca");

    [Test]
    public void InitCaThenIssueAgent_WritesAZoneCertificateThatChainsToTheCa()
    {
        Assert.That(Run("init-ca", "--dir", _directory, "--host", "cp.example.gov.cn"), Is.EqualTo(CertsCommand.Success));
        Assert.That(Run("issue-agent", "--dir", _directory, "--zone", "gx-nanning-hcs", "--days", "30"), Is.EqualTo(CertsCommand.Success));

        var files = new AgentCertificateFiles(_directory);
        using var ca = X509CertificateLoader.LoadCertificateFromFile(files.CaCertificate);
        using var agent = X509Certificate2.CreateFromPemFile(files.AgentCertificate("gx-nanning-hcs"), files.AgentKey("gx-nanning-hcs"));
        using var server = X509CertificateLoader.LoadCertificateFromFile(files.ServerCertificate);
        Assert.That(ZoneCertificateIdentity.ZoneOf(agent), Is.EqualTo("gx-nanning-hcs"));
        Assert.That(agent.GetNameInfo(X509NameType.SimpleName, false), Is.EqualTo("gx-nanning-hcs"));
        Assert.That(agent.NotAfter - agent.NotBefore, Is.LessThan(TimeSpan.FromDays(31)));
        Assert.That(agent.HasPrivateKey, Is.True);
        Assert.That(Chains(agent, ca), Is.True, "the agent certificate chains to the CloudGov CA");
        Assert.That(server.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames(), Is.SupersetOf(new[] { "localhost", "cp.example.gov.cn" }));
        Assert.That(ZoneCertificateIdentity.ZoneOf(server), Is.Null, "a server certificate speaks for no zone");
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(files.CaKey), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), "keys are readable by their owner only");
            Assert.That(File.GetUnixFileMode(files.AgentKey("gx-nanning-hcs")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }
    }

    [Test]
    public void IssueAgent_Again_RenewsWithANewSerialAndKey()
    {
        Run("init-ca", "--dir", _directory);
        Run("issue-agent", "--dir", _directory, "--zone", "gx-renew");
        var files = new AgentCertificateFiles(_directory);
        using var first = X509CertificateLoader.LoadCertificateFromFile(files.AgentCertificate("gx-renew"));

        Assert.That(Run("issue-agent", "--dir", _directory, "--zone", "gx-renew"), Is.EqualTo(CertsCommand.Success));

        using var second = X509CertificateLoader.LoadCertificateFromFile(files.AgentCertificate("gx-renew"));
        Assert.That(second.SerialNumber, Is.Not.EqualTo(first.SerialNumber));
        Assert.That(second.PublicKey.EncodedKeyValue.RawData, Is.Not.EqualTo(first.PublicKey.EncodedKeyValue.RawData));
    }

    [Test]
    public void Revoke_ByZone_AddsTheCurrentSerialOnce()
    {
        Run("init-ca", "--dir", _directory);
        Run("issue-agent", "--dir", _directory, "--zone", "gx-revoke");
        var files = new AgentCertificateFiles(_directory);
        using var issued = X509CertificateLoader.LoadCertificateFromFile(files.AgentCertificate("gx-revoke"));

        Assert.That(Run("revoke", "--dir", _directory, "--zone", "gx-revoke", "--reason", "key lost"), Is.EqualTo(CertsCommand.Success));
        Assert.That(Run("revoke", "--dir", _directory, "--serial", issued.SerialNumber.ToLowerInvariant()), Is.EqualTo(CertsCommand.Success));

        var listed = File.ReadAllLines(files.RevokedSerials).Where(l => l.StartsWith(issued.SerialNumber, StringComparison.Ordinal)).ToList();
        Assert.That(listed, Has.Count.EqualTo(1), "revoking twice lists the serial once");
        Assert.That(listed[0], Does.Contain("key lost"));
    }

    [Test]
    public void InitCa_DirectoryWithACa_FailsAndKeepsTheCa()
    {
        Run("init-ca", "--dir", _directory);
        var before = File.ReadAllText(new AgentCertificateFiles(_directory).CaKey);

        Assert.That(Run("init-ca", "--dir", _directory), Is.EqualTo(CertsCommand.Failure));
        Assert.That(File.ReadAllText(new AgentCertificateFiles(_directory).CaKey), Is.EqualTo(before));
    }

    [TestCase("issue-agent", "--dir", "{dir}", "--zone", "Bad Zone")]
    [TestCase("issue-agent", "--dir", "{dir}")]
    [TestCase("issue-agent", "--zone", "gx-a")]
    [TestCase("init-ca", "--dir", "{dir}", "--days", "0")]
    [TestCase("revoke", "--dir", "{dir}", "--serial", "AB", "--zone", "gx-a")]
    [TestCase("init-ca", "--dir")]
    public void Run_WrongUsage_UsageExitCodeAndNothingWritten(params string[] args)
    {
        var error = new StringWriter();
        int code = CertsCommand.Run(["certs", .. args.Select(a => a.Replace("{dir}", _directory, StringComparison.Ordinal))], TextWriter.Null, error);

        Assert.That(code, Is.EqualTo(CertsCommand.Usage), error.ToString());
        Assert.That(error.ToString(), Does.Contain("usage:").Or.Contain("--days").Or.Contain("zone id"));
        Assert.That(File.Exists(new AgentCertificateFiles(_directory).AgentCertificate("gx-a")), Is.False);
    }

    private static int Run(params string[] args) => CertsCommand.Run(["certs", .. args], TextWriter.Null, TextWriter.Null);

    private static bool Chains(X509Certificate2 leaf, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }
}
