using System.Globalization;
using CloudGov.Scheduling.Filters;
using CloudGov.Scheduling.Model;

namespace CloudGov.Scheduling.Rebalancing.CloudGovStrategy;

/// <summary>Every move reason and plan note of the strategy, in English and Chinese (zh-CN), in one place.</summary>
internal static class ReasonTexts
{
    public static Reason CloudFrozen(FreezeWindow window) => new(
        ReasonCodes.FreezeWindowActive,
        $"cloud-wide freeze window '{window.Reason}' is active until {window.End:u}; no moves planned",
        $"全云冻结窗口“{window.Reason}”生效至 {window.End:u}，本次不安排迁移");

    public static Reason ZoneFrozen(FreezeWindow window) => new(
        ReasonCodes.FreezeWindowActive,
        $"zone {window.ZoneId} is frozen ('{window.Reason}') until {window.End:u}; it neither sends nor receives workloads",
        $"云区 {window.ZoneId} 处于冻结窗口“{window.Reason}”至 {window.End:u}，不迁出也不迁入");

    public static Reason BudgetExhausted() => new(
        ReasonCodes.BudgetExhausted,
        "a migration budget (per plan or per source zone) stopped further moves; the next round continues",
        "迁移预算（单次计划或单个源云区）已用尽，剩余调整留待下一轮");

    public static Reason MustLeaveNoDestination(bool draining, string workloadId, string zoneId) => new(
        draining ? ReasonCodes.ZoneDraining : ReasonCodes.PlacementViolation,
        $"workload {workloadId} must leave zone {zoneId} but no zone can take it",
        $"业务系统 {workloadId} 需迁出云区 {zoneId}，但没有云区可以接收");

    public static Reason DrainingPinned(string zoneId, int pinned) => new(
        ReasonCodes.ZoneDraining,
        string.Create(CultureInfo.InvariantCulture, $"zone {zoneId} is draining but {pinned} pinned workload(s) stay in it; unpin or move them by hand to empty the zone"),
        string.Create(CultureInfo.InvariantCulture, $"云区 {zoneId} 正在腾空，但仍有 {pinned} 个固定（不可迁移）的业务系统留在其中；需解除固定或人工迁移后方可腾空"));

    public static Reason Draining(string zoneId, string toZoneId) => new(
        ReasonCodes.ZoneDraining,
        $"zone {zoneId} is draining; moving to {toZoneId}",
        $"云区 {zoneId} 正在腾空，迁往 {toZoneId}");

    public static Reason Evacuating(string zoneId, string ruleId, string toZoneId) => new(
        ReasonCodes.BaselineEvacuation,
        $"zone {zoneId} violates security baseline rule {ruleId}, whose action is to evacuate it; moving to {toZoneId}",
        $"云区 {zoneId} 违反安全基线规则 {ruleId}（处置动作：整体迁出），迁往 {toZoneId}");

    public static Reason EvacuationPinned(string zoneId, string ruleId, int pinned) => new(
        ReasonCodes.BaselineEvacuation,
        string.Create(CultureInfo.InvariantCulture, $"zone {zoneId} is evacuated for security baseline rule {ruleId} but {pinned} pinned workload(s) stay in it; unpin or move them by hand to empty the zone"),
        string.Create(CultureInfo.InvariantCulture, $"云区 {zoneId} 因安全基线规则 {ruleId} 整体迁出，但仍有 {pinned} 个固定（不可迁移）的业务系统留在其中；需解除固定或人工迁移后方可腾空"));

    public static Reason Violation(Rejection violation, string toZoneId) => new(
        ReasonCodes.PlacementViolation,
        $"current zone breaks a hard constraint ({violation.English}); moving to {toZoneId}",
        $"当前云区违反硬约束（{violation.Chinese}），迁往 {toZoneId}");

    public static Reason Cooling(string zoneId, double before, double target, string toZoneId) => new(
        ReasonCodes.ZoneOverTarget,
        string.Create(CultureInfo.InvariantCulture, $"zone {zoneId} is over its target utilization ({before:P1} > {target:P0}); moving to {toZoneId}"),
        string.Create(CultureInfo.InvariantCulture, $"云区 {zoneId} 利用率 {before:P1} 超过目标 {target:P0}，迁往 {toZoneId}"));

    public static Reason MakeRoom(string zoneId, string toZoneId, string forWorkloadId, string hotZoneId) => new(
        ReasonCodes.MakeRoom,
        $"makes room in zone {zoneId} for workload {forWorkloadId} from over-target zone {hotZoneId}; moving to {toZoneId}",
        $"为超过目标利用率的云区 {hotZoneId} 中的业务系统 {forWorkloadId} 在云区 {zoneId} 腾出空间，迁往 {toZoneId}");

    public static Reason StillHot(string zoneId, double utilization, double target, bool partialKept) => new(
        ReasonCodes.ZoneStillHot,
        partialKept
            ? string.Create(CultureInfo.InvariantCulture, $"zone {zoneId} stays over its target ({utilization:P1} > {target:P0}): no further feasible move within budgets, cooldowns and filters; the moves that lower it part-way are kept because KeepPartialCooling is on")
            : string.Create(CultureInfo.InvariantCulture, $"zone {zoneId} stays over its target ({utilization:P1} > {target:P0}): no set of feasible moves within budgets, cooldowns and filters brings it under, so none is planned for it"),
        partialKept
            ? string.Create(CultureInfo.InvariantCulture, $"云区 {zoneId} 仍高于目标利用率（{utilization:P1} > {target:P0}）：在预算、冷却期与约束内已无可行迁移；因启用 KeepPartialCooling，保留了部分降低利用率的迁移")
            : string.Create(CultureInfo.InvariantCulture, $"云区 {zoneId} 仍高于目标利用率（{utilization:P1} > {target:P0}）：在预算、冷却期与约束内没有能使其降至目标以下的迁移组合，因此不为其安排迁移"));

    public static Reason Balance(string zoneId, double utilization, double tolerance, double mean, string toZoneId) => new(
        ReasonCodes.ImbalanceReduction,
        string.Create(CultureInfo.InvariantCulture, $"zone {zoneId} at {utilization:P1} is more than {tolerance:P0} above the mean {mean:P1} of the zones this workload may use; moving to {toZoneId} lowers imbalance"),
        string.Create(CultureInfo.InvariantCulture, $"云区 {zoneId} 利用率 {utilization:P1} 高出该业务系统可用云区均值 {mean:P1} 超过 {tolerance:P0}，迁往 {toZoneId} 以降低不均衡"));
}
