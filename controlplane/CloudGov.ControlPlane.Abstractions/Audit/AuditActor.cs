namespace CloudGov.ControlPlane.Abstractions.Audit;

/// <summary>Who decided: the authenticated subject and role of a caller, or a control-plane component (role <c>system</c>).</summary>
/// <param name="Subject">The token's subject, or the component's name (<c>scheduler</c>, <c>policy:auto-approval</c>).</param>
/// <param name="Role"><c>operator</c>, <c>auditor</c>, <c>tenant</c> or <c>system</c>.</param>
/// <param name="TenantId">For the tenant role: the tenant the caller acts for; otherwise empty.</param>
[GenerateSerializer, Immutable, Alias("cloudgov.AuditActor")]
public sealed record AuditActor(
    [property: Id(0)] string Subject,
    [property: Id(1)] string Role,
    [property: Id(2)] string TenantId)
{
    /// <summary>The role of control-plane components.</summary>
    public const string SystemRole = "system";

    /// <summary>A control-plane component acting on its own (scheduler, auto-approval policy).</summary>
    public static AuditActor System(string component) => new(component, SystemRole, string.Empty);
}
