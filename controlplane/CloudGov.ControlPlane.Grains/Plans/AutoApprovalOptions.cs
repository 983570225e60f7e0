namespace CloudGov.ControlPlane.Grains.Plans;

/// <summary>When a proposed plan is approved without an operator (<c>Plans:AutoApproval</c>). Off by default.</summary>
public sealed class AutoApprovalOptions
{
    /// <summary>Turns the policy on. Default false: every plan waits for an operator.</summary>
    public bool Enabled { get; set; }

    /// <summary>Plans with more moves than this need an operator. Default 5; 1 to 1,000.</summary>
    public int MaxMoves { get; set; } = 5;

    /// <summary>Every move stays within one city (same 4-digit region prefix). Default true.</summary>
    public bool SameCityOnly { get; set; } = true;

    /// <summary>Allows moves between zones of different MLPS levels. Default false.</summary>
    public bool AllowMlpsLevelChange { get; set; }

    /// <summary>Allows moves between zones on different network planes. Default false.</summary>
    public bool AllowNetworkPlaneChange { get; set; }
}
