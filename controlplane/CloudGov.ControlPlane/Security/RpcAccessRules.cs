using static CloudGov.ControlPlane.Security.CallerRole;

namespace CloudGov.ControlPlane.Security;

/// <summary>
/// The one table of who may call what: every RPC the host maps has exactly one row here. An RPC without a row is
/// denied to everyone (the fallback authorization policy). One row per RPC; keep them grouped by service.
/// <list type="bullet">
/// <item><c>operator</c>: reads and changes everything.</item>
/// <item><c>auditor</c>: reads everything, changes nothing.</item>
/// <item><c>tenant</c>: only on tenant-scoped rows, and only its own subtree (the service filters or refuses).</item>
/// </list>
/// </summary>
public static class RpcAccessRules
{
    private const string Operations = "cloudgov.operations.v1.OperationsService/";
    private const string Quota = "cloudgov.tenant.v1.QuotaService/";
    private const string Baseline = "cloudgov.baseline.v1.BaselineService/";

    private static readonly RpcAccessRule[] Rows =
    [
        // Probes and tooling: anyone who reaches the port.
        Anonymous("grpc.health.v1.Health/Check"),
        Anonymous("grpc.health.v1.Health/Watch"),
        Anonymous("grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"),
        Anonymous("grpc.reflection.v1.ServerReflection/ServerReflectionInfo"),

        // Agents prove their zone with a client certificate (mutual TLS), never a bearer token.
        ClientCertificate("cloudgov.agent.v1.AgentService/Connect"),

        // The one-cloud view: infrastructure across every tenant, so operators and auditors only.
        Bearer(Operations + "ListZones", Operator, Auditor),
        Bearer(Operations + "GetZone", Operator, Auditor),
        Bearer(Operations + "GetOneCloudSummary", Operator, Auditor),
        Bearer(Operations + "GetZoneHistory", Operator, Auditor),

        // Rebalance plans: operators decide, auditors read.
        Bearer(Operations + "ProposeRebalance", Operator),
        Bearer(Operations + "ListPlans", Operator, Auditor),
        Bearer(Operations + "GetPlan", Operator, Auditor),
        Bearer(Operations + "ApprovePlan", Operator),
        Bearer(Operations + "CancelPlan", Operator),
        Bearer(Operations + "WatchPlan", Operator, Auditor),

        // Workloads and the ledger: tenants within their subtree.
        TenantScoped(Operations + "PlaceWorkload", Operator, Tenant),
        TenantScoped(Operations + "GetWorkload", Operator, Auditor, Tenant),
        TenantScoped(Operations + "ListWorkloads", Operator, Auditor, Tenant),
        TenantScoped(Operations + "SetWorkloadIntent", Operator, Tenant),
        TenantScoped(Operations + "GetLedgerView", Operator, Auditor, Tenant),

        // The audit trail: auditors only (operators decide, so they do not read or verify the record of their decisions).
        Bearer("cloudgov.audit.v1.AuditService/ListAuditEntries", Auditor),
        Bearer("cloudgov.audit.v1.AuditService/VerifyAuditChain", Auditor),
        // Quota: tenants request, read and cancel within their subtree; operators decide and manage tenants; auditors read.
        TenantScoped(Quota + "RequestQuota", Operator, Tenant),
        TenantScoped(Quota + "GetQuotaRequest", Operator, Auditor, Tenant),
        TenantScoped(Quota + "ListQuotaRequests", Operator, Auditor, Tenant),
        TenantScoped(Quota + "CancelQuotaRequest", Operator, Tenant),
        Bearer(Quota + "ApproveQuotaRequest", Operator),
        Bearer(Quota + "RejectQuotaRequest", Operator),
        TenantScoped(Quota + "GetTenantQuota", Operator, Auditor, Tenant),
        TenantScoped(Quota + "ListTenants", Operator, Auditor, Tenant),
        Bearer(Quota + "CreateTenant", Operator),
        Bearer(Quota + "UpdateTenant", Operator),
        Bearer(Quota + "MoveTenant", Operator),
        Bearer(Quota + "DeleteTenant", Operator),

        // Security baseline: the catalogue is public to every role; tenants read their subtree's findings and request waivers
        // for their own workloads; operators and auditors approve and revoke waivers (the approvers) and read everything.
        TenantScoped(Baseline + "ListRules", Operator, Auditor, Tenant),
        TenantScoped(Baseline + "ListFindings", Operator, Auditor, Tenant),
        TenantScoped(Baseline + "GetFinding", Operator, Auditor, Tenant),
        TenantScoped(Baseline + "RequestWaiver", Operator, Tenant),
        Bearer(Baseline + "ApproveWaiver", Operator, Auditor),
        Bearer(Baseline + "RevokeWaiver", Operator, Auditor),
        TenantScoped(Baseline + "ListWaivers", Operator, Auditor, Tenant),
        TenantScoped(Baseline + "GetComplianceScores", Operator, Auditor, Tenant),
    ];

    /// <summary>Every rule by full method name (<c>package.Service/Method</c>).</summary>
    public static IReadOnlyDictionary<string, RpcAccessRule> All { get; } = Rows.ToDictionary(r => r.Method, StringComparer.Ordinal);

    /// <summary>The rule of an RPC (with or without the leading '/'), or null when it has none (denied).</summary>
    public static RpcAccessRule? Find(string method) => All.GetValueOrDefault(method.TrimStart('/'));

    private static RpcAccessRule Anonymous(string method) => new(method, RpcAccess.Anonymous, [], TenantScoped: false);

    private static RpcAccessRule ClientCertificate(string method) => new(method, RpcAccess.ClientCertificate, [], TenantScoped: false);

    private static RpcAccessRule Bearer(string method, params CallerRole[] roles) =>
        roles.Contains(Tenant) ? throw new ArgumentException($"{method}: tenants are only allowed on tenant-scoped rules") : new(method, RpcAccess.Bearer, roles, TenantScoped: false);

    private static RpcAccessRule TenantScoped(string method, params CallerRole[] roles) => new(method, RpcAccess.Bearer, roles, TenantScoped: true);
}
