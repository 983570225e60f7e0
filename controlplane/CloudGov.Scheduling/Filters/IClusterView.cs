using CloudGov.Domain;
using CloudGov.Scheduling.Model;

namespace CloudGov.Scheduling.Filters;

/// <summary>
/// The current (possibly simulated, mid-plan) allocation state filters and scores read: the snapshot plus the
/// load on each zone and anti-affinity group membership after the moves decided so far.
/// </summary>
public interface IClusterView
{
    /// <summary>The snapshot the state started from.</summary>
    CloudSnapshot Snapshot { get; }

    /// <summary>The sum of requests allocated on a zone now.</summary>
    ResourceVector LoadOf(int zoneIndex);

    /// <summary>How many workloads of an anti-affinity group run on a zone now.</summary>
    int AntiAffinityCount(int zoneIndex, string group);
}
