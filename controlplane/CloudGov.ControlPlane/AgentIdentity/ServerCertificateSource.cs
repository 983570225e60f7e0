using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace CloudGov.ControlPlane.AgentIdentity;

/// <summary>
/// The agent endpoint's server certificate, re-read from <c>server.crt</c>/<c>server.key</c> when either file's write
/// time changes (checked at each handshake), so a renewed server certificate is served without a restart. The TLS
/// context of the certificate (<see cref="SslStreamCertificateContext"/>: its chain, built once) is kept beside it and
/// renewed with it, so a handshake does not build the server's chain again (a reconnect burst is a thousand handshakes).
/// </summary>
internal sealed class ServerCertificateSource(AgentCertificateFiles files, ILogger logger)
{
    private readonly Lock _gate = new();
    private X509Certificate2? _current;
    private SslStreamCertificateContext? _context;
    private (DateTime Certificate, DateTime Key) _stamp;

    /// <summary>The current certificate (throws at start when the files are missing or unreadable).</summary>
    public X509Certificate2 Current => Load().Certificate;

    /// <summary>The current certificate's TLS context, built once per certificate (throws at start like <see cref="Current"/>).</summary>
    public SslStreamCertificateContext CurrentContext => Load().Context;

    private (X509Certificate2 Certificate, SslStreamCertificateContext Context) Load()
    {
        var stamp = (File.GetLastWriteTimeUtc(files.ServerCertificate), File.GetLastWriteTimeUtc(files.ServerKey));
        lock (_gate)
        {
            if (_current is not null && _context is not null && stamp == _stamp)
            {
                return (_current, _context);
            }

            try
            {
                var loaded = X509Certificate2.CreateFromPemFile(files.ServerCertificate, files.ServerKey);
                // offline: the chain is built from what this host holds; a handshake never waits for the network.
                _context = SslStreamCertificateContext.Create(loaded, additionalCertificates: null, offline: true);
                _current = loaded;
                _stamp = stamp;
                AgentIdentityLog.ServerCertificateLoaded(logger, files.ServerCertificate, _current.SerialNumber, _current.NotAfter);
            }
            catch (Exception ex) when (_current is not null && ex is IOException or System.Security.Cryptography.CryptographicException)
            {
                AgentIdentityLog.ServerCertificateUnreadable(logger, files.ServerCertificate, ex.Message);
            }

            return (_current!, _context!);
        }
    }
}
