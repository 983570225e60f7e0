using CloudGov.Scheduling.Filters;

namespace CloudGov.Scheduling.Placement;

/// <summary>A zone that cannot take the workload, with every filter's reason.</summary>
public sealed record ZoneRejection(string ZoneId, IReadOnlyList<Rejection> Reasons);
