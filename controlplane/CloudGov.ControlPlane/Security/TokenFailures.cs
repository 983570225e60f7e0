using Microsoft.IdentityModel.Tokens;

namespace CloudGov.ControlPlane.Security;

/// <summary>
/// Says in words why a bearer token was refused — expired, wrong signature, wrong audience, unsigned — without echoing
/// the token or any of its values.
/// </summary>
internal static class TokenFailures
{
    /// <summary>The message for a call without a bearer token.</summary>
    public const string Missing = "this RPC needs a bearer token: send 'authorization: Bearer <JWT>' (see `cloudgov-controlplane token issue`)";

    /// <summary>The message for an unsigned token.</summary>
    public const string Unsigned = "the bearer token is unsigned (alg 'none'); only signed tokens are accepted";

    /// <summary>The failure of a validation exception, in words.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        SecurityTokenExpiredException expired => $"the bearer token expired at {expired.Expires:yyyy-MM-dd HH:mm:ss} UTC; get a new one",
        SecurityTokenNotYetValidException notYet => $"the bearer token is not valid before {notYet.NotBefore:yyyy-MM-dd HH:mm:ss} UTC",
        SecurityTokenNoExpirationException => "the bearer token has no expiry (exp); tokens without one are refused",
        SecurityTokenInvalidAudienceException => "the bearer token is for another audience (aud); get a token for this control plane",
        SecurityTokenInvalidIssuerException => "the bearer token's issuer (iss) is not trusted by this control plane",
        SecurityTokenInvalidAlgorithmException => "the bearer token is signed with an algorithm this control plane does not accept",
        SecurityTokenSignatureKeyNotFoundException => "the bearer token's signature does not verify: it was signed with a key this control plane does not know",
        SecurityTokenInvalidSignatureException => "the bearer token's signature does not verify: it was changed or signed with another key",
        SecurityTokenMalformedException or ArgumentException => "the bearer token is not a well-formed JWT (three base64url parts)",
        InvalidOperationException => "the bearer token's issuer cannot be reached to fetch its signing keys; try again later",
        _ => "the bearer token was refused",
    };
}
