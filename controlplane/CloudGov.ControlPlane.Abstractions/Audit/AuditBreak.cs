namespace CloudGov.ControlPlane.Abstractions.Audit;

/// <summary>How a chain was found broken.</summary>
public enum AuditBreak
{
    /// <summary>The chain is intact.</summary>
    None = 0,

    /// <summary>An entry's content no longer matches its hash, or it was re-hashed so the next entry's link no longer matches.</summary>
    Changed = 1,

    /// <summary>An entry is missing (a gap in the sequence, or fewer entries than the chain's head records).</summary>
    Removed = 2,

    /// <summary>An entry sits at another position than the one it was appended at.</summary>
    Reordered = 3,
}
