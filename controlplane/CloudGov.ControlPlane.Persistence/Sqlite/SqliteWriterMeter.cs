using System.Diagnostics.Metrics;

namespace CloudGov.ControlPlane.Persistence.Sqlite;

/// <summary>
/// The SQLite writer's own time as <see cref="System.Diagnostics.Metrics"/> instruments (meter <see cref="Name"/>): each
/// batch of writes from <c>BEGIN</c> through <c>COMMIT</c>, and the <c>COMMIT</c> alone (WAL frames written, fsync'd when
/// synchronous is FULL). Free while nobody listens; the quota benchmark listens to tell the writer's work from the hops
/// and waits around it.
/// </summary>
internal static class SqliteWriterMeter
{
    /// <summary>The meter's name.</summary>
    public const string Name = "CloudGov.Sqlite";

    private static readonly Meter Meter = new(Name);

    /// <summary>How long a batch took in the writer, in milliseconds: its transaction, statements and commit.</summary>
    public static readonly Histogram<double> BatchMilliseconds = Meter.CreateHistogram<double>("cloudgov.sqlite.batch.duration", "ms");

    /// <summary>How long the batch's <c>COMMIT</c> took, in milliseconds.</summary>
    public static readonly Histogram<double> CommitMilliseconds = Meter.CreateHistogram<double>("cloudgov.sqlite.commit.duration", "ms");
}
