using System.Buffers.Text;
using System.Text.Json;

namespace CloudGov.ControlPlane.Security;

/// <summary>
/// Recognises a bearer token that carries no signature — <c>alg</c> <c>none</c> in its header, an empty signature
/// segment, or the five segments of an encrypted (JWE) token, which CloudGov does not accept — from the token's compact
/// form alone: the header segment is decoded and only its <c>alg</c> member read. Every RPC runs this before the token
/// is validated; reading the whole token through the JWT handler for it (its claims included) cost about 2 % of a
/// call's CPU in the quota benchmark's profile, and the handler reads the token again to validate it.
/// </summary>
internal static class UnsignedTokens
{
    /// <summary>The most header bytes looked at; a JWS header is a few dozen bytes (the token's length is bounded before).</summary>
    private const int MaxHeaderChars = 8 * 1024;

    /// <summary>
    /// True when <paramref name="token"/> is a compact JWT without a signature. A string that is not a compact JWT at all
    /// (not three or five segments, a header that is not base64url JSON) is false here: validation refuses it as malformed.
    /// </summary>
    public static bool IsUnsigned(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        int first = token.IndexOf('.', StringComparison.Ordinal);
        int second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        if (second < 0)
        {
            return false;
        }

        int segments = 3 + token.AsSpan(second + 1).Count('.');
        if (segments == 5)
        {
            return true; // encrypted (JWE): no signature
        }

        if (segments != 3 || first == 0 || first > MaxHeaderChars)
        {
            return false;
        }

        return second == token.Length - 1 || AlgIsNone(token.AsSpan(0, first));
    }

    private static bool AlgIsNone(ReadOnlySpan<char> header)
    {
        Span<byte> json = stackalloc byte[Base64Url.GetMaxDecodedLength(header.Length)];
        if (Base64Url.DecodeFromChars(header, json, out _, out int written) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(json[..written]);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isAlg = reader.ValueTextEquals("alg"u8);
                if (!reader.Read())
                {
                    return false;
                }

                if (isAlg)
                {
                    return reader.TokenType == JsonTokenType.String && (reader.ValueIsEscaped
                        ? string.Equals(reader.GetString(), "none", StringComparison.OrdinalIgnoreCase)
                        : System.Text.Ascii.EqualsIgnoreCase(reader.ValueSpan, "none"u8));
                }

                reader.Skip();
            }

            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
