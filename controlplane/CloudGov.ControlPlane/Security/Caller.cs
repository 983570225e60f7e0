namespace CloudGov.ControlPlane.Security;

/// <summary>The authenticated identity behind one RPC, taken from its credentials and never from a request field.</summary>
/// <param name="Subject">Who acts (the token's subject).</param>
/// <param name="Role">What the caller may do.</param>
/// <param name="TenantId">For <see cref="CallerRole.Tenant"/>: the tenant it acts for; otherwise null.</param>
public sealed record Caller(string Subject, CallerRole Role, string? TenantId)
{
    /// <summary>True for roles that may change state (tenants within their subtree, operators everywhere).</summary>
    public bool MayChange => Role is CallerRole.Tenant or CallerRole.Operator;
}
