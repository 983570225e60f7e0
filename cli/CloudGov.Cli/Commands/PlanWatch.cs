using System.CommandLine;
using CloudGov.Cli.Output;
using CloudGov.Proto.Operations.V1;
using Spectre.Console;

namespace CloudGov.Cli.Commands;

/// <summary>
/// <c>cloudgov plans watch</c>: follows a plan until it ends and exits 0 when it Completed, 1 otherwise. The operations
/// API has no streaming or watch RPC for plans, so it reads the plan with GetPlan every <c>--interval</c> (default 1 s)
/// and shows what changed: a live table on a terminal, one line per move change otherwise (pipes, logs), a JSON line or
/// YAML document per change with <c>-o json|yaml</c>.
/// </summary>
internal static class PlanWatch
{
    public static Command Create(CliApp app)
    {
        var id = new Argument<string>("plan-id") { Description = "The plan's id" };
        var interval = new Option<string>("--interval") { Description = "How often to read the plan: 1s, 500ms, …", DefaultValueFactory = _ => "1s" };
        var command = CliApp.Verb("watch",
            "Follows a plan move by move until it ends (Completed, PartiallyFailed, Cancelled or Expired); exit code 0 only for Completed. The API has no watch RPC: it reads GetPlan every --interval.",
            "cloudgov plans approve plan-0123456789abcdef --reason 变更窗口 && cloudgov plans watch plan-0123456789abcdef");
        command.Arguments.Add(id);
        command.Options.Add(interval);
        app.Handle(command, async (context, cancellationToken) =>
        {
            var period = CliApp.Duration(context.Get(interval) ?? "1s", "--interval");
            var planId = context.Get(id);
            var tz = context.Environment.TimeZone;
            async Task<Plan> ReadAsync() =>
                (await context.Connection.Operations.GetPlanAsync(new GetPlanRequest { PlanId = planId }, context.Connection.Call(cancellationToken))).Plan;

            var plan = await ReadAsync();
            Plan last;
            if (context.Printer.Format == OutputFormat.Table && context.Environment.Interactive)
            {
                last = await LiveAsync(context.Environment.Console, plan, ReadAsync, period, tz, cancellationToken);
            }
            else
            {
                last = await LinesAsync(context, plan, ReadAsync, period, tz, cancellationToken);
            }

            if (context.Printer.Format == OutputFormat.Table)
            {
                context.Environment.Console.WriteLine($"plan {last.PlanId} ended {Show.Name(last.State)}: {PlanView.Progress(last)}");
            }

            return last.State == PlanState.Completed ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static async Task<Plan> LinesAsync(CommandContext context, Plan plan, Func<Task<Plan>> read, TimeSpan period, TimeZoneInfo tz, CancellationToken cancellationToken)
    {
        var console = context.Environment.Console;
        Plan? previous = null;
        using var timer = new PeriodicTimer(period);
        while (true)
        {
            if (context.Printer.Format != OutputFormat.Table)
            {
                if (previous is null || !previous.Equals(plan))
                {
                    context.Printer.PrintUpdate(plan);
                }
            }
            else
            {
                if (previous is null || previous.State != plan.State)
                {
                    console.WriteLine($"{Now(tz)} plan {plan.PlanId} {Show.Name(plan.State)}: {PlanView.Progress(plan)}");
                }

                foreach (var move in plan.Moves)
                {
                    var before = previous?.Moves.FirstOrDefault(m => m.Index == move.Index);
                    if (before is null ? move.State != MoveState.Pending : before.State != move.State || before.Message != move.Message)
                    {
                        console.WriteLine($"{Now(tz)} move {move.Index} {move.WorkloadId} {move.FromZoneId} → {move.ToZoneId}: {Show.Name(move.State)}{(move.Message.Length > 0 ? " — " + move.Message : "")}");
                    }
                }
            }

            if (PlanView.IsFinal(plan.State))
            {
                return plan;
            }

            previous = plan;
            await timer.WaitForNextTickAsync(cancellationToken);
            plan = await read();
        }
    }

    private static async Task<Plan> LiveAsync(IAnsiConsole console, Plan plan, Func<Task<Plan>> read, TimeSpan period, TimeZoneInfo tz, CancellationToken cancellationToken)
    {
        var layout = new Rows(PlanView.Header(plan, tz), PlanView.LiveMoves(plan));
        await console.Live(layout).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).Cropping(VerticalOverflowCropping.Bottom).StartAsync(async live =>
        {
            using var timer = new PeriodicTimer(period);
            while (!PlanView.IsFinal(plan.State))
            {
                await timer.WaitForNextTickAsync(cancellationToken);
                plan = await read();
                live.UpdateTarget(new Rows(PlanView.Header(plan, tz), PlanView.LiveMoves(plan)));
            }
        });
        return plan;
    }

    private static string Now(TimeZoneInfo tz) => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, tz).ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
