namespace CloudGov.ControlPlane.Security;

/// <summary>Who may call one RPC.</summary>
/// <param name="Method">The full gRPC method name, <c>package.Service/Method</c>.</param>
/// <param name="Access">How the caller is authenticated.</param>
/// <param name="Roles">For <see cref="RpcAccess.Bearer"/>: the roles allowed; empty otherwise.</param>
/// <param name="TenantScoped">
/// True when tenant callers are allowed and the service itself narrows what they see and change to their subtree
/// (through <see cref="ITenantScope"/>).
/// </param>
public sealed record RpcAccessRule(string Method, RpcAccess Access, IReadOnlyList<CallerRole> Roles, bool TenantScoped)
{
    /// <summary>True when a caller of <paramref name="role"/> may call the RPC (bearer rules only).</summary>
    public bool Allows(CallerRole role) => Access == RpcAccess.Bearer && Roles.Contains(role);
}
