using System.Buffers.Text;
using System.Text.Json;

namespace CloudGov.ControlPlane.Security;

/// <summary>
/// Reads which issuer a bearer token claims — not validated — from its payload segment alone, so that a host with both
/// token sources routes each token to the scheme that validates it (the issuer included) without parsing the whole
/// token twice on every RPC.
/// </summary>
internal static class ClaimedIssuer
{
    /// <summary>
    /// True when the token's payload names <paramref name="issuer"/> as its top-level <c>iss</c>, false when it names
    /// another or none; null when <paramref name="token"/> is not a compact JWS of at most
    /// <see cref="IdentityHostExtensions.MaxTokenLength"/> characters whose payload is base64url JSON.
    /// </summary>
    public static bool? Names(string token, string issuer)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(issuer);
        if (token.Length > IdentityHostExtensions.MaxTokenLength)
        {
            return null;
        }

        int first = token.IndexOf('.', StringComparison.Ordinal);
        int second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        if (second < 0 || token.IndexOf('.', second + 1) >= 0)
        {
            return null;
        }

        var segment = token.AsSpan(first + 1, second - first - 1);
        Span<byte> json = stackalloc byte[Base64Url.GetMaxDecodedLength(segment.Length)]; // at most 6 KiB: the length is bounded above
        if (Base64Url.DecodeFromChars(segment, json, out _, out int written) != System.Buffers.OperationStatus.Done)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(json[..written]);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isIssuer = reader.ValueTextEquals("iss"u8);
                if (!reader.Read())
                {
                    return null;
                }

                if (isIssuer)
                {
                    return reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(issuer);
                }

                reader.Skip();
            }

            return reader.TokenType == JsonTokenType.EndObject ? false : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
