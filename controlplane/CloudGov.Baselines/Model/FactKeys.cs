namespace CloudGov.Baselines.Model;

/// <summary>
/// The fact keys the built-in pack reads: stable names, documented in the README's rule table. Posture keys are what agents
/// report (every provider the same names; the agents' copy is <c>PostureFactKeys</c> in the agent); <c>zone.</c>,
/// <c>workload.</c>, <c>ledger.</c> and <c>cloudgov.</c> keys are supplied by the control plane from what it knows.
/// </summary>
public static class FactKeys
{
    /// <summary>ISO 3166 country of the zone's cloud infrastructure (data centres, hosts); "CN" for China.</summary>
    public const string InfraCountry = "infra.location.country";

    /// <summary>ISO 3166 country where the zone stores tenant data (primary storage and backups); "CN" for China.</summary>
    public const string DataCountry = "data.location.country";

    /// <summary>"true" when the zone's resource pool is dedicated (专属资源池) to one government customer.</summary>
    public const string PoolDedicated = "pool.dedicated";

    /// <summary>"true" when management traffic runs on a network separated from tenant traffic.</summary>
    public const string ManagementSeparated = "network.management_separated";

    /// <summary>"enabled" when every volume and object store is encrypted at rest.</summary>
    public const string EncryptionAtRest = "storage.encryption_at_rest";

    /// <summary>Comma-separated TCP ports open to 0.0.0.0/0 (or ::/0) in the zone's security groups or firewalls; "none" for none.</summary>
    public const string WorldOpenPorts = "network.world_open_ports";

    /// <summary>AWS: "true" when every instance requires IMDSv2 (HttpTokens=required).</summary>
    public const string AwsImdsV2Required = "aws.imdsv2_required";

    /// <summary>Kubernetes: how many running containers are privileged (an integer).</summary>
    public const string K8sPrivilegedContainers = "k8s.privileged_containers";

    /// <summary>"enabled" when the zone's audit logging (cloud API and management-plane operations) is on.</summary>
    public const string AuditLogging = "audit.logging";

    /// <summary>How many days audit records are kept (an integer).</summary>
    public const string AuditLogRetentionDays = "audit.log_retention_days";

    /// <summary>Age in days of the oldest missing security patch on the zone's hosts (an integer; 0 when up to date).</summary>
    public const string PatchMaxAgeDays = "patch.max_age_days";

    /// <summary>"valid" while the zone's MLPS assessment (等级测评) certificate is in force.</summary>
    public const string MlpsCertificate = "platform.mlps_certificate";

    /// <summary>"disabled" when SSH password authentication is off on the zone's hosts and bastions.</summary>
    public const string SshPasswordAuth = "ssh.password_auth";

    /// <summary>Control plane: how the zone's agent proved its identity ("mtls-verified"), or "disconnected".</summary>
    public const string AgentIdentity = "cloudgov.agent.identity";

    /// <summary>Control plane: the MLPS level the zone is certified for (1-4, from its descriptor).</summary>
    public const string ZoneMlpsLevel = "zone.mlps_level";

    /// <summary>Control plane: the zone's 6-digit region code (from its descriptor).</summary>
    public const string ZoneRegionCode = "zone.region_code";

    /// <summary>Control plane: the provider the zone's agent drives (Simulated, Kubernetes, AwsEc2, Azure).</summary>
    public const string ZoneProvider = "zone.provider";

    /// <summary>Control plane: the MLPS level a workload requires (1-4; its intent, or what its zone reports).</summary>
    public const string WorkloadMlpsLevel = "workload.mlps_level";

    /// <summary>Control plane: the 2-digit province code of the workload's tenant (from its residency or its <c>cloudgov.io/province</c> label).</summary>
    public const string WorkloadProvince = "workload.province";

    /// <summary>Control plane: the access-control policy the workload's intent carries (its digest or name).</summary>
    public const string WorkloadAccessPolicy = "workload.access_policy";

    /// <summary>Control plane: the access-control policy its zone reports in force for it.</summary>
    public const string WorkloadObservedAccessPolicy = "workload.observed_access_policy";

    /// <summary>Control plane: the ledger's reconciliation state of the workload (e.g. "InSync", "Unmanaged").</summary>
    public const string LedgerState = "ledger.state";

    /// <summary>The keys agents report (the posture keys above, not the control plane's).</summary>
    public static IReadOnlyList<string> Posture { get; } =
    [
        InfraCountry, DataCountry, PoolDedicated, ManagementSeparated, EncryptionAtRest, WorldOpenPorts, AwsImdsV2Required,
        K8sPrivilegedContainers, AuditLogging, AuditLogRetentionDays, PatchMaxAgeDays, MlpsCertificate, SshPasswordAuth,
    ];
}
