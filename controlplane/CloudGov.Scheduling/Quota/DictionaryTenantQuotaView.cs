using CloudGov.Domain;

namespace CloudGov.Scheduling.Quota;

/// <summary>
/// A fixed quota view backed by a dictionary of tenant → (limit, used). Tenants not listed have no quota.
/// Migrations always pass: they do not change a tenant's total.
/// </summary>
public sealed class DictionaryTenantQuotaView : ITenantQuotaView
{
    private readonly Dictionary<string, (ResourceVector Limit, ResourceVector Used)> _quotas;

    /// <summary>Creates the view from tenant → (limit, used).</summary>
    public DictionaryTenantQuotaView(IReadOnlyDictionary<string, (ResourceVector Limit, ResourceVector Used)> quotas)
    {
        ArgumentNullException.ThrowIfNull(quotas);
        _quotas = new Dictionary<string, (ResourceVector, ResourceVector)>(quotas, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public bool Admits(string tenantId, ResourceVector additional, bool isMigration, out ResourceVector remaining)
    {
        if (!_quotas.TryGetValue(tenantId, out var quota))
        {
            remaining = ResourceVector.Zero;
            return isMigration || additional.IsZero;
        }

        remaining = quota.Limit - quota.Used;
        return isMigration || additional.FitsWithin(remaining);
    }
}
