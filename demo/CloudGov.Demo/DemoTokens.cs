using CloudGov.ControlPlane.Security;
using Microsoft.Extensions.Configuration;

namespace CloudGov.Demo;

/// <summary>
/// The demo's identity: a signing key in its data directory (made on first start, kept after), and an operator, an
/// auditor and a tenant token written to <c>tokens.env</c> there, so the README's walk-through works in a few commands.
/// </summary>
internal static class DemoTokens
{
    /// <summary>The demo tenant (南宁市大数据发展局).</summary>
    public const string Tenant = "nn-dsj";

    /// <summary>How long the demo's tokens last.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>
    /// Points <c>Identity:SigningKeyFile</c> at <c>&lt;data&gt;/identity/signing.key</c> (made when missing) unless the
    /// configuration already names a token source; returns the key file used, or null when the configuration decides.
    /// </summary>
    public static string? UseDataDirectoryKey(ConfigurationManager configuration)
    {
        var identity = configuration.GetSection(IdentityOptions.SectionName).Get<IdentityOptions>() ?? new IdentityOptions();
        if (identity.HasSigningKey || identity.Oidc.Enabled)
        {
            return null;
        }

        var sqlite = configuration["Storage:SqlitePath"] is { Length: > 0 } path ? path : "data/cloudgov.db";
        var keyFile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(sqlite))!, "identity", "signing.key");
        if (!File.Exists(keyFile))
        {
            SigningKeys.WriteNew(keyFile);
        }

        configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Identity:SigningKeyFile"] = keyFile });
        return keyFile;
    }

    /// <summary>Issues the three tokens, writes them to <c>tokens.env</c> in <paramref name="dataDirectory"/> (owner-only) and returns the file and the operator token.</summary>
    public static (string File, string Operator) Write(IdentityOptions identity, string dataDirectory, DateTimeOffset now)
    {
        var issuer = TokenIssuer.FromOptions(identity);
        string operatorToken = issuer.Issue("demo-operator", CallerRole.Operator, null, Lifetime, now);
        string auditor = issuer.Issue("demo-auditor", CallerRole.Auditor, null, Lifetime, now);
        string tenant = issuer.Issue($"demo-admin@{Tenant}", CallerRole.Tenant, Tenant, Lifetime, now);
        var path = Path.Combine(dataDirectory, "tokens.env");
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(new FileStream(path, options)))
        {
            writer.WriteLine($"# CloudGov demo tokens, valid until {now + Lifetime:yyyy-MM-dd HH:mm} UTC. `source` this file, then e.g. CLOUDGOV_TOKEN=$CLOUDGOV_OPERATOR_TOKEN.");
            writer.WriteLine($"CLOUDGOV_OPERATOR_TOKEN={operatorToken}");
            writer.WriteLine($"CLOUDGOV_AUDITOR_TOKEN={auditor}");
            writer.WriteLine($"CLOUDGOV_TENANT_TOKEN={tenant}");
        }

        return (path, operatorToken);
    }
}
