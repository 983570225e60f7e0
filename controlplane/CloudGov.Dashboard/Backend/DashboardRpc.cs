namespace CloudGov.Dashboard.Backend;

/// <summary>The RPCs the dashboard calls, by full method name (each has its row in the host's rule table).</summary>
public static class DashboardRpc
{
    private const string Operations = "cloudgov.operations.v1.OperationsService/";
    private const string Quota = "cloudgov.tenant.v1.QuotaService/";
    private const string Audit = "cloudgov.audit.v1.AuditService/";
    private const string Baseline = "cloudgov.baseline.v1.BaselineService/";

    /// <summary>Every zone.</summary>
    public const string ListZones = Operations + "ListZones";

    /// <summary>One zone with its workloads.</summary>
    public const string GetZone = Operations + "GetZone";

    /// <summary>A zone's usage history.</summary>
    public const string GetZoneHistory = Operations + "GetZoneHistory";

    /// <summary>One-cloud totals.</summary>
    public const string GetOneCloudSummary = Operations + "GetOneCloudSummary";

    /// <summary>Runs a rebalance round.</summary>
    public const string ProposeRebalance = Operations + "ProposeRebalance";

    /// <summary>The stored plans.</summary>
    public const string ListPlans = Operations + "ListPlans";

    /// <summary>One plan.</summary>
    public const string GetPlan = Operations + "GetPlan";

    /// <summary>Approves a plan.</summary>
    public const string ApprovePlan = Operations + "ApprovePlan";

    /// <summary>Cancels a plan.</summary>
    public const string CancelPlan = Operations + "CancelPlan";

    /// <summary>Ledger records.</summary>
    public const string ListWorkloads = Operations + "ListWorkloads";

    /// <summary>The ledger's grouped views.</summary>
    public const string GetLedgerView = Operations + "GetLedgerView";

    /// <summary>The tenant tree.</summary>
    public const string ListTenants = Quota + "ListTenants";

    /// <summary>One tenant's quota.</summary>
    public const string GetTenantQuota = Quota + "GetTenantQuota";

    /// <summary>Quota requests.</summary>
    public const string ListQuotaRequests = Quota + "ListQuotaRequests";

    /// <summary>Approves a quota request.</summary>
    public const string ApproveQuotaRequest = Quota + "ApproveQuotaRequest";

    /// <summary>Rejects a quota request.</summary>
    public const string RejectQuotaRequest = Quota + "RejectQuotaRequest";

    /// <summary>The audit trail.</summary>
    public const string ListAuditEntries = Audit + "ListAuditEntries";

    /// <summary>Verifies the audit chain.</summary>
    public const string VerifyAuditChain = Audit + "VerifyAuditChain";

    /// <summary>The baseline's rules.</summary>
    public const string ListRules = Baseline + "ListRules";

    /// <summary>Baseline findings.</summary>
    public const string ListFindings = Baseline + "ListFindings";

    /// <summary>Asks for a waiver.</summary>
    public const string RequestWaiver = Baseline + "RequestWaiver";

    /// <summary>Approves a waiver.</summary>
    public const string ApproveWaiver = Baseline + "ApproveWaiver";

    /// <summary>Revokes a waiver.</summary>
    public const string RevokeWaiver = Baseline + "RevokeWaiver";

    /// <summary>Waivers.</summary>
    public const string ListWaivers = Baseline + "ListWaivers";

    /// <summary>Compliance per zone, tenant and MLPS level.</summary>
    public const string GetComplianceScores = Baseline + "GetComplianceScores";

    /// <summary>Every method above.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        ListZones, GetZone, GetZoneHistory, GetOneCloudSummary, ProposeRebalance, ListPlans, GetPlan, ApprovePlan, CancelPlan,
        ListWorkloads, GetLedgerView, ListTenants, GetTenantQuota, ListQuotaRequests, ApproveQuotaRequest, RejectQuotaRequest,
        ListAuditEntries, VerifyAuditChain,
        ListRules, ListFindings, RequestWaiver, ApproveWaiver, RevokeWaiver, ListWaivers, GetComplianceScores,
    ];
}
