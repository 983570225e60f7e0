using System.Security.Cryptography;
using System.Text;

namespace CloudGov.ControlPlane.Grains.Baselines;

/// <summary>Stable finding ids: the same rule, zone and workload always give the same id.</summary>
public static class FindingIds
{
    /// <summary>"f-" and the first 16 hex digits of SHA-256 over rule, zone and workload.</summary>
    public static string Of(string ruleId, string zoneId, string workloadId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{ruleId}\n{zoneId}\n{workloadId}"), hash);
        return "f-" + Convert.ToHexStringLower(hash[..8]);
    }

    /// <summary>True for a well-formed finding id.</summary>
    public static bool IsValid(string? id) =>
        id is { Length: 18 } && id.StartsWith("f-", StringComparison.Ordinal) && id.AsSpan(2).ContainsAnyExcept("0123456789abcdef") is false;
}
