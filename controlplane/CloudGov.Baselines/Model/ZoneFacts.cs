using System.Globalization;
using CloudGov.Domain;

namespace CloudGov.Baselines.Model;

/// <summary>
/// A zone as the rules see it: its id, certified level, region, provider and reported posture facts. The descriptor-derived
/// keys (<c>zone.*</c>) and <see cref="FactKeys.AgentIdentity"/> are answered from the properties; the rest from posture.
/// </summary>
public sealed class ZoneFacts : IFacts
{
    private readonly IReadOnlyDictionary<string, string> _posture;

    /// <summary>Builds the facts of one zone.</summary>
    public ZoneFacts(string zoneId, MlpsLevel mlpsLevel, string regionCode, ProviderKind provider, IReadOnlyDictionary<string, string> posture, string agentIdentity = "mtls-verified")
    {
        ZoneId = zoneId;
        MlpsLevel = mlpsLevel;
        RegionCode = regionCode;
        Provider = provider;
        _posture = posture;
        AgentIdentity = agentIdentity;
    }

    /// <summary>The zone id.</summary>
    public string ZoneId { get; }

    /// <summary>The level it is certified for.</summary>
    public MlpsLevel MlpsLevel { get; }

    /// <summary>Its 6-digit region code.</summary>
    public string RegionCode { get; }

    /// <summary>The provider its agent drives.</summary>
    public ProviderKind Provider { get; }

    /// <summary>How its agent proved its identity ("mtls-verified"), or "disconnected".</summary>
    public string AgentIdentity { get; }

    /// <summary>The reported posture facts.</summary>
    public IReadOnlyDictionary<string, string> Posture => _posture;

    /// <inheritdoc />
    public string? Get(string key) => key switch
    {
        FactKeys.ZoneMlpsLevel => ((int)MlpsLevel).ToString(CultureInfo.InvariantCulture),
        FactKeys.ZoneRegionCode => RegionCode,
        FactKeys.ZoneProvider => Provider.ToString(),
        FactKeys.AgentIdentity => AgentIdentity,
        _ => _posture.GetValueOrDefault(key),
    };
}
