using System.Collections.Immutable;
using System.Text.Json;

namespace CloudGov.ControlPlane.Persistence.Audit;

/// <summary>How targets (a JSON array of strings) and detail (a JSON object of strings) are stored. Not part of the hash.</summary>
internal static class AuditJson
{
    public static string Targets(ImmutableArray<string> targets) => JsonSerializer.Serialize(targets.IsDefault ? [] : targets.ToArray());

    public static string Detail(ImmutableSortedDictionary<string, string> detail) => JsonSerializer.Serialize(detail);

    public static ImmutableArray<string> ReadTargets(string json) => [.. JsonSerializer.Deserialize<string[]>(json) ?? []];

    public static ImmutableSortedDictionary<string, string> ReadDetail(string json) =>
        (JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []).ToImmutableSortedDictionary(StringComparer.Ordinal);
}
