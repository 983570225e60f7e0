using CloudGov.Scheduling.Model;

namespace CloudGov.Scheduling.Rebalancing;

/// <summary>What a strategy plans over: the snapshot and the current time (strategies read no clock).</summary>
public sealed record RebalanceRequest(CloudSnapshot Snapshot, DateTimeOffset Now);
