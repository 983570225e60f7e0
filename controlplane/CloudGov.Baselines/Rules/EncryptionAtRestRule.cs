using CloudGov.Baselines.Model;

namespace CloudGov.Baselines.Rules;

/// <summary>Data is encrypted at rest (GB/T 22239-2019 8.1.4.8 (数据保密性 b)).</summary>
public sealed class EncryptionAtRestRule : ZoneRule
{
    /// <summary>The rule's id.</summary>
    public const string RuleId = "encryption-at-rest";

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        RuleId,
        "Data is encrypted at rest",
        RuleSource.Mlps,
        "GB/T 22239-2019 8.1.4.8 (数据保密性 b)",
        RuleSubject.Zone,
        LevelSet.From(3),
        Severity.High,
        RuleMode.Enforce,
        RuleAction.None,
        "对所有云硬盘和对象存储启用静态加密（推荐国密算法 SM4）。",
        "Enable encryption at rest on every volume and object store (SM4 recommended).",
        [FactKeys.EncryptionAtRest]);

    /// <inheritdoc />
    protected override RuleVerdict Check(ZoneFacts zone) =>
        FactCheck.Equal(zone, FactKeys.EncryptionAtRest, "enabled", "storage is not encrypted at rest", "存储未启用静态加密");
}
