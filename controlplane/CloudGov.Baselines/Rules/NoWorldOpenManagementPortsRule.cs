using CloudGov.Baselines.Model;

namespace CloudGov.Baselines.Rules;

/// <summary>No management port (22/3389) open to 0.0.0.0/0 (CIS AWS Foundations Benchmark v3.0.0, 5.2-5.3).</summary>
public sealed class NoWorldOpenManagementPortsRule : ZoneRule
{
    /// <summary>The rule's id.</summary>
    public const string RuleId = "no-world-open-mgmt-ports";

    private static readonly string[] ManagementPorts = ["22", "3389"];

    /// <inheritdoc />
    public override RuleDescriptor Descriptor { get; } = new(
        RuleId,
        "No management port (22/3389) is open to 0.0.0.0/0",
        RuleSource.Cis,
        "CIS Amazon Web Services Foundations Benchmark v3.0.0, 5.2-5.3 (also CIS Microsoft Azure Foundations v2.1.0, 6.1-6.2)",
        RuleSubject.Zone,
        LevelSet.All,
        Severity.Critical,
        RuleMode.Enforce,
        RuleAction.Quarantine,
        "关闭面向 0.0.0.0/0 的 22/3389 端口，改经堡垒机访问；整改前该云区被隔离。",
        "Close 22/3389 to 0.0.0.0/0 and reach hosts through the bastion; the zone stays quarantined until then.",
        [FactKeys.WorldOpenPorts]);

    /// <inheritdoc />
    protected override RuleVerdict Check(ZoneFacts zone)
    {
        var observed = zone.Get(FactKeys.WorldOpenPorts);
        var evidence = new Evidence(FactKeys.WorldOpenPorts, observed ?? Evidence.Absent, "neither 22 nor 3389");
        if (observed is null)
        {
            return RuleVerdict.Violation("open ports to 0.0.0.0/0 not reported", "未报告面向 0.0.0.0/0 开放的端口", evidence);
        }

        var open = observed.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var bad = ManagementPorts.Where(p => open.Contains(p, StringComparer.Ordinal)).ToList();
        return bad.Count == 0
            ? RuleVerdict.Pass(evidence)
            : RuleVerdict.Violation($"management port {string.Join("/", bad)} is open to 0.0.0.0/0", $"管理端口 {string.Join("/", bad)} 向 0.0.0.0/0 开放", evidence);
    }
}
