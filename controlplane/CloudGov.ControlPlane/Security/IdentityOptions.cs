namespace CloudGov.ControlPlane.Security;

/// <summary>
/// Where bearer tokens come from, bound from the <c>Identity</c> section. At least one source: a signing key for the
/// tokens the control plane issues itself (<c>token issue</c>), or an external OpenID Connect issuer (<see cref="Oidc"/>).
/// </summary>
public sealed class IdentityOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Identity";

    /// <summary>
    /// A file holding the HS256 signing key of self-signed tokens: base64 of at least 32 random bytes (256 bits), as
    /// <c>token keygen</c> writes it. Keep it outside the repository, readable only by the control plane's user.
    /// </summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>The same key given directly (base64, at least 32 bytes), e.g. from an environment variable; not both.</summary>
    public string? SigningKey { get; set; }

    /// <summary>The <c>iss</c> of self-signed tokens. Default <c>cloudgov-controlplane</c>; 1-256 characters.</summary>
    public string Issuer { get; set; } = "cloudgov-controlplane";

    /// <summary>The <c>aud</c> of self-signed tokens. Default <c>cloudgov</c>; 1-256 characters.</summary>
    public string Audience { get; set; } = "cloudgov";

    /// <summary>Clock skew tolerated on <c>exp</c> and <c>nbf</c>. Default 30 s; 0 to 5 min.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest lifetime <c>token issue</c> grants. Default 30 days; 1 min to 366 days.</summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>An external OpenID Connect issuer whose access tokens are accepted too; off unless its authority is set.</summary>
    public OidcIssuerOptions Oidc { get; set; } = new();

    /// <summary>Per-caller request limits.</summary>
    public CallerRateLimitOptions RateLimit { get; set; } = new();

    /// <summary>True when a self-signed signing key is configured.</summary>
    public bool HasSigningKey => !string.IsNullOrWhiteSpace(SigningKeyFile) || !string.IsNullOrWhiteSpace(SigningKey);
}
