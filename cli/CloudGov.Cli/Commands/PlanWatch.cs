using System.CommandLine;
using CloudGov.Cli.Output;
using CloudGov.Proto.Operations.V1;
using Spectre.Console;

namespace CloudGov.Cli.Commands;

/// <summary>
/// <c>cloudgov plans watch</c>: follows a plan until it ends and exits 0 when it Completed, 1 otherwise. The server pushes
/// the plan over the <c>WatchPlan</c> stream after each stored change (nothing is polled; a broken stream is reopened with
/// backoff, see <see cref="PlanEventStream"/>): a live table on a terminal, one line per move change otherwise (pipes,
/// logs), one <c>WatchPlanEvent</c> per event with <c>-o json</c> (a JSON line) or <c>-o yaml</c> (a YAML document).
/// </summary>
internal static class PlanWatch
{
    public static Command Create(CliApp app)
    {
        var id = new Argument<string>("plan-id") { Description = "The plan's id" };
        var command = CliApp.Verb("watch",
            "Follows a plan move by move until it ends (Completed, PartiallyFailed, Cancelled or Expired); exit code 0 only for Completed. The server pushes every change (WatchPlan stream); a broken stream is reopened with backoff. -o json|yaml prints one WatchPlanEvent per event.",
            "cloudgov plans approve plan-0123456789abcdef --reason 变更窗口 && cloudgov plans watch plan-0123456789abcdef",
            "cloudgov plans watch plan-0123456789abcdef -o json | jq -c '.plan.moves | map(.state)'");
        command.Arguments.Add(id);
        app.Handle(command, async (context, cancellationToken) =>
        {
            var planId = context.Get(id);
            var tz = context.Environment.TimeZone;
            var events = PlanEventStream.ReadAsync(context.Connection.Operations, context.Connection.Stream, planId, context.Environment.Error, cancellationToken);
            var last = context.Printer.Format == OutputFormat.Table && context.Environment.Interactive
                ? await LiveAsync(context.Environment.Console, events, tz)
                : await LinesAsync(context, events, tz);

            if (context.Printer.Format == OutputFormat.Table)
            {
                context.Environment.Console.WriteLine($"plan {last.PlanId} ended {Show.Name(last.State)}: {PlanView.Progress(last)}");
            }

            return last.State == PlanState.Completed ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static async Task<Plan> LinesAsync(CommandContext context, IAsyncEnumerable<WatchPlanEvent> events, TimeZoneInfo tz)
    {
        var console = context.Environment.Console;
        Plan? previous = null;
        await foreach (var update in events)
        {
            var plan = update.Plan;
            if (context.Printer.Format != OutputFormat.Table)
            {
                context.Printer.PrintUpdate(update);
            }
            else
            {
                // A new state is printed before the moves it starts, and after the moves that ended the plan (one event
                // can carry both), so the lines read in the order things happened.
                bool stateChanged = previous is null || previous.State != plan.State;
                bool ends = PlanView.IsFinal(plan.State);
                if (stateChanged && !ends)
                {
                    WriteState(plan);
                }

                foreach (var move in plan.Moves)
                {
                    var before = previous?.Moves.FirstOrDefault(m => m.Index == move.Index);
                    if (before is null ? move.State != MoveState.Pending : before.State != move.State || before.Message != move.Message)
                    {
                        console.WriteLine($"{Now(tz)} move {move.Index} {move.WorkloadId} {move.FromZoneId} → {move.ToZoneId}: {Show.Name(move.State)}{(move.Message.Length > 0 ? " — " + move.Message : "")}");
                    }
                }

                if (stateChanged && ends)
                {
                    WriteState(plan);
                }
            }

            previous = plan;
        }

        return previous ?? throw new InvalidOperationException("the watch stream ended without an event");

        void WriteState(Plan plan) => console.WriteLine($"{Now(tz)} plan {plan.PlanId} {Show.Name(plan.State)}: {PlanView.Progress(plan)}");
    }

    private static async Task<Plan> LiveAsync(IAnsiConsole console, IAsyncEnumerable<WatchPlanEvent> events, TimeZoneInfo tz)
    {
        await using var reader = events.GetAsyncEnumerator();
        if (!await reader.MoveNextAsync())
        {
            throw new InvalidOperationException("the watch stream ended without an event");
        }

        var plan = reader.Current.Plan;
        await console.Live(new Rows(PlanView.Header(plan, tz), PlanView.LiveMoves(plan))).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).Cropping(VerticalOverflowCropping.Bottom).StartAsync(async live =>
        {
            while (await reader.MoveNextAsync())
            {
                plan = reader.Current.Plan;
                live.UpdateTarget(new Rows(PlanView.Header(plan, tz), PlanView.LiveMoves(plan)));
            }
        });
        return plan;
    }

    private static string Now(TimeZoneInfo tz) => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, tz).ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
