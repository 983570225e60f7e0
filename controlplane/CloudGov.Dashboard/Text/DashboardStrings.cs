using CloudGov.Proto.Baseline.V1;
using CloudGov.Proto.Common.V1;
using CloudGov.Proto.Operations.V1;
using CloudGov.Proto.Tenant.V1;

namespace CloudGov.Dashboard.Text;

/// <summary>
/// The dashboard's typed string table: one required property per text, so a language that misses one does not compile.
/// <see cref="Zh"/> is the default; <see cref="En"/> the switch's other language. Enum names come from <see cref="Enums"/>.
/// </summary>
public sealed partial record DashboardStrings
{
    private static readonly IReadOnlyDictionary<string, string> ZhEnums = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Unknown"] = "未知", ["Ready"] = "就绪", ["Degraded"] = "降级", ["Unreachable"] = "失联", ["Draining"] = "腾空中", ["Quarantined"] = "隔离",
        ["Province"] = "自治区级", ["City"] = "市级", ["County"] = "县级", ["Unspecified"] = "未指定",
        ["Proposed"] = "待批准", ["Approved"] = "已批准", ["Executing"] = "执行中", ["Completed"] = "已完成", ["PartiallyFailed"] = "部分失败",
        ["Cancelled"] = "已取消", ["Expired"] = "已过期",
        ["Pending"] = "待执行", ["RolledBack"] = "已回滚", ["Skipped"] = "已跳过", ["Placing"] = "部署中", ["Removing"] = "移除中", ["RollingBack"] = "回滚中",
        ["PartiallyApproved"] = "部分批准", ["Rejected"] = "已驳回",
        ["PENDING"] = "待定", ["IN_SYNC"] = "一致", ["MISSING"] = "缺失", ["UNMANAGED"] = "未纳管", ["DRIFTED"] = "漂移", ["VIOLATING"] = "违规",
        ["InSync"] = "一致", ["Missing"] = "缺失", ["Unmanaged"] = "未纳管", ["Drifted"] = "漂移", ["Violating"] = "违规",
        ["QuotaPending"] = "待审批",
        ["Severity.Low"] = "低", ["Severity.Medium"] = "中", ["Severity.High"] = "高", ["Severity.Critical"] = "严重",
        ["Finding.Open"] = "未关闭", ["Finding.Resolved"] = "已解决",
        ["Waiver.Pending"] = "待审批", ["Waiver.Approved"] = "已批准", ["Waiver.Revoked"] = "已撤销", ["Waiver.Expired"] = "已过期",
    };

    private static readonly IReadOnlyDictionary<string, string> EnEnums = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["PartiallyFailed"] = "Partially failed", ["RolledBack"] = "Rolled back", ["RollingBack"] = "Rolling back", ["PartiallyApproved"] = "Partially approved",
        ["IN_SYNC"] = "In sync", ["PENDING"] = "Pending", ["MISSING"] = "Missing", ["UNMANAGED"] = "Unmanaged", ["DRIFTED"] = "Drifted", ["VIOLATING"] = "Violating",
        ["InSync"] = "In sync", ["QuotaPending"] = "Pending",
        ["Severity.Low"] = "low", ["Severity.Medium"] = "medium", ["Severity.High"] = "high", ["Severity.Critical"] = "critical",
        ["Finding.Open"] = "Open", ["Finding.Resolved"] = "Resolved",
        ["Waiver.Pending"] = "Pending", ["Waiver.Approved"] = "Approved", ["Waiver.Revoked"] = "Revoked", ["Waiver.Expired"] = "Expired",
    };

    /// <summary>Display names of enum values by their C# (or wire) name; a name without an entry is shown as it is.</summary>
    public required IReadOnlyDictionary<string, string> Enums { get; init; }

    /// <summary>The role's display name.</summary>
    public string RoleName(string role) => role switch
    {
        "operator" => RoleOperator,
        "auditor" => RoleAuditor,
        "tenant" => RoleTenant,
        _ => role,
    };

    /// <summary>A zone status.</summary>
    public string StatusName(ZoneStatus status) => Name(status.ToString());

    /// <summary>An administrative level.</summary>
    public string LevelName(AdministrativeLevel level) => Name(level.ToString());

    /// <summary>A plan state.</summary>
    public string PlanStateName(PlanState state) => Name(state.ToString());

    /// <summary>A move state.</summary>
    public string MoveStateName(MoveState state) => Name(state.ToString());

    /// <summary>A quota request state.</summary>
    public string QuotaStateName(QuotaRequestState state) => Name(state == QuotaRequestState.Pending ? "QuotaPending" : state.ToString());

    /// <summary>A baseline severity.</summary>
    public string SeverityName(Severity severity) => Name("Severity." + severity);

    /// <summary>A finding state.</summary>
    public string FindingStateName(FindingState state) => Name("Finding." + state);

    /// <summary>A waiver state.</summary>
    public string WaiverStateName(WaiverState state) => Name("Waiver." + state);

    /// <summary>A ledger state (by its C# or wire name).</summary>
    public string LedgerStateName(string state) => Name(state);

    /// <summary>How long ago, briefly.</summary>
    public string Ago(TimeSpan age)
    {
        bool zh = ReferenceEquals(Enums, ZhEnums);
        string figure = age.TotalSeconds < 90 ? $"{age.TotalSeconds:F0}{(zh ? " 秒" : " s")}"
            : age.TotalMinutes < 90 ? $"{age.TotalMinutes:F0}{(zh ? " 分钟" : " min")}"
            : $"{age.TotalHours:F0}{(zh ? " 小时" : " h")}";
        return zh ? figure + "前" : figure + " ago";
    }

    private string Name(string value) => Enums.TryGetValue(value, out var name) ? name : value;
}
