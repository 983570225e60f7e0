namespace CloudGov.ControlPlane.Abstractions.Ledger;

/// <summary>What happened to a workload, in its ledger history.</summary>
[GenerateSerializer, Alias("cloudgov.LedgerEventKind")]
public enum LedgerEventKind
{
    /// <summary>Not set.</summary>
    Unspecified = 0,

    /// <summary>Placed by PlaceWorkload: recorded in a zone, a place command sent.</summary>
    Placed = 1,

    /// <summary>Adopted from a zone's report (unmanaged, or registered by its intent labels).</summary>
    Adopted = 2,

    /// <summary>Its intent was registered (an unmanaged record became managed, or a new record).</summary>
    Registered = 3,

    /// <summary>Its intent changed.</summary>
    IntentChanged = 4,

    /// <summary>A plan moved it.</summary>
    Moved = 5,

    /// <summary>Its placement failed or expired.</summary>
    PlacementFailed = 6,

    /// <summary>Its reconciliation state changed.</summary>
    StateChanged = 7,

    /// <summary>A plan started moving it.</summary>
    MoveStarted = 8,

    /// <summary>A plan's move of it ended without moving it (rolled back or stopped).</summary>
    MoveEnded = 9,

    /// <summary>First reported by a zone (a registered record that had no zone yet).</summary>
    Observed = 10,
}
