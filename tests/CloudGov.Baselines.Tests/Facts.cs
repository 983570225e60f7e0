using CloudGov.Baselines.Model;
using CloudGov.Domain;

namespace CloudGov.Baselines.Tests;

/// <summary>Compliant facts of every built-in rule, and builders that break one.</summary>
internal static class Facts
{
    /// <summary>A zone that passes every built-in zone rule.</summary>
    public static Dictionary<string, string> Compliant() => new(StringComparer.Ordinal)
    {
        [FactKeys.InfraCountry] = "CN",
        [FactKeys.DataCountry] = "CN",
        [FactKeys.PoolDedicated] = "true",
        [FactKeys.ManagementSeparated] = "true",
        [FactKeys.EncryptionAtRest] = "enabled",
        [FactKeys.WorldOpenPorts] = "443,80",
        [FactKeys.AwsImdsV2Required] = "true",
        [FactKeys.K8sPrivilegedContainers] = "0",
        [FactKeys.AuditLogging] = "enabled",
        [FactKeys.AuditLogRetentionDays] = "180",
        [FactKeys.PatchMaxAgeDays] = "30",
        [FactKeys.MlpsCertificate] = "valid",
        [FactKeys.SshPasswordAuth] = "disabled",
    };

    /// <summary>A zone with <paramref name="posture"/>.</summary>
    public static ZoneFacts Zone(IReadOnlyDictionary<string, string> posture, MlpsLevel level = MlpsLevel.Level4, ProviderKind provider = ProviderKind.Simulated, string region = "450100", string agent = "mtls-verified") =>
        new("gx-nn-1", level, region, provider, posture, agent);

    /// <summary>The compliant zone with <paramref name="key"/> set to <paramref name="value"/> (removed when null).</summary>
    public static Dictionary<string, string> With(string key, string? value)
    {
        var facts = Compliant();
        if (value is null)
        {
            facts.Remove(key);
        }
        else
        {
            facts[key] = value;
        }

        return facts;
    }
}
