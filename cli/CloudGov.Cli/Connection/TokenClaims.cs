using System.Text;
using System.Text.Json;

namespace CloudGov.Cli.Connection;

/// <summary>What a JWT says about itself (subject, role, tenant, expiry), read without verifying it — only the control plane verifies tokens.</summary>
internal sealed record TokenClaims(string? Subject, string? Role, string? Tenant, DateTimeOffset? Expires)
{
    /// <summary>The claims of <paramref name="token"/>, or null when it is not a readable JWT.</summary>
    public static TokenClaims? Read(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[1].Length > 16_384)
        {
            return null;
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
            var root = json.RootElement;
            string? Text(string name) => root.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText() : null;
            DateTimeOffset? expires = root.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out long seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
            return new TokenClaims(Text("sub"), Text("cloudgov_role"), Text("cloudgov_tenant"), expires);
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }
}
