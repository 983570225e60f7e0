namespace CloudGov.ControlPlane.Grains.Plans;

/// <summary>
/// Decides whether a proposed plan may be approved without an operator. Pure: the plan, the zones' descriptors and
/// the options in, a verdict with every reason out. A plan is approved only when every rule holds.
/// </summary>
public static class AutoApprovalPolicy
{
    /// <summary>Reason codes of the verdict.</summary>
    public static class Codes
    {
        /// <summary>The policy is turned off.</summary>
        public const string Disabled = "AUTO_APPROVAL_DISABLED";

        /// <summary>The plan has no moves.</summary>
        public const string Empty = "PLAN_EMPTY";

        /// <summary>More moves than allowed.</summary>
        public const string TooManyMoves = "TOO_MANY_MOVES";

        /// <summary>A move leaves its city.</summary>
        public const string CrossCity = "CROSS_CITY_MOVE";

        /// <summary>A move changes the MLPS level of the zone.</summary>
        public const string MlpsLevelChange = "MLPS_LEVEL_CHANGE";

        /// <summary>A move changes the network plane.</summary>
        public const string NetworkPlaneChange = "NETWORK_PLANE_CHANGE";

        /// <summary>A move names a zone the control plane does not know.</summary>
        public const string UnknownZone = "UNKNOWN_ZONE";

        /// <summary>Every rule holds.</summary>
        public const string WithinPolicy = "WITHIN_POLICY";
    }

    /// <summary>Evaluates <paramref name="plan"/> against the policy; <paramref name="zones"/> maps zone id to descriptor.</summary>
    public static AutoApprovalVerdict Evaluate(PlanRecord plan, IReadOnlyDictionary<string, ZoneDescriptor> zones, AutoApprovalOptions options)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(zones);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return Refused(new PlanReason(Codes.Disabled, "Auto-approval is turned off (Plans:AutoApproval:Enabled).", "未启用自动审批（Plans:AutoApproval:Enabled）。"));
        }

        if (plan.Moves.IsEmpty)
        {
            return Refused(new PlanReason(Codes.Empty, "The plan has no moves.", "计划不含任何迁移。"));
        }

        var reasons = ImmutableArray.CreateBuilder<PlanReason>();
        if (plan.Moves.Length > options.MaxMoves)
        {
            reasons.Add(new PlanReason(
                Codes.TooManyMoves,
                $"The plan has {plan.Moves.Length} moves; at most {options.MaxMoves} are approved automatically.",
                $"计划含 {plan.Moves.Length} 项迁移，超过自动审批上限 {options.MaxMoves} 项。"));
        }

        foreach (var move in plan.Moves)
        {
            if (!zones.TryGetValue(move.FromZoneId, out var from) || !zones.TryGetValue(move.ToZoneId, out var to))
            {
                reasons.Add(new PlanReason(
                    Codes.UnknownZone,
                    $"Move {move.Index} ({move.WorkloadId}) names a zone that is not known: {move.FromZoneId} → {move.ToZoneId}.",
                    $"迁移 {move.Index}（{move.WorkloadId}）涉及未知云区：{move.FromZoneId} → {move.ToZoneId}。"));
                continue;
            }

            if (options.SameCityOnly && !SameCity(from.RegionCode, to.RegionCode))
            {
                reasons.Add(new PlanReason(
                    Codes.CrossCity,
                    $"Move {move.Index} ({move.WorkloadId}) leaves its city: {move.FromZoneId} ({from.RegionCode}) → {move.ToZoneId} ({to.RegionCode}).",
                    $"迁移 {move.Index}（{move.WorkloadId}）跨地市：{move.FromZoneId}（{from.RegionCode}）→ {move.ToZoneId}（{to.RegionCode}）。"));
            }

            if (!options.AllowMlpsLevelChange && from.MlpsLevel != to.MlpsLevel)
            {
                reasons.Add(new PlanReason(
                    Codes.MlpsLevelChange,
                    $"Move {move.Index} ({move.WorkloadId}) changes the zone's MLPS level: {from.MlpsLevel} → {to.MlpsLevel}.",
                    $"迁移 {move.Index}（{move.WorkloadId}）改变云区等保级别：{from.MlpsLevel} → {to.MlpsLevel}。"));
            }

            if (!options.AllowNetworkPlaneChange && from.NetworkPlane != to.NetworkPlane)
            {
                reasons.Add(new PlanReason(
                    Codes.NetworkPlaneChange,
                    $"Move {move.Index} ({move.WorkloadId}) changes the network plane: {from.NetworkPlane} → {to.NetworkPlane}.",
                    $"迁移 {move.Index}（{move.WorkloadId}）改变网络平面：{from.NetworkPlane} → {to.NetworkPlane}。"));
            }
        }

        if (reasons.Count > 0)
        {
            return new AutoApprovalVerdict(false, reasons.ToImmutable());
        }

        return new AutoApprovalVerdict(true, [new PlanReason(
            Codes.WithinPolicy,
            $"{plan.Moves.Length} move(s), all within the auto-approval policy.",
            $"{plan.Moves.Length} 项迁移均符合自动审批策略。")]);
    }

    /// <summary>True when both 6-digit region codes share the 4-digit city prefix.</summary>
    public static bool SameCity(string a, string b) =>
        a.Length >= 4 && b.Length >= 4 && a.AsSpan(0, 4).SequenceEqual(b.AsSpan(0, 4));

    private static AutoApprovalVerdict Refused(PlanReason reason) => new(false, [reason]);
}
