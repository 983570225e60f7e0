namespace CloudGov.ControlPlane.Abstractions.Ledger;

/// <summary>Where a workload stands against its ledger record. Values equal the operations API's LedgerState.</summary>
[GenerateSerializer, Alias("cloudgov.ReconciliationState")]
public enum ReconciliationState
{
    /// <summary>Not evaluated.</summary>
    Unspecified = 0,

    /// <summary>Recorded (placed or registered), not yet reported by a zone.</summary>
    Pending = 1,

    /// <summary>Running where recorded, as its intent says.</summary>
    InSync = 2,

    /// <summary>Recorded in a zone that stopped reporting it, or whose placement failed.</summary>
    Missing = 3,

    /// <summary>Reported by a zone without a registered intent: adopted and pinned.</summary>
    Unmanaged = 4,

    /// <summary>Reported in another zone than recorded, or with other requests or level than its intent.</summary>
    Drifted = 5,

    /// <summary>Where it runs breaks its own intent.</summary>
    Violating = 6,
}
