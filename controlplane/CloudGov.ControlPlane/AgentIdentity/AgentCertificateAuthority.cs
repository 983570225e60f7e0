using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CloudGov.ControlPlane.AgentIdentity;

/// <summary>
/// The control plane's own certificate authority (ECDSA P-256): creates the CA, issues per-zone agent certificates
/// (SAN URI <c>cloudgov://zone/&lt;id&gt;</c>, CN the zone id, client-auth only) and the host's server certificate
/// (server-auth, SAN DNS/IP names), and revokes serials. Everything is PEM in one <see cref="AgentCertificateFiles"/>
/// directory; files are replaced atomically so a host or an agent watching them never reads half a file.
/// </summary>
public sealed class AgentCertificateAuthority : IDisposable
{
    /// <summary>The client-authentication extended key usage.</summary>
    public const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    /// <summary>The server-authentication extended key usage.</summary>
    public const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";

    /// <summary>Longest validity of an issued certificate, in days.</summary>
    public const int MaxDays = 3650;

    private readonly X509Certificate2 _ca;
    private readonly TimeProvider _time;

    private AgentCertificateAuthority(AgentCertificateFiles files, X509Certificate2 ca, TimeProvider time)
    {
        Files = files;
        _ca = ca;
        _time = time;
    }

    /// <summary>The directory the authority reads and writes.</summary>
    public AgentCertificateFiles Files { get; }

    /// <summary>The CA certificate (public part).</summary>
    public X509Certificate2 Certificate => _ca;

    /// <summary>
    /// Creates a new CA in <paramref name="directory"/> (valid <paramref name="days"/>) and a server certificate for
    /// <paramref name="serverNames"/> (DNS names or IP addresses; localhost, 127.0.0.1 and ::1 are always included).
    /// Refuses to overwrite an existing CA.
    /// </summary>
    public static AgentCertificateAuthority Create(string directory, IEnumerable<string> serverNames, int days = MaxDays, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        CheckDays(days);
        var files = new AgentCertificateFiles(directory);
        if (File.Exists(files.CaCertificate) || File.Exists(files.CaKey))
        {
            throw new InvalidOperationException($"a CA already exists in {files.Directory}; use another directory, or issue certificates with the existing one");
        }

        System.IO.Directory.CreateDirectory(files.Directory);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=CloudGov control-plane CA, O=CloudGov", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = time.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(days));
        WriteAtomically(files.CaKey, key.ExportPkcs8PrivateKeyPem(), secret: true);
        WriteAtomically(files.CaCertificate, created.ExportCertificatePem(), secret: false);
        if (!File.Exists(files.RevokedSerials))
        {
            WriteAtomically(files.RevokedSerials, "# CloudGov revoked agent certificate serials, one per line\n", secret: false);
        }

        var authority = Open(directory, time);
        authority.IssueServer(serverNames, days);
        return authority;
    }

    /// <summary>Opens the CA in <paramref name="directory"/> (needs <c>ca.crt</c> and <c>ca.key</c>).</summary>
    public static AgentCertificateAuthority Open(string directory, TimeProvider? time = null)
    {
        var files = new AgentCertificateFiles(directory);
        if (!File.Exists(files.CaCertificate) || !File.Exists(files.CaKey))
        {
            throw new InvalidOperationException($"no CA in {files.Directory} (ca.crt and ca.key); create one with 'certs init-ca --dir {files.Directory}'");
        }

        return new AgentCertificateAuthority(files, X509Certificate2.CreateFromPemFile(files.CaCertificate, files.CaKey), time ?? TimeProvider.System);
    }

    /// <summary>
    /// Issues (or renews: replaces) the agent certificate of <paramref name="zoneId"/>, valid <paramref name="days"/>,
    /// with a fresh key. Returns the new certificate; the files are <see cref="AgentCertificateFiles.AgentCertificate"/>/<c>Key</c>.
    /// </summary>
    public X509Certificate2 IssueAgent(string zoneId, int days = 365)
    {
        var issued = CreateAgent(zoneId, days);
        using var key = issued.GetECDsaPrivateKey()!;
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(Files.AgentCertificate(zoneId))!);
        WriteAtomically(Files.AgentKey(zoneId), key.ExportPkcs8PrivateKeyPem(), secret: true);
        WriteAtomically(Files.AgentCertificate(zoneId), issued.ExportCertificatePem(), secret: false);
        return issued;
    }

    /// <summary>
    /// An agent certificate for <paramref name="zoneId"/> with its private key, in memory only (nothing written):
    /// for callers that hold many identities at once, such as a test fleet of raw agent streams.
    /// </summary>
    public X509Certificate2 CreateAgent(string zoneId, int days = 365)
    {
        if (!ZoneId.IsValid(zoneId))
        {
            throw new ArgumentException($"zone id is not valid: {ZoneId.FormatDescription}", nameof(zoneId));
        }

        CheckDays(days);
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256); // owned by the returned certificate
        var request = new CertificateRequest($"CN={zoneId}, OU=zone agent, O=CloudGov", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddUri(ZoneCertificateIdentity.UriFor(zoneId));
        request.CertificateExtensions.Add(names.Build(critical: false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new System.Security.Cryptography.Oid(ClientAuthOid)], true));
        using var issued = Sign(request, days);
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>Issues (or replaces) the host's server certificate for <paramref name="serverNames"/> plus the loopback names.</summary>
    public X509Certificate2 IssueServer(IEnumerable<string> serverNames, int days = 365)
    {
        CheckDays(days);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=CloudGov control plane, O=CloudGov", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in new[] { "localhost", "127.0.0.1", "::1" }.Concat(serverNames).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (IPAddress.TryParse(name, out var address))
            {
                names.AddIpAddress(address);
            }
            else if (Uri.CheckHostName(name) == UriHostNameType.Dns)
            {
                names.AddDnsName(name);
            }
            else
            {
                throw new ArgumentException("a server name must be a DNS name or an IP address", nameof(serverNames));
            }
        }

        request.CertificateExtensions.Add(names.Build(critical: false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new System.Security.Cryptography.Oid(ServerAuthOid)], true));
        var issued = Sign(request, days);
        WriteAtomically(Files.ServerKey, key.ExportPkcs8PrivateKeyPem(), secret: true);
        WriteAtomically(Files.ServerCertificate, issued.ExportCertificatePem(), secret: false);
        return issued;
    }

    /// <summary>
    /// Adds <paramref name="serial"/> (hex, as <see cref="X509Certificate.SerialNumber"/> prints it) to <c>revoked.txt</c>;
    /// hosts watching the file refuse the certificate from then on and end its open streams. True when it was new.
    /// </summary>
    public bool Revoke(string serial, string? reason = null)
    {
        string normalized = RevokedSerials.Normalize(serial)
            ?? throw new ArgumentException("a serial number is 1-40 hex digits (colons and spaces allowed)", nameof(serial));
        var existing = File.Exists(Files.RevokedSerials) ? File.ReadAllText(Files.RevokedSerials) : string.Empty;
        if (RevokedSerials.Parse(existing).Contains(normalized))
        {
            return false;
        }

        string line = string.Create(CultureInfo.InvariantCulture, $"{normalized} # revoked {_time.GetUtcNow():u}{(string.IsNullOrWhiteSpace(reason) ? string.Empty : " " + reason.ReplaceLineEndings(" "))}\n");
        WriteAtomically(Files.RevokedSerials, (existing.Length == 0 || existing.EndsWith('\n') ? existing : existing + "\n") + line, secret: false);
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _ca.Dispose();

    private X509Certificate2 Sign(CertificateRequest request, int days)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        var now = _time.GetUtcNow();
        var notAfter = now.AddDays(days) < _ca.NotAfter ? now.AddDays(days) : new DateTimeOffset(_ca.NotAfter.ToUniversalTime());
        return request.Create(_ca, now.AddMinutes(-5), notAfter, serial);
    }

    private static void CheckDays(int days)
    {
        if (days is < 1 or > MaxDays)
        {
            throw new ArgumentOutOfRangeException(nameof(days), days, $"validity must be 1 to {MaxDays} days");
        }
    }

    /// <summary>Writes through a temporary file in the same directory and renames it over the target.</summary>
    private static void WriteAtomically(string path, string contents, bool secret)
    {
        string temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = secret ? UnixFileMode.UserRead | UnixFileMode.UserWrite
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        }

        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(contents);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
