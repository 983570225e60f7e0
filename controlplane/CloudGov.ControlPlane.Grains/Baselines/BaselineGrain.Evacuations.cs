using CloudGov.ControlPlane.Abstractions.Baselines;

namespace CloudGov.ControlPlane.Grains.Baselines;

/// <summary>
/// The evacuate action: a zone violating an enforced, unwaived rule whose action is to evacuate it gets a rebalance plan
/// through the normal plan lifecycle (the scheduler sees the zone draining, so its movable workloads are required moves;
/// the auto-approval policy applies as to any plan). One plan per open finding; the full audit proposes again when that
/// plan ended and the zone still violates the rule.
/// </summary>
internal sealed partial class BaselineGrain
{
    /// <summary>Proposes the evacuation plans due for <paramref name="zoneIds"/>; a plan that could not be proposed is logged and tried again by the next full audit.</summary>
    private async Task ProposeEvacuationsAsync(IEnumerable<string> zoneIds, bool retryEnded)
    {
        var now = clock.UtcNow;
        var evacuations = State.Evacuations.RemoveRange(State.Evacuations.Keys.Where(id => !(State.Findings.TryGetValue(id, out var f) && f.Open)));
        List<PlanRecord>? live = null;
        if (_options.ProposeEvacuations)
        {
            foreach (string zoneId in zoneIds)
            {
                if (EvacuationRule(zoneId, now) is not { } ruleId)
                {
                    continue;
                }

                string findingId = FindingIds.Of(ruleId, zoneId, "");
                if (evacuations.TryGetValue(findingId, out var planId) && !(retryEnded && await EndedAsync(planId)))
                {
                    continue;
                }

                // A live plan that already evacuates the zone (proposed for another zone in this pass, or by a scheduled
                // round) is the zone's plan: proposing again would only supersede it.
                live ??= await LivePlansAsync();
                if (live.FirstOrDefault(p => Evacuates(p, zoneId)) is { } covering)
                {
                    evacuations = evacuations.SetItem(findingId, covering.PlanId);
                    continue;
                }

                var round = await ProposeAsync(findingId, zoneId, ruleId);
                if (round?.Plan is { } plan && round.Stored)
                {
                    evacuations = evacuations.SetItem(findingId, plan.PlanId);
                    BaselineGrainLog.EvacuationProposed(logger, plan.PlanId, plan.Moves.Count(m => m.FromZoneId == zoneId), ruleId);
                    live = null;
                }
            }
        }

        if (evacuations != State.Evacuations)
        {
            await WriteAsync(State with { Evacuations = evacuations });
        }
    }

    /// <summary>The violated, enforced rule with the evacuate action not waived for the zone at <paramref name="now"/> (first by id), or null.</summary>
    private string? EvacuationRule(string zoneId, DateTimeOffset now) =>
        State.Zones.TryGetValue(zoneId, out var verdict)
            ? verdict.Violations
                .Where(v => v.Enforced && v.Action == BaselineViolation.EvacuateAction
                    && !State.Waivers.Values.Any(w => w.RuleId == v.RuleId && w.ZoneId == zoneId && w.InForce(now)))
                .Select(v => v.RuleId)
                .Order(StringComparer.Ordinal)
                .FirstOrDefault()
            : null;

    private async Task<RebalanceRoundResult?> ProposeAsync(string findingId, string zoneId, string ruleId)
    {
        try
        {
            var round = await GrainFactory.GetGrain<IRebalancerGrain>(0).ProposeEvacuationAsync(zoneId, ruleId);
            if (!round.Stored)
            {
                BaselineGrainLog.EvacuationFailed(logger, findingId, round.SkippedReason.Length > 0 ? round.SkippedReason : "the round planned no move");
            }

            return round;
        }
        catch (Exception ex)
        {
            BaselineGrainLog.EvacuationFailed(logger, findingId, WireText.Excerpt(ex.Message, 256));
            return null;
        }
    }

    /// <summary>True when <paramref name="plan"/> moves workloads out of <paramref name="zoneId"/> for its evacuation.</summary>
    private static bool Evacuates(PlanRecord plan, string zoneId) =>
        plan.Moves.Any(m => m.FromZoneId == zoneId && m.Reason.Code == CloudGov.Scheduling.Filters.ReasonCodes.BaselineEvacuation);

    /// <summary>The rebalancer's plans not yet ended; none when it cannot be asked (the evacuation is then proposed, which supersedes at worst).</summary>
    private async Task<List<PlanRecord>> LivePlansAsync()
    {
        try
        {
            return [.. (await GrainFactory.GetGrain<IRebalancerGrain>(0).ListAsync()).Where(p => !p.IsTerminal)];
        }
        catch (Exception ex)
        {
            BaselineGrainLog.EvacuationFailed(logger, "(plans list)", WireText.Excerpt(ex.Message, 256));
            return [];
        }
    }

    private async Task<bool> EndedAsync(string planId)
    {
        try
        {
            return await GrainFactory.GetGrain<IRebalancePlanGrain>(planId).GetAsync() is not { } plan || plan.IsTerminal;
        }
        catch (Exception)
        {
            return false;
        }
    }
}
