namespace CloudGov.ControlPlane.Abstractions.Audit;

/// <summary>The result of checking one chain from its first entry to its head.</summary>
/// <param name="Chain">The chain checked.</param>
/// <param name="EntriesChecked">Entries read before the first break (all of them when intact).</param>
/// <param name="Break">What broke, or <see cref="AuditBreak.None"/>.</param>
/// <param name="FirstBadSequence">The sequence number of the first entry that was changed, removed or reordered.</param>
/// <param name="Message">What was found, naming the entry.</param>
/// <param name="HeadSequence">The last sequence number the chain's head records.</param>
/// <param name="HeadHash">The hash the chain's head records (keep it elsewhere to detect a rewritten chain).</param>
public sealed record AuditVerification(
    string Chain,
    long EntriesChecked,
    AuditBreak Break,
    long? FirstBadSequence,
    string Message,
    long HeadSequence,
    string HeadHash)
{
    /// <summary>True when nothing was changed, removed or reordered.</summary>
    public bool Intact => Break == AuditBreak.None;
}
