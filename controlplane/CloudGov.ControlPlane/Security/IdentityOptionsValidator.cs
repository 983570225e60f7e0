using System.Net;

namespace CloudGov.ControlPlane.Security;

/// <summary>Checks the <c>Identity</c> section: at least one token source, a strong key, a trustworthy issuer address, sane limits.</summary>
internal sealed class IdentityOptionsValidator : IValidateOptions<IdentityOptions>
{
    private static readonly HashSet<string> Roles = new(StringComparer.Ordinal) { "tenant", "operator", "auditor" };

    public ValidateOptionsResult Validate(string? name, IdentityOptions options)
    {
        var failures = new List<string>();
        if (!options.HasSigningKey && !options.Oidc.Enabled)
        {
            failures.Add("Identity: no token source is configured; set Identity:SigningKeyFile (see `cloudgov-controlplane token keygen`) or Identity:Oidc:Authority. Every RPC but health and reflection needs a bearer token.");
        }

        if (!string.IsNullOrWhiteSpace(options.SigningKeyFile) && !string.IsNullOrWhiteSpace(options.SigningKey))
        {
            failures.Add("Identity:SigningKeyFile and Identity:SigningKey are both set; set one.");
        }
        else if (options.HasSigningKey && !SigningKeys.TryLoad(options, out _, out var problem))
        {
            failures.Add(problem!);
        }

        Text(failures, "Identity:Issuer", options.Issuer);
        Text(failures, "Identity:Audience", options.Audience);
        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5))
        {
            failures.Add($"Identity:ClockSkew is {options.ClockSkew}; it must be between 00:00:00 and 00:05:00.");
        }

        if (options.MaxTokenLifetime < TimeSpan.FromMinutes(1) || options.MaxTokenLifetime > TimeSpan.FromDays(366))
        {
            failures.Add($"Identity:MaxTokenLifetime is {options.MaxTokenLifetime}; it must be between 00:01:00 and 366.00:00:00.");
        }

        if (options.Oidc.Enabled)
        {
            ValidateOidc(failures, options.Oidc);
        }

        var limit = options.RateLimit;
        if (limit.Burst is < 1 or > 1_000_000)
        {
            failures.Add($"Identity:RateLimit:Burst is {limit.Burst}; it must be between 1 and 1000000.");
        }

        if (limit.PerSecond is < 1 or > 1_000_000)
        {
            failures.Add($"Identity:RateLimit:PerSecond is {limit.PerSecond}; it must be between 1 and 1000000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateOidc(List<string> failures, OidcIssuerOptions oidc)
    {
        Address(failures, "Identity:Oidc:Authority", oidc.Authority!, oidc.AllowHttpOnLoopback);
        if (!string.IsNullOrWhiteSpace(oidc.MetadataAddress))
        {
            Address(failures, "Identity:Oidc:MetadataAddress", oidc.MetadataAddress, oidc.AllowHttpOnLoopback);
        }

        if (string.IsNullOrWhiteSpace(oidc.Audience))
        {
            failures.Add("Identity:Oidc:Audience is required with Identity:Oidc:Authority: the aud this control plane's access tokens carry.");
        }

        Text(failures, "Identity:Oidc:SubjectClaim", oidc.SubjectClaim);
        Text(failures, "Identity:Oidc:RoleClaim", oidc.RoleClaim);
        Text(failures, "Identity:Oidc:TenantClaim", oidc.TenantClaim);
        foreach (var (from, to) in oidc.RoleMap)
        {
            if (!Roles.Contains(to))
            {
                failures.Add($"Identity:Oidc:RoleMap:{from} maps to '{to}'; it must map to tenant, operator or auditor.");
            }
        }
    }

    private static void Address(List<string> failures, string key, string value, bool allowHttpOnLoopback)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{key} must be an absolute https URL.");
            return;
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !(allowHttpOnLoopback && IsLoopback(uri)))
        {
            failures.Add($"{key} uses http; only https is accepted, or http on a loopback address with Identity:Oidc:AllowHttpOnLoopback=true.");
        }
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static void Text(List<string> failures, string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 256)
        {
            failures.Add($"{key} must be 1-256 characters.");
        }
    }
}
