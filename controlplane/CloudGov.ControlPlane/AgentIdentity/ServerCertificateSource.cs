using System.Security.Cryptography.X509Certificates;

namespace CloudGov.ControlPlane.AgentIdentity;

/// <summary>
/// The agent endpoint's server certificate, re-read from <c>server.crt</c>/<c>server.key</c> when either file's write
/// time changes (checked at each handshake), so a renewed server certificate is served without a restart.
/// </summary>
internal sealed class ServerCertificateSource(AgentCertificateFiles files, ILogger logger)
{
    private readonly Lock _gate = new();
    private X509Certificate2? _current;
    private (DateTime Certificate, DateTime Key) _stamp;

    /// <summary>The current certificate (throws at start when the files are missing or unreadable).</summary>
    public X509Certificate2 Current
    {
        get
        {
            var stamp = (File.GetLastWriteTimeUtc(files.ServerCertificate), File.GetLastWriteTimeUtc(files.ServerKey));
            lock (_gate)
            {
                if (_current is not null && stamp == _stamp)
                {
                    return _current;
                }

                try
                {
                    _current = X509Certificate2.CreateFromPemFile(files.ServerCertificate, files.ServerKey);
                    _stamp = stamp;
                    AgentIdentityLog.ServerCertificateLoaded(logger, files.ServerCertificate, _current.SerialNumber, _current.NotAfter);
                }
                catch (Exception ex) when (_current is not null && ex is IOException or System.Security.Cryptography.CryptographicException)
                {
                    AgentIdentityLog.ServerCertificateUnreadable(logger, files.ServerCertificate, ex.Message);
                }

                return _current;
            }
        }
    }
}
