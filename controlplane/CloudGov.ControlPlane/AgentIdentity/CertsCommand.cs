using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CloudGov.ControlPlane.AgentIdentity;

/// <summary>
/// <c>cloudgov-controlplane certs init-ca|issue-agent|issue-server|revoke …</c>: the control plane's CA and the
/// certificates of its agents and hosts (see the README section "Agent identity (mutual TLS)"). The host calls
/// <see cref="IsCertsCommand"/> first and, when true, returns <see cref="Run"/>'s exit code instead of starting.
/// </summary>
public static class CertsCommand
{
    /// <summary>Exit code for success.</summary>
    public const int Success = 0;

    /// <summary>Exit code when the command failed.</summary>
    public const int Failure = 1;

    /// <summary>Exit code for wrong usage.</summary>
    public const int Usage = 2;

    private const string UsageText = """
        usage: cloudgov-controlplane certs init-ca      --dir <dir> [--host <dns-or-ip>]... [--days <n>]
               cloudgov-controlplane certs issue-agent  --dir <dir> --zone <zone-id> [--days <n>]
               cloudgov-controlplane certs issue-server --dir <dir> [--host <dns-or-ip>]... [--days <n>]
               cloudgov-controlplane certs revoke       --dir <dir> (--serial <hex> | --zone <zone-id>) [--reason <text>]
        init-ca creates ca.crt/ca.key and server.crt/server.key (always valid for localhost, 127.0.0.1, ::1);
        issue-agent writes agents/<zone-id>.crt/.key (issuing again renews: agents pick the new files up on their next connection);
        revoke adds a serial (or the zone's current certificate) to revoked.txt, which running hosts re-read at once.
        --days: 1 to 3650 (default: CA 3650, others 365).
        """;

    /// <summary>True when the first argument is <c>certs</c>.</summary>
    public static bool IsCertsCommand(IReadOnlyList<string> args) =>
        args.Count > 0 && string.Equals(args[0], "certs", StringComparison.OrdinalIgnoreCase);

    /// <summary>Runs the command; returns the process exit code.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Count < 2)
        {
            error.WriteLine(UsageText);
            return Usage;
        }

        if (!TryParse([.. args.Skip(2)], out var flags, out var problem))
        {
            error.WriteLine($"certs: {problem}\n{UsageText}");
            return Usage;
        }

        string verb = args[1].ToLowerInvariant();
        string? directory = One(flags, "dir");
        string? zone = One(flags, "zone");
        string? serial = One(flags, "serial");
        var hosts = flags.TryGetValue("host", out var h) ? h : [];
        int? days = One(flags, "days") is { } text ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : -1 : null;
        if (directory is null || days is < 1 or > AgentCertificateAuthority.MaxDays)
        {
            error.WriteLine(directory is null ? $"certs {verb}: --dir is required\n{UsageText}" : $"certs {verb}: --days must be 1 to {AgentCertificateAuthority.MaxDays}");
            return Usage;
        }

        try
        {
            switch (verb)
            {
                case "init-ca":
                    using (var ca = AgentCertificateAuthority.Create(directory, hosts, days ?? AgentCertificateAuthority.MaxDays, time))
                    {
                        output.WriteLine($"CloudGov CA created in {ca.Files.Directory}: ca.crt, ca.key (keep it offline when not issuing), server.crt, server.key, revoked.txt");
                        output.WriteLine($"  CA serial {ca.Certificate.SerialNumber}, valid until {ca.Certificate.NotAfter.ToUniversalTime():u}");
                    }

                    return Success;
                case "issue-agent" when zone is not null:
                    if (!ZoneId.IsValid(zone))
                    {
                        error.WriteLine($"certs issue-agent: --zone is not valid: {ZoneId.FormatDescription}");
                        return Usage;
                    }

                    using (var ca = AgentCertificateAuthority.Open(directory, time))
                    using (var issued = ca.IssueAgent(zone, days ?? 365))
                    {
                        output.WriteLine($"agent certificate for zone {zone}: {ca.Files.AgentCertificate(zone)} and {ca.Files.AgentKey(zone)}");
                        output.WriteLine($"  identity {ZoneCertificateIdentity.UriFor(zone)}, serial {issued.SerialNumber}, valid until {issued.NotAfter.ToUniversalTime():u}");
                    }

                    return Success;
                case "issue-server":
                    using (var ca = AgentCertificateAuthority.Open(directory, time))
                    using (var issued = ca.IssueServer(hosts, days ?? 365))
                    {
                        output.WriteLine($"server certificate: {ca.Files.ServerCertificate} and {ca.Files.ServerKey}, serial {issued.SerialNumber}, valid until {issued.NotAfter.ToUniversalTime():u}");
                    }

                    return Success;
                case "revoke" when (serial is null) != (zone is null):
                    using (var ca = AgentCertificateAuthority.Open(directory, time))
                    {
                        if (zone is not null)
                        {
                            using var current = X509CertificateLoader.LoadCertificateFromFile(ca.Files.AgentCertificate(zone));
                            serial = current.SerialNumber;
                        }

                        bool added = ca.Revoke(serial!, One(flags, "reason"));
                        output.WriteLine(added ? $"serial {serial} revoked in {ca.Files.RevokedSerials}" : $"serial {serial} was already revoked");
                    }

                    return Success;
                default:
                    error.WriteLine($"certs: unknown command or missing option\n{UsageText}");
                    return Usage;
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IOException or UnauthorizedAccessException or CryptographicException)
        {
            error.WriteLine($"certs {verb} failed: {ex.Message}");
            return Failure;
        }
    }

    private static string? One(Dictionary<string, List<string>> flags, string name) =>
        flags.TryGetValue(name, out var values) ? values[^1] : null;

    private static bool TryParse(List<string> args, out Dictionary<string, List<string>> flags, out string? problem)
    {
        flags = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        problem = null;
        string[] known = ["dir", "zone", "serial", "host", "days", "reason"];
        for (int i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || !known.Contains(args[i][2..]) || i + 1 >= args.Count)
            {
                problem = $"unexpected argument {WireText.Quote(args[i])}";
                return false;
            }

            string name = args[i][2..];
            if (!flags.TryGetValue(name, out var values))
            {
                flags[name] = values = [];
            }

            values.Add(args[++i]);
        }

        return true;
    }
}
