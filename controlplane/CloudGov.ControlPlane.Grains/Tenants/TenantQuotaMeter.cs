using System.Diagnostics.Metrics;

namespace CloudGov.ControlPlane.Grains.Tenants;

/// <summary>
/// The quota grain's commit path as <see cref="System.Diagnostics.Metrics"/> instruments (meter
/// <see cref="Name"/>): commits, the commands each carries, commit time and the time a decision holds the grain's turn.
/// Free while nobody listens; the quota benchmark listens to report decisions per commit and turn time per call.
/// </summary>
internal static class TenantQuotaMeter
{
    /// <summary>The meter's name.</summary>
    public const string Name = "CloudGov.Quota";

    private static readonly Meter Meter = new(Name);

    /// <summary>Group commits of the quota journal (each one database transaction).</summary>
    public static readonly Counter<long> Commits = Meter.CreateCounter<long>("cloudgov.quota.commits");

    /// <summary>Commands (decisions and refusals with an audit record) carried by the commits.</summary>
    public static readonly Counter<long> CommittedCommands = Meter.CreateCounter<long>("cloudgov.quota.commit.commands");

    /// <summary>
    /// How long a commit took, in milliseconds, as the grain's write loop sees it: from handing the rows to the journal
    /// until it answered — the thread-pool hop, building rows and audit entries, the wait for the SQLite writer and its
    /// transaction (fsync included). The writer's own part is meter <c>CloudGov.Sqlite</c>.
    /// </summary>
    public static readonly Histogram<double> CommitMilliseconds = Meter.CreateHistogram<double>("cloudgov.quota.commit.duration", "ms");

    /// <summary>How long a command held the grain's turn to decide, in microseconds.</summary>
    public static readonly Histogram<double> DecideMicroseconds = Meter.CreateHistogram<double>("cloudgov.quota.decide.duration", "us");
}
