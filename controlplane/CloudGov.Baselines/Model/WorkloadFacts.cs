using System.Globalization;
using CloudGov.Domain;

namespace CloudGov.Baselines.Model;

/// <summary>A workload as the rules see it: its id, tenant, level, home province, access policies and ledger state.</summary>
/// <param name="WorkloadId">The workload id.</param>
/// <param name="TenantId">Its tenant.</param>
/// <param name="MlpsLevel">The level it requires.</param>
/// <param name="Province">Its tenant's 2-digit province code; empty when unknown.</param>
/// <param name="AccessPolicy">The access-control policy its intent carries; empty when none.</param>
/// <param name="ObservedAccessPolicy">The policy its zone reports in force; null when the zone does not report one.</param>
/// <param name="LedgerState">The ledger's reconciliation state (e.g. "InSync", "Unmanaged"); empty when unknown.</param>
public sealed record WorkloadFacts(
    string WorkloadId,
    string TenantId,
    MlpsLevel MlpsLevel,
    string Province = "",
    string AccessPolicy = "",
    string? ObservedAccessPolicy = null,
    string LedgerState = "") : IFacts
{
    /// <inheritdoc />
    public string? Get(string key) => key switch
    {
        FactKeys.WorkloadMlpsLevel => MlpsLevel == MlpsLevel.Unspecified ? null : ((int)MlpsLevel).ToString(CultureInfo.InvariantCulture),
        FactKeys.WorkloadProvince => Province.Length == 0 ? null : Province,
        FactKeys.WorkloadAccessPolicy => AccessPolicy.Length == 0 ? null : AccessPolicy,
        FactKeys.WorkloadObservedAccessPolicy => ObservedAccessPolicy,
        FactKeys.LedgerState => LedgerState.Length == 0 ? null : LedgerState,
        _ => null,
    };
}
