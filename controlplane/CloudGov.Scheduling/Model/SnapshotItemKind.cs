namespace CloudGov.Scheduling.Model;

/// <summary>What part of a snapshot a <see cref="SnapshotProblem"/> is about.</summary>
public enum SnapshotItemKind
{
    /// <summary>The snapshot as a whole (e.g. too many items).</summary>
    Snapshot = 0,

    /// <summary>One zone.</summary>
    Zone = 1,

    /// <summary>One workload.</summary>
    Workload = 2,

    /// <summary>One freeze window.</summary>
    FreezeWindow = 3,
}
