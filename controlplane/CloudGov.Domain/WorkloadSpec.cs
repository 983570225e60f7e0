using System.Collections.Immutable;

namespace CloudGov.Domain;

/// <summary>
/// A workload's intent: what it is, whom it belongs to and the rules its zone must meet. The one shape shared by the
/// ledger (一本账), placement, plans and the place commands sent to agents. Equality compares the lists by content.
/// </summary>
/// <param name="WorkloadId">The workload's id.</param>
/// <param name="TenantId">The owning tenant (department).</param>
/// <param name="System">The business system (业务系统) it belongs to; may be empty.</param>
/// <param name="Project">The construction project (建设项目) it was built under; may be empty.</param>
/// <param name="Requests">Requested resources.</param>
/// <param name="MlpsLevel">The MLPS level it requires; its zone must be certified at this level or higher.</param>
/// <param name="AllowedRegions">Region codes it may live in, matched by significant prefix; empty means anywhere.</param>
/// <param name="NetworkPlane">The network plane it must run in.</param>
/// <param name="AntiAffinityGroup">Workloads sharing a group never share a zone; empty for none.</param>
/// <param name="Pinned">True: the scheduler never moves it.</param>
/// <param name="Priority">Higher priorities are moved last.</param>
/// <param name="MigrationCost">Relative cost of migrating it; 1 is ordinary.</param>
/// <param name="Labels">Free-form labels, ordered by key, keys unique.</param>
/// <param name="AccessPolicy">The access-control policy (inbound rules) the workload's zone must apply to it, canonical; null when none was given (the zone's defaults apply).</param>
[GenerateSerializer, Immutable, Alias("cloudgov.WorkloadSpec")]
public sealed record WorkloadSpec(
    [property: Id(0)] string WorkloadId,
    [property: Id(1)] string TenantId,
    [property: Id(2)] string System = "",
    [property: Id(3)] string Project = "",
    [property: Id(4)] ResourceVector Requests = default,
    [property: Id(5)] MlpsLevel MlpsLevel = MlpsLevel.Unspecified,
    [property: Id(6)] ImmutableArray<string> AllowedRegions = default,
    [property: Id(7)] NetworkPlane NetworkPlane = NetworkPlane.Unspecified,
    [property: Id(8)] string AntiAffinityGroup = "",
    [property: Id(9)] bool Pinned = false,
    [property: Id(10)] int Priority = 0,
    [property: Id(11)] double MigrationCost = 1.0,
    [property: Id(12)] ImmutableArray<WorkloadLabel> Labels = default,
    [property: Id(13)] AccessPolicy? AccessPolicy = null)
{
    /// <summary>The value of label <paramref name="key"/>, or null.</summary>
    public string? Label(string key)
    {
        foreach (var label in Labels.IsDefault ? [] : Labels)
        {
            if (string.Equals(label.Key, key, StringComparison.Ordinal))
            {
                return label.Value;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public bool Equals(WorkloadSpec? other) =>
        other is not null
        && string.Equals(WorkloadId, other.WorkloadId, StringComparison.Ordinal)
        && string.Equals(TenantId, other.TenantId, StringComparison.Ordinal)
        && string.Equals(System, other.System, StringComparison.Ordinal)
        && string.Equals(Project, other.Project, StringComparison.Ordinal)
        && Requests == other.Requests
        && MlpsLevel == other.MlpsLevel
        && Same(AllowedRegions, other.AllowedRegions)
        && NetworkPlane == other.NetworkPlane
        && string.Equals(AntiAffinityGroup, other.AntiAffinityGroup, StringComparison.Ordinal)
        && Pinned == other.Pinned
        && Priority == other.Priority
        && MigrationCost.Equals(other.MigrationCost)
        && Same(Labels, other.Labels)
        && EqualityComparer<AccessPolicy?>.Default.Equals(AccessPolicy, other.AccessPolicy);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(WorkloadId, TenantId, Requests, MlpsLevel, NetworkPlane);

    /// <summary>Labels from any pairs: ordered by key, the last value of a repeated key kept.</summary>
    public static ImmutableArray<WorkloadLabel> SortLabels(IEnumerable<KeyValuePair<string, string>> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in labels)
        {
            sorted[key] = value;
        }

        return [.. sorted.Select(p => new WorkloadLabel(p.Key, p.Value))];
    }

    private static bool Same<T>(ImmutableArray<T> a, ImmutableArray<T> b)
    {
        var x = a.IsDefault ? [] : a;
        var y = b.IsDefault ? [] : b;
        return x.AsSpan().SequenceEqual(y.AsSpan());
    }
}
