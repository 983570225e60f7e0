namespace CloudGov.ControlPlane.Abstractions.Audit;

/// <summary>One page of entries and, when more may follow, the sequence number to continue after.</summary>
public sealed record AuditPage(ImmutableArray<AuditEntry> Entries, long? ContinueAfter);
