using CloudGov.Baselines.Rules;

namespace CloudGov.Baselines.Evaluation;

/// <summary>The built-in pack: every rule CloudGov ships, in catalogue order.</summary>
public static class BuiltInPack
{
    /// <summary>A fresh instance of every built-in rule.</summary>
    public static IReadOnlyList<IBaselineRule> Rules() =>
    [
        new MlpsZoneLevelRule(),
        new InfraInChinaRule(),
        new DataInChinaRule(),
        new TenantProvinceResidencyRule(),
        new DedicatedPoolRule(),
        new AccessPolicyFollowsMigrationRule(),
        new ManagementSeparatedRule(),
        new EncryptionAtRestRule(),
        new NoWorldOpenManagementPortsRule(),
        new AwsImdsV2Rule(),
        new K8sNoPrivilegedContainersRule(),
        new AuditLoggingRule(),
        new AuditRetentionRule(),
        new PatchAgeRule(),
        new AgentIdentityRule(),
        new RogueWorkloadRule(),
        new MlpsCertificateRule(),
        new StrongAdminAuthRule(),
    ];
}
