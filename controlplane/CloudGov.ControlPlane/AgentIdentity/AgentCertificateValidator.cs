using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CloudGov.ControlPlane.AgentIdentity;

/// <summary>
/// Decides at the TLS handshake whether an agent's client certificate is acceptable: it chains to the CloudGov CA
/// (<c>ca.crt</c>, and no other root: the machine's trust store is not used), is within its validity, carries the
/// client-auth usage and exactly one zone identity, and its serial is not revoked.
/// </summary>
internal sealed class AgentCertificateValidator(X509Certificate2 ca, RevocationList revocations, TimeProvider time, ILogger logger)
{
    /// <summary>True when <paramref name="certificate"/> may open an agent connection; logs why not otherwise.</summary>
    public bool IsAcceptable(X509Certificate2? certificate)
    {
        if (certificate is null)
        {
            AgentIdentityLog.HandshakeRefused(logger, "-", "no client certificate");
            return false;
        }

        string? problem = Problem(certificate);
        if (problem is not null)
        {
            AgentIdentityLog.HandshakeRefused(logger, certificate.SerialNumber, problem);
        }

        return problem is null;
    }

    /// <summary>Why the certificate is refused, or null.</summary>
    public string? Problem(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = time.GetUtcNow().UtcDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(AgentCertificateAuthority.ClientAuthOid));
        if (!chain.Build(certificate) || !chain.ChainElements[^1].Certificate.RawDataMemory.Span.SequenceEqual(ca.RawDataMemory.Span))
        {
            var status = chain.ChainStatus.Select(s => s.Status.ToString()).DefaultIfEmpty("not issued by the CloudGov CA");
            return $"chain to the CloudGov CA failed ({string.Join(", ", status)})";
        }

        if (ZoneCertificateIdentity.ZoneOf(certificate) is null)
        {
            return $"no single {ZoneCertificateIdentity.UriPrefix}<zone-id> subject alternative name";
        }

        return revocations.IsRevoked(certificate.SerialNumber) ? "revoked" : null;
    }
}
