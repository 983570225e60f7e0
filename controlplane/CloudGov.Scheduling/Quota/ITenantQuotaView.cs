using CloudGov.Domain;

namespace CloudGov.Scheduling.Quota;

/// <summary>
/// What the scheduler may know about tenant quota. The quota ledger fills this; the scheduler only asks.
/// </summary>
public interface ITenantQuotaView
{
    /// <summary>
    /// True when the tenant may take <paramref name="additional"/> more resources. A migration keeps the tenant's
    /// total unchanged (<paramref name="isMigration"/> true); views decide whether make-before-break needs room.
    /// </summary>
    bool Admits(string tenantId, ResourceVector additional, bool isMigration, out ResourceVector remaining);

    /// <summary>The level of the tenant's ancestry that is short, when the view knows a hierarchy; null when it admits or has none.</summary>
    QuotaShortfall? Shortfall(string tenantId, ResourceVector additional, bool isMigration) => null;
}
