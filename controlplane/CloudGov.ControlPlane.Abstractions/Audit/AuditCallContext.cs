namespace CloudGov.ControlPlane.Abstractions.Audit;

/// <summary>
/// Carries the acting caller from an RPC into the grains it calls (Orleans <c>RequestContext</c>), so a decision a grain
/// makes on a caller's request (a manual rebalance round) is recorded under that caller.
/// </summary>
public static class AuditCallContext
{
    private const string SubjectKey = "cloudgov.audit.subject";
    private const string RoleKey = "cloudgov.audit.role";
    private const string TenantKey = "cloudgov.audit.tenant";

    /// <summary>Sets <paramref name="actor"/> for the grain calls made from here on in this async flow.</summary>
    public static void Set(AuditActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        Orleans.Runtime.RequestContext.Set(SubjectKey, actor.Subject);
        Orleans.Runtime.RequestContext.Set(RoleKey, actor.Role);
        Orleans.Runtime.RequestContext.Set(TenantKey, actor.TenantId);
    }

    /// <summary>The caller a grain call was made for, or <paramref name="fallback"/> when none was set.</summary>
    public static AuditActor CurrentOr(AuditActor fallback) =>
        Orleans.Runtime.RequestContext.Get(SubjectKey) is string subject && Orleans.Runtime.RequestContext.Get(RoleKey) is string role
            ? new AuditActor(subject, role, Orleans.Runtime.RequestContext.Get(TenantKey) as string ?? string.Empty)
            : fallback;
}
