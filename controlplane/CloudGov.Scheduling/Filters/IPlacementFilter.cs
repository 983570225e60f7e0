namespace CloudGov.Scheduling.Filters;

/// <summary>
/// A hard constraint on putting a workload in a zone. Filters are pure and deterministic. <see cref="Admits"/>
/// is the fast path the planners call in their loops; <see cref="Explain"/> builds the readable reason and is
/// only called for a zone <see cref="Admits"/> refused.
/// </summary>
public interface IPlacementFilter
{
    /// <summary>A short stable name, e.g. <c>mlps-level</c>.</summary>
    string Name { get; }

    /// <summary>
    /// True when the verdict depends only on the zone and on the workload's required level, network plane and
    /// allowed regions — never on allocation state. Planners may cache static verdicts per such key.
    /// </summary>
    bool IsStatic { get; }

    /// <summary>True when the zone is acceptable for the workload.</summary>
    bool Admits(in FilterContext context);

    /// <summary>The reason the zone is refused; call only when <see cref="Admits"/> returned false.</summary>
    Rejection Explain(in FilterContext context);
}
