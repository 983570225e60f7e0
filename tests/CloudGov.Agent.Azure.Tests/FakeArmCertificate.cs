using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CloudGov.Agent.Azure.Tests;

/// <summary>A self-signed server certificate for 127.0.0.1, made once per run; its public part is written to a file the provider is told to trust.</summary>
internal static class FakeArmCertificate
{
    private static readonly Lazy<(X509Certificate2 Certificate, string Path)> Made = new(Make);

    /// <summary>The certificate with its private key (Kestrel's).</summary>
    public static X509Certificate2 Certificate => Made.Value.Certificate;

    /// <summary>The PEM file of its public part (Agent:Azure:TrustedCertificatePath).</summary>
    public static string PemPath => Made.Value.Path;

    private static (X509Certificate2, string) Make()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=fake-arm.cloudgov.test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, critical: true));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, 0, critical: true));
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certificate = X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pfx), null);
        string directory = Path.Combine(Path.GetTempPath(), "cloudgov-tests", "fake-arm");
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, $"fake-arm-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, certificate.ExportCertificatePem());
        return (certificate, path);
    }
}
