namespace CloudGov.Agent.Providers;

/// <summary>
/// The posture fact keys every provider reports, read by the control plane's security baseline (README, "Security
/// baselines", fact table). Stable names: a provider reports the same key for the same fact; a key a provider cannot
/// observe is left out (an absent fact fails the rules that read it, except provider-specific ones on other providers).
/// The control plane's copy is <c>CloudGov.Baselines.Model.FactKeys</c>; the two lists are kept equal by a test.
/// </summary>
public static class PostureFactKeys
{
    /// <summary>ISO 3166 country of the zone's infrastructure; "CN" for China.</summary>
    public const string InfraCountry = "infra.location.country";

    /// <summary>ISO 3166 country where tenant data (primary and backups) is stored; "CN" for China.</summary>
    public const string DataCountry = "data.location.country";

    /// <summary>"true" when the resource pool is dedicated (专属资源池), "false" when shared.</summary>
    public const string PoolDedicated = "pool.dedicated";

    /// <summary>"true" when management traffic is separated from tenant traffic.</summary>
    public const string ManagementSeparated = "network.management_separated";

    /// <summary>"enabled" or "disabled": encryption at rest of every volume and object store.</summary>
    public const string EncryptionAtRest = "storage.encryption_at_rest";

    /// <summary>Comma-separated TCP ports open to 0.0.0.0/0 or ::/0; "none" for none.</summary>
    public const string WorldOpenPorts = "network.world_open_ports";

    /// <summary>AWS: "true" when every instance requires IMDSv2.</summary>
    public const string AwsImdsV2Required = "aws.imdsv2_required";

    /// <summary>Kubernetes: the number of running privileged containers.</summary>
    public const string K8sPrivilegedContainers = "k8s.privileged_containers";

    /// <summary>"enabled" or "disabled": the zone's audit logging.</summary>
    public const string AuditLogging = "audit.logging";

    /// <summary>Days audit records are kept.</summary>
    public const string AuditLogRetentionDays = "audit.log_retention_days";

    /// <summary>Age in days of the oldest missing security patch (0 when up to date).</summary>
    public const string PatchMaxAgeDays = "patch.max_age_days";

    /// <summary>"valid" while the MLPS assessment certificate is in force.</summary>
    public const string MlpsCertificate = "platform.mlps_certificate";

    /// <summary>"disabled" or "enabled": SSH password authentication.</summary>
    public const string SshPasswordAuth = "ssh.password_auth";

    /// <summary>Every key, in table order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        InfraCountry, DataCountry, PoolDedicated, ManagementSeparated, EncryptionAtRest, WorldOpenPorts, AwsImdsV2Required,
        K8sPrivilegedContainers, AuditLogging, AuditLogRetentionDays, PatchMaxAgeDays, MlpsCertificate, SshPasswordAuth,
    ];

    /// <summary>
    /// For the simulated provider's <c>Simulation:ViolateRules</c> knob: the fact (and the value) that makes a zone violate
    /// each built-in zone rule.
    /// </summary>
    public static IReadOnlyDictionary<string, (string Key, string Value)> Violations { get; } = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["infra-in-china"] = (InfraCountry, "SG"),
        ["data-in-china"] = (DataCountry, "US"),
        ["level4-dedicated-pool"] = (PoolDedicated, "false"),
        ["mgmt-traffic-separated"] = (ManagementSeparated, "false"),
        ["encryption-at-rest"] = (EncryptionAtRest, "disabled"),
        ["no-world-open-mgmt-ports"] = (WorldOpenPorts, "22,443"),
        ["aws-imdsv2-required"] = (AwsImdsV2Required, "false"),
        ["k8s-no-privileged-containers"] = (K8sPrivilegedContainers, "3"),
        ["audit-logging-enabled"] = (AuditLogging, "disabled"),
        ["audit-log-retention"] = (AuditLogRetentionDays, "30"),
        ["patch-age"] = (PatchMaxAgeDays, "120"),
        ["mlps-certificate-valid"] = (MlpsCertificate, "expired"),
        ["ssh-password-auth-disabled"] = (SshPasswordAuth, "enabled"),
    };
}
