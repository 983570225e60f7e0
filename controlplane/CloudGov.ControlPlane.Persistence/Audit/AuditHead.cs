namespace CloudGov.ControlPlane.Persistence.Audit;

/// <summary>A chain's head: the last appended sequence number and that entry's hash.</summary>
public sealed record AuditHead(long Sequence, string Hash);
