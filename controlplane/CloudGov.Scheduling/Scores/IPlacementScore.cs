using CloudGov.Scheduling.Filters;

namespace CloudGov.Scheduling.Scores;

/// <summary>A soft preference among eligible zones: a value in [0, 1], higher is better. Pure and deterministic.</summary>
public interface IPlacementScore
{
    /// <summary>A short stable name, e.g. <c>balance</c>.</summary>
    string Name { get; }

    /// <summary>How good the zone is for the workload, in [0, 1].</summary>
    double Evaluate(in FilterContext context);
}
