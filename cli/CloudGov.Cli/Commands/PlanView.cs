using System.Globalization;
using CloudGov.Cli.Output;
using CloudGov.Proto.Operations.V1;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CloudGov.Cli.Commands;

/// <summary>How a rebalance plan is drawn: its header, its moves with their progress, the zones before and after, its decisions.</summary>
internal static class PlanView
{
    /// <summary>True for a state the plan never leaves.</summary>
    public static bool IsFinal(PlanState state) =>
        state is PlanState.Completed or PlanState.PartiallyFailed or PlanState.Cancelled or PlanState.Expired;

    /// <summary>The whole plan.</summary>
    public static void Render(IAnsiConsole console, Plan plan, TimeZoneInfo tz)
    {
        console.Write(Header(plan, tz));
        console.Write(Moves(plan, tz));
        if (plan.Zones.Count > 0)
        {
            var zones = Show.Table("ZONE", "TARGET", "BEFORE (cpu/mem/storage)", "AFTER (cpu/mem/storage)");
            foreach (var zone in plan.Zones)
            {
                Show.Row(zones, zone.ZoneId, Show.Percent(zone.Target), Ratios(zone.Before), Ratios(zone.After));
            }

            console.Write(zones);
        }

        foreach (var note in plan.Notes)
        {
            console.WriteLine($"note: {note.Code}: {note.English} ({note.Chinese})");
        }

        foreach (var verdict in plan.PolicyVerdict)
        {
            console.WriteLine($"auto-approval: {verdict.Code}: {verdict.English}");
        }

        if (plan.History.Count > 0)
        {
            var history = Show.Table("AT", "FROM", "TO", "BY", "REASON");
            foreach (var decision in plan.History)
            {
                Show.Row(history, Show.Time(decision.At, tz), decision.From == PlanState.Unspecified ? "-" : Show.Name(decision.From), Show.Name(decision.To), decision.By, decision.Reason);
            }

            console.Write(history);
        }
    }

    /// <summary>The plan's id, state, trigger and balance.</summary>
    public static IRenderable Header(Plan plan, TimeZoneInfo tz) => Show.Fields(
        ("plan", plan.PlanId.Length > 0 ? plan.PlanId : "(not stored)"),
        ("state", Show.Name(plan.State) + (plan.StopRequestedBy.Length > 0 ? $" (stop asked by {plan.StopRequestedBy})" : "")),
        ("trigger", Show.Name(plan.Trigger)), ("strategy", plan.Strategy),
        ("proposed", Show.Time(plan.ProposedAt, tz)), ("expires", Show.Time(plan.ExpiresAt, tz)),
        ("moves", Progress(plan)),
        ("balance index", $"{Show.Number(plan.BalanceIndexBefore)} → {Show.Number(plan.BalanceIndexAfter)}"),
        ("auto-approved", plan.AutoApproved ? "yes" : "no"));

    /// <summary>The moves table.</summary>
    public static Table Moves(Plan plan, TimeZoneInfo tz)
    {
        var table = Show.Table("#", "WORKLOAD", "TENANT", "FROM", "TO", "STATE", "REASON", "STARTED", "FINISHED", "MESSAGE");
        foreach (var move in plan.Moves)
        {
            Show.Row(table, move.Index.ToString(CultureInfo.InvariantCulture), move.WorkloadId, move.TenantId, move.FromZoneId, move.ToZoneId, Show.Name(move.State),
                move.Reason?.Code ?? "", Show.Time(move.StartedAt, tz), Show.Time(move.FinishedAt, tz), move.Message);
        }

        return table;
    }

    /// <summary>The moves as a live view shows them: narrow (a terminal's width), moves still under way first.</summary>
    public static Table LiveMoves(Plan plan)
    {
        var table = Show.Table("#", "WORKLOAD", "FROM → TO", "STATE", "MESSAGE");
        foreach (var move in plan.Moves.OrderBy(m => m.State is MoveState.Completed or MoveState.RolledBack or MoveState.Skipped ? 1 : 0).ThenBy(m => m.Index))
        {
            Show.Row(table, move.Index.ToString(CultureInfo.InvariantCulture), move.WorkloadId, $"{move.FromZoneId} → {move.ToZoneId}", Show.Name(move.State), move.Message);
        }

        return table;
    }

    /// <summary>"12 moves: 7 completed, 2 placing, 3 pending".</summary>
    public static string Progress(Plan plan) =>
        plan.Moves.Count == 0
            ? "none"
            : $"{plan.Moves.Count}: " + string.Join(", ", plan.Moves.GroupBy(m => m.State).OrderBy(g => (int)g.Key).Select(g => $"{g.Count()} {Show.Name(g.Key)}"));

    private static string Ratios(Utilization? u) =>
        u is null ? "-" : $"{Show.Percent(u.Cpu)} / {Show.Percent(u.Memory)} / {Show.Percent(u.Storage)}";
}
