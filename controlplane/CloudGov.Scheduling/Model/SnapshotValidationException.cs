namespace CloudGov.Scheduling.Model;

/// <summary>
/// Thrown by <see cref="CloudSnapshot.Create"/> for the first unusable item; <see cref="Problem"/> says which item
/// and field. An <see cref="ArgumentException"/>, so callers that catch that keep working; a caller that wants to
/// skip bad items instead checks each with <see cref="SnapshotValidator"/> first.
/// </summary>
public sealed class SnapshotValidationException : ArgumentException
{
    /// <summary>Creates the exception for a problem.</summary>
    public SnapshotValidationException(SnapshotProblem problem)
        : base((problem ?? throw new ArgumentNullException(nameof(problem))).ToString(), ParamOf(problem.Kind))
    {
        Problem = problem;
    }

    /// <summary>Creates the exception with a message only (for serializers and tooling).</summary>
    public SnapshotValidationException()
        : this(new SnapshotProblem(SnapshotItemKind.Snapshot, "", "", "invalid snapshot"))
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public SnapshotValidationException(string message)
        : this(new SnapshotProblem(SnapshotItemKind.Snapshot, "", "", message))
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public SnapshotValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = new SnapshotProblem(SnapshotItemKind.Snapshot, "", "", message);
    }

    /// <summary>The item, field and rule that failed.</summary>
    public SnapshotProblem Problem { get; }

    private static string ParamOf(SnapshotItemKind kind) => kind switch
    {
        SnapshotItemKind.Zone => "zones",
        SnapshotItemKind.Workload => "workloads",
        SnapshotItemKind.FreezeWindow => "freezeWindows",
        _ => "snapshot",
    };
}
