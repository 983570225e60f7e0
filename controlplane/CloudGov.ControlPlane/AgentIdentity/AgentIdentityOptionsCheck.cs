using CloudGov.ControlPlane.Hosting;

namespace CloudGov.ControlPlane.AgentIdentity;

/// <summary>The agent-identity rules of <see cref="ControlPlaneOptions"/>, checked with the rest of the section.</summary>
internal static class AgentIdentityOptionsCheck
{
    public static void AddFailures(ControlPlaneOptions options, List<string> failures)
    {
        if (options.AgentPort is < 0 or > 65535)
        {
            failures.Add($"ControlPlane:AgentPort {options.AgentPort} must be between 0 and 65535.");
        }
        else if (options.AgentPort != 0 && (options.AgentPort == options.GrpcPort || options.AgentPort == options.HttpPort))
        {
            failures.Add("ControlPlane:AgentPort must differ from ControlPlane:GrpcPort and ControlPlane:HttpPort (the agent port is TLS with client certificates).");
        }

        if (options.AgentCertificateDirectory.Length == 0)
        {
            if (!options.AllowPlaintextAgents)
            {
                failures.Add("ControlPlane:AgentCertificateDirectory is required: create one with 'cloudgov-controlplane certs init-ca --dir <dir>' and set it (or, for development only, set ControlPlane:AllowPlaintextAgents=true).");
            }

            return;
        }

        var files = new AgentCertificateFiles(options.AgentCertificateDirectory);
        foreach (var (path, what) in new[] { (files.CaCertificate, "ca.crt"), (files.ServerCertificate, "server.crt"), (files.ServerKey, "server.key") })
        {
            if (!File.Exists(path))
            {
                failures.Add($"ControlPlane:AgentCertificateDirectory has no {what}; create the CA and server certificate with 'cloudgov-controlplane certs init-ca --dir <dir>'.");
            }
        }
    }
}
