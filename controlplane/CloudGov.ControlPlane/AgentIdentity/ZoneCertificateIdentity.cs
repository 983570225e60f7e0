using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace CloudGov.ControlPlane.AgentIdentity;

/// <summary>
/// The zone an agent certificate speaks for: exactly one subject-alternative-name URI <c>cloudgov://zone/&lt;zone-id&gt;</c>
/// (the subject CN carries the same id for people reading the certificate; only the URI is trusted).
/// </summary>
public static class ZoneCertificateIdentity
{
    /// <summary>The URI prefix of a zone identity.</summary>
    public const string UriPrefix = "cloudgov://zone/";

    private const string SubjectAlternativeNameOid = "2.5.29.17";

    /// <summary>The SAN URI for <paramref name="zoneId"/>.</summary>
    public static Uri UriFor(string zoneId) => new(UriPrefix + zoneId);

    /// <summary>The zone id the certificate carries, or null when it has none, several, or a malformed one.</summary>
    public static string? ZoneOf(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        string? zone = null;
        foreach (var extension in certificate.Extensions)
        {
            if (extension.Oid?.Value != SubjectAlternativeNameOid)
            {
                continue;
            }

            foreach (var uri in Uris(extension.RawData))
            {
                if (!uri.StartsWith(UriPrefix, StringComparison.Ordinal))
                {
                    continue;
                }

                string candidate = uri[UriPrefix.Length..];
                if (zone is not null || !ZoneId.IsValid(candidate))
                {
                    return null;
                }

                zone = candidate;
            }
        }

        return zone;
    }

    private static List<string> Uris(byte[] sanExtension)
    {
        var uris = new List<string>();
        try
        {
            var names = new AsnReader(sanExtension, AsnEncodingRules.DER).ReadSequence();
            var uriTag = new Asn1Tag(TagClass.ContextSpecific, 6);
            while (names.HasData)
            {
                if (names.PeekTag().HasSameClassAndValue(uriTag))
                {
                    uris.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, uriTag));
                }
                else
                {
                    names.ReadEncodedValue();
                }
            }
        }
        catch (AsnContentException)
        {
            return [];
        }

        return uris;
    }
}
