using CloudGov.Domain;

namespace CloudGov.Scheduling.Quota;

/// <summary>One tenant as the quota view knows it: its parent (empty for a root), its allocation and its own workloads' use.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="ParentId">Its parent; empty for a root.</param>
/// <param name="Allocated">Its allocation.</param>
/// <param name="OwnUse">What its own workloads (not its children's) use or hold in reservations.</param>
public sealed record QuotaNode(string TenantId, string ParentId, ResourceVector Allocated, ResourceVector OwnUse);
