using CloudGov.Domain;

namespace CloudGov.Scheduling.Quota;

/// <summary>The default view: every tenant may take anything. Replaced once the quota ledger exists.</summary>
public sealed class UnlimitedTenantQuotaView : ITenantQuotaView
{
    /// <summary>The shared instance.</summary>
    public static UnlimitedTenantQuotaView Instance { get; } = new();

    /// <inheritdoc />
    public bool Admits(string tenantId, ResourceVector additional, bool isMigration, out ResourceVector remaining)
    {
        remaining = new ResourceVector(long.MaxValue, long.MaxValue, long.MaxValue, long.MaxValue);
        return true;
    }
}
