using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CloudGov.ControlPlane.Security;

/// <summary>Signs the control plane's own bearer tokens (HS256) for a subject, a role and, for tenants, a tenant id.</summary>
public sealed class TokenIssuer
{
    /// <summary>The longest subject or tenant id a token carries.</summary>
    public const int MaxNameLength = 128;

    private readonly SigningCredentials _credentials;
    private readonly string _issuer;
    private readonly string _audience;

    /// <summary>An issuer with <paramref name="key"/> for the configured issuer and audience.</summary>
    public TokenIssuer(SecurityKey key, string issuer, string audience)
    {
        _credentials = new SigningCredentials(key, SigningKeys.Algorithm);
        _issuer = issuer;
        _audience = audience;
    }

    /// <summary>An issuer for the configured key; throws with the reason when the key cannot be used.</summary>
    public static TokenIssuer FromOptions(IdentityOptions options) =>
        SigningKeys.TryLoad(options, out var key, out var problem)
            ? new TokenIssuer(key!, options.Issuer, options.Audience)
            : throw new InvalidOperationException(problem);

    /// <summary>A signed token valid from <paramref name="now"/> for <paramref name="lifetime"/>.</summary>
    public string Issue(string subject, CallerRole role, string? tenantId, TimeSpan lifetime, DateTimeOffset now)
    {
        if (Problem(subject, role, tenantId, lifetime) is { } problem)
        {
            throw new ArgumentException(problem);
        }

        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [CloudGovClaims.Subject] = subject,
            [CloudGovClaims.Role] = RoleName(role),
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
        };
        if (role == CallerRole.Tenant)
        {
            claims[CloudGovClaims.Tenant] = tenantId!;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = _issuer,
            Audience = _audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            Claims = claims,
            SigningCredentials = _credentials,
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>Why these token contents are not acceptable, or null.</summary>
    public static string? Problem(string subject, CallerRole role, string? tenantId, TimeSpan lifetime)
    {
        if (!IsName(subject))
        {
            return $"the subject must be 1-{MaxNameLength} characters without whitespace or control characters";
        }

        if (!Enum.IsDefined(role))
        {
            return "the role must be tenant, operator or auditor";
        }

        if (role == CallerRole.Tenant && !IsName(tenantId))
        {
            return $"a tenant token needs a tenant id of 1-{MaxNameLength} characters without whitespace or control characters";
        }

        if (role != CallerRole.Tenant && !string.IsNullOrEmpty(tenantId))
        {
            return "only tenant tokens name a tenant";
        }

        return lifetime <= TimeSpan.Zero ? "the lifetime must be positive" : null;
    }

    /// <summary>The claim value of a role.</summary>
    public static string RoleName(CallerRole role) => role switch
    {
        CallerRole.Tenant => "tenant",
        CallerRole.Operator => "operator",
        CallerRole.Auditor => "auditor",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "unknown role"),
    };

    private static bool IsName(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxNameLength && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
}
