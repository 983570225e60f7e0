using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CloudGov.ControlPlane.AgentIdentity;

/// <summary>
/// Decides at the TLS handshake whether an agent's client certificate is acceptable: it chains to the CloudGov CA
/// (<c>ca.crt</c>, and no other root: the machine's trust store is not used), is within its validity, carries the
/// client-auth usage and exactly one zone identity, and its serial is not revoked. The chain is built once per
/// certificate (a reconnect burst of a thousand agents would otherwise build a thousand chains while the host has the
/// least CPU to spare); the validity window and the revocation list are checked at every handshake.
/// </summary>
internal sealed class AgentCertificateValidator(X509Certificate2 ca, RevocationList revocations, TimeProvider time, ILogger logger)
{
    /// <summary>Most certificates whose chain is remembered; beyond it the memory starts afresh.</summary>
    private const int MaxRemembered = 100_000;

    /// <summary>Certificates (by SHA-256 of their DER encoding) whose chain to the CA and zone identity were checked.</summary>
    private readonly ConcurrentDictionary<string, bool> _chained = new(StringComparer.Ordinal);

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
        var now = time.GetUtcNow().UtcDateTime;
        if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
        {
            return "outside its validity period";
        }

        string key = Convert.ToHexString(SHA256.HashData(certificate.RawDataMemory.Span));
        if (!_chained.ContainsKey(key))
        {
            string? chainProblem = ChainProblem(certificate);
            if (chainProblem is not null)
            {
                return chainProblem;
            }

            if (_chained.Count >= MaxRemembered)
            {
                _chained.Clear();
            }

            _chained[key] = true;
        }

        return revocations.IsRevoked(certificate.SerialNumber) ? "revoked" : null;
    }

    /// <summary>Why the certificate does not chain to the CloudGov CA as an agent certificate of one zone, or null.</summary>
    private string? ChainProblem(X509Certificate2 certificate)
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

        return ZoneCertificateIdentity.ZoneOf(certificate) is null
            ? $"no single {ZoneCertificateIdentity.UriPrefix}<zone-id> subject alternative name"
            : null;
    }
}
