namespace CloudGov.ControlPlane.Abstractions.Ledger;

/// <summary>How the ledger's view groups records.</summary>
[GenerateSerializer, Alias("cloudgov.LedgerGrouping")]
public enum LedgerGrouping
{
    /// <summary>Not set.</summary>
    Unspecified = 0,

    /// <summary>Per tenant.</summary>
    Tenant = 1,

    /// <summary>Per business system.</summary>
    System = 2,

    /// <summary>Per construction project.</summary>
    Project = 3,
}
