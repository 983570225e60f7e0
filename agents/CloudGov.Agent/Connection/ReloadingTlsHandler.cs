using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CloudGov.Agent.Connection;

/// <summary>
/// Sends each call through a TLS handler built from the current certificate files. Before every call (one per agent
/// session) it compares the files' write times; when they changed it loads the new pair and builds a fresh handler, so
/// the next connection presents the renewed certificate while a session already open finishes on the old one.
/// A pair that cannot be loaded (say, half renewed) keeps the previous one in use.
/// </summary>
internal sealed class ReloadingTlsHandler(string zoneId, AgentTlsSettings settings, ILogger logger) : HttpMessageHandler
{
    private readonly Lock _gate = new();
    private readonly List<HttpMessageInvoker> _retired = [];
    private HttpMessageInvoker? _current;
    private (DateTime Ca, DateTime Certificate, DateTime Key) _stamp;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Current().SendAsync(request, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_gate)
            {
                _current?.Dispose();
                _retired.ForEach(r => r.Dispose());
                _retired.Clear();
            }
        }

        base.Dispose(disposing);
    }

    private HttpMessageInvoker Current()
    {
        var stamp = (File.GetLastWriteTimeUtc(settings.CaCertificatePath), File.GetLastWriteTimeUtc(settings.CertificatePath), File.GetLastWriteTimeUtc(settings.KeyPath));
        lock (_gate)
        {
            if (_current is not null && stamp == _stamp)
            {
                return _current;
            }

            X509Certificate2 certificate;
            X509Certificate2 ca;
            try
            {
                certificate = X509Certificate2.CreateFromPemFile(settings.CertificatePath, settings.KeyPath);
                ca = X509CertificateLoader.LoadCertificateFromFile(settings.CaCertificatePath);
            }
            catch (Exception ex) when (_current is not null && ex is IOException or CryptographicException or UnauthorizedAccessException)
            {
                AgentLog.CertificateReloadFailed(logger, zoneId, settings.CertificatePath, ex.Message);
                return _current;
            }

            var handler = AgentTls.NewSocketsHandler();
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate,
                RemoteCertificateValidationCallback = (_, server, _, errors) => IsCloudGovServer(server, errors, ca),
            };

            // Two generations are kept: the one a still-open session runs on, and the new one.
            foreach (var old in _retired)
            {
                old.Dispose();
            }

            _retired.Clear();
            if (_current is not null)
            {
                _retired.Add(_current);
            }

            _current = new HttpMessageInvoker(handler, disposeHandler: true);
            _stamp = stamp;
            AgentLog.CertificateLoaded(logger, zoneId, certificate.SerialNumber, certificate.NotAfter.ToUniversalTime());
            return _current;
        }
    }

    /// <summary>The server certificate chains to the CloudGov CA (no other root), is for server auth, and names the host dialled.</summary>
    private bool IsCloudGovServer(X509Certificate? server, SslPolicyErrors errors, X509Certificate2 ca)
    {
        if (server is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            AgentLog.ServerCertificateRefused(logger, zoneId, server is null ? "no server certificate" : errors.ToString());
            return false;
        }

        using var leaf = server as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(server.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.1"));
        bool trusted = chain.Build(leaf) && chain.ChainElements[^1].Certificate.RawDataMemory.Span.SequenceEqual(ca.RawDataMemory.Span);
        if (!trusted)
        {
            AgentLog.ServerCertificateRefused(logger, zoneId, $"not issued by the CloudGov CA in {settings.CaCertificatePath}");
        }

        return trusted;
    }
}
