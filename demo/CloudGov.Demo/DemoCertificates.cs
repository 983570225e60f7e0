using CloudGov.ControlPlane.AgentIdentity;
using CloudGov.ControlPlane.Hosting;

namespace CloudGov.Demo;

/// <summary>
/// The demo's agent identities: a CloudGov CA and one certificate per demo zone in <c>&lt;data&gt;/certs</c> (beside
/// the control plane's database), created at start when missing, so the demo's agents connect over mutual TLS as real
/// agents do. <c>--ControlPlane:AgentCertificateDirectory=...</c> points the demo at another directory.
/// </summary>
internal static class DemoCertificates
{
    /// <summary>Sets <c>ControlPlane:AgentCertificateDirectory</c> (creating the CA there if missing); returns the directory.</summary>
    public static AgentCertificateFiles Prepare(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        string sqlite = configuration["Storage:SqlitePath"] is { Length: > 0 } path ? path : "data/cloudgov.db";
        string directory = configuration[$"{ControlPlaneOptions.SectionName}:{nameof(ControlPlaneOptions.AgentCertificateDirectory)}"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(sqlite))!, "certs");
        var files = new AgentCertificateFiles(directory);
        if (!File.Exists(files.CaCertificate))
        {
            string listen = configuration[$"{ControlPlaneOptions.SectionName}:{nameof(ControlPlaneOptions.ListenAddress)}"] ?? "127.0.0.1";
            AgentCertificateAuthority.Create(directory, [listen, Environment.MachineName]).Dispose();
        }

        configuration[$"{ControlPlaneOptions.SectionName}:{nameof(ControlPlaneOptions.AgentCertificateDirectory)}"] = files.Directory;
        return files;
    }

    /// <summary>The agent's TLS settings for <paramref name="zoneId"/>, issuing its certificate when missing.</summary>
    public static Dictionary<string, string?> AgentSettings(AgentCertificateFiles files, string zoneId)
    {
        if (!File.Exists(files.AgentCertificate(zoneId)) || !File.Exists(files.AgentKey(zoneId)))
        {
            using var ca = AgentCertificateAuthority.Open(files.Directory);
            ca.IssueAgent(zoneId).Dispose();
        }

        return new()
        {
            ["Agent:Tls:CaCertificatePath"] = files.CaCertificate,
            ["Agent:Tls:CertificatePath"] = files.AgentCertificate(zoneId),
            ["Agent:Tls:KeyPath"] = files.AgentKey(zoneId),
        };
    }
}
