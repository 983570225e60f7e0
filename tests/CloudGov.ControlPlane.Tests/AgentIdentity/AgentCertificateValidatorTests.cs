using System.Security.Cryptography.X509Certificates;
using CloudGov.ControlPlane.AgentIdentity;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CloudGov.ControlPlane.Tests.AgentIdentity;

/// <summary>
/// The agent endpoint's handshake check on a fake clock: a certificate accepted once (its chain remembered) is still
/// refused once it expires or is revoked, and a certificate of another CA is refused.
/// </summary>
public sealed class AgentCertificateValidatorTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
    private AgentCertificateAuthority _authority = null!;
    private RevocationList _revocations = null!;
    private X509Certificate2 _ca = null!;
    private AgentCertificateValidator _validator = null!;

    [SetUp]
    public void CreateAuthority()
    {
        string directory = Path.Combine(Directory.CreateTempSubdirectory("cloudgov-validator-").FullName, "ca");
        _authority = AgentCertificateAuthority.Create(directory, ["localhost"], time: _time);
        _ca = X509CertificateLoader.LoadCertificateFromFile(_authority.Files.CaCertificate);
        _revocations = new RevocationList(_authority.Files.RevokedSerials, NullLogger.Instance);
        _validator = new AgentCertificateValidator(_ca, _revocations, _time, NullLogger.Instance);
    }

    [TearDown]
    public void Dispose()
    {
        _revocations.Dispose();
        _ca.Dispose();
    }

    [Test]
    public void Problem_AcceptedCertificateExpires_RefusedAtTheNextHandshake()
    {
        using var agent = _authority.CreateAgent("gx-nanning-hcs", days: 1);
        string? fresh = _validator.Problem(agent);

        _time.Advance(TimeSpan.FromDays(2));

        Assert.That(fresh, Is.Null);
        Assert.That(_validator.Problem(agent), Does.Contain("validity"), "a remembered chain does not outlive the certificate");
    }

    [Test]
    public void Problem_AcceptedCertificateRevoked_RefusedAtTheNextHandshake()
    {
        using var agent = _authority.CreateAgent("gx-nanning-hcs");
        string? fresh = _validator.Problem(agent);

        File.WriteAllText(_authority.Files.RevokedSerials, agent.SerialNumber + Environment.NewLine);

        Assert.That(fresh, Is.Null);
        Assert.That(_validator.Problem(agent), Is.EqualTo("revoked"));
    }

    [Test]
    public void Problem_CertificateOfAnotherCa_Refused()
    {
        string other = Path.Combine(Directory.CreateTempSubdirectory("cloudgov-validator-other-").FullName, "ca");
        using var foreign = AgentCertificateAuthority.Create(other, ["localhost"], time: _time).CreateAgent("gx-nanning-hcs");

        Assert.That(_validator.Problem(foreign), Does.Contain("chain"));
    }
}
