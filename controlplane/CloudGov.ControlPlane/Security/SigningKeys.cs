using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace CloudGov.ControlPlane.Security;

/// <summary>The HS256 key of self-signed tokens: read from <c>Identity:SigningKeyFile</c> or <c>Identity:SigningKey</c>, checked, generated.</summary>
public static class SigningKeys
{
    /// <summary>The one algorithm self-signed tokens use; every other (and <c>none</c>) is refused.</summary>
    public const string Algorithm = SecurityAlgorithms.HmacSha256;

    /// <summary>The shortest key accepted, in bytes (256 bits, the HS256 output size).</summary>
    public const int MinimumBytes = 32;

    /// <summary>The longest key file read, in bytes.</summary>
    private const int MaximumFileBytes = 4096;

    /// <summary>A new random key, base64 (what <c>token keygen</c> and the demo write).</summary>
    public static string Generate() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumBytes * 2));

    /// <summary>Writes a new key to <paramref name="path"/> (readable by the owner only where the OS supports it); fails if it exists.</summary>
    public static void WriteNew(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.WriteLine(Generate());
    }

    /// <summary>The configured key, or a reason it cannot be used (never the key itself).</summary>
    public static bool TryLoad(IdentityOptions options, out SymmetricSecurityKey? key, out string? problem)
    {
        key = null;
        string? text;
        string source;
        if (!string.IsNullOrWhiteSpace(options.SigningKeyFile))
        {
            source = $"Identity:SigningKeyFile '{options.SigningKeyFile}'";
            try
            {
                var info = new FileInfo(options.SigningKeyFile);
                if (!info.Exists)
                {
                    problem = $"{source} does not exist; create one with `cloudgov-controlplane token keygen --out {options.SigningKeyFile}`.";
                    return false;
                }

                if (info.Length > MaximumFileBytes)
                {
                    problem = $"{source} is {info.Length} bytes; a key file holds one base64 line (at most {MaximumFileBytes} bytes).";
                    return false;
                }

                text = File.ReadAllText(options.SigningKeyFile);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                problem = $"{source} cannot be read ({ex.GetType().Name}).";
                return false;
            }
        }
        else if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            source = "Identity:SigningKey";
            text = options.SigningKey;
        }
        else
        {
            problem = "no signing key is configured (Identity:SigningKeyFile or Identity:SigningKey).";
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            problem = $"{source} is not base64; it must hold base64 of at least {MinimumBytes} random bytes (`token keygen` writes one).";
            return false;
        }

        if (bytes.Length < MinimumBytes)
        {
            problem = $"{source} decodes to {bytes.Length} bytes; HS256 needs at least {MinimumBytes} (256 bits).";
            return false;
        }

        key = new SymmetricSecurityKey(bytes) { KeyId = KeyId(bytes) };
        problem = null;
        return true;
    }

    /// <summary>A short public id of the key (the first bytes of its SHA-256), so tokens name which key signed them.</summary>
    private static string KeyId(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 8));
}
