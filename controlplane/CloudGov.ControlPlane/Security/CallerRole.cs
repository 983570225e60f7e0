namespace CloudGov.ControlPlane.Security;

/// <summary>What a caller of the public API may do, as its token says (claim <see cref="CloudGovClaims.Role"/>).</summary>
public enum CallerRole
{
    /// <summary>A department (委办局): sees and changes only its own tenant and that tenant's subtree.</summary>
    Tenant = 1,

    /// <summary>Operations-center staff: reads and changes everything.</summary>
    Operator = 2,

    /// <summary>Reads everything, changes nothing.</summary>
    Auditor = 3,
}
