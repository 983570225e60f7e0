using System.CommandLine;
using CloudGov.Cli.Output;
using CloudGov.Proto.Operations.V1;
using Spectre.Console;

namespace CloudGov.Cli.Commands;

/// <summary><c>cloudgov plans propose|list|get|approve|cancel|watch</c>: rebalance plans.</summary>
internal static class PlansCommands
{
    public static Command Create(CliApp app)
    {
        var plans = CliApp.Verb("plans", "Rebalance plans: proposed by the scheduler, approved by an operator, executed make-before-break, move by move.", "cloudgov plans list");
        plans.Subcommands.Add(Propose(app));
        plans.Subcommands.Add(List(app));
        plans.Subcommands.Add(Get(app));
        plans.Subcommands.Add(Decide(app, approve: true));
        plans.Subcommands.Add(Decide(app, approve: false));
        plans.Subcommands.Add(PlanWatch.Create(app));
        return plans;
    }

    private static Command Propose(CliApp app)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Compute and show the plan; store nothing" };
        var command = CliApp.Verb("propose", "Runs a rebalance round now (ProposeRebalance): the moves, the predicted utilization before and after, the policy's verdict.",
            "cloudgov plans propose --dry-run", "cloudgov plans propose");
        command.Options.Add(dryRun);
        app.Handle(command, async (context, cancellationToken) =>
        {
            var response = await context.Connection.Operations.ProposeRebalanceAsync(new ProposeRebalanceRequest { DryRun = context.Get(dryRun) }, context.Connection.Call(cancellationToken));
            context.Printer.Print(response, console =>
            {
                if (response.SkippedReason.Length > 0)
                {
                    console.WriteLine($"skipped: {response.SkippedReason}");
                    return;
                }

                PlanView.Render(console, response.Plan, context.Environment.TimeZone);
                console.WriteLine(response.Stored
                    ? $"stored as {response.Plan.PlanId} ({Show.Name(response.Plan.State)}); approve with: cloudgov plans approve {response.Plan.PlanId} --reason <why>"
                    : response.Plan.Moves.Count == 0 ? "nothing to move; nothing stored." : "dry run: nothing stored.");
                console.WriteLine($"computed in {Show.Number(response.ComputeSeconds)} s");
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CliApp app)
    {
        var state = new Option<string?>("--state") { Description = $"Only plans in this state: {Values.Choices<PlanState>()}" };
        var command = CliApp.Verb("list", "Lists stored plans (ListPlans), newest first.", "cloudgov plans list", "cloudgov plans list --state executing");
        command.Options.Add(state);
        app.Handle(command, async (context, cancellationToken) =>
        {
            var request = new ListPlansRequest();
            if (context.Get(state) is { } s)
            {
                request.State = Values.Enum<PlanState>(s, "--state");
            }

            var response = await context.Connection.Operations.ListPlansAsync(request, context.Connection.Call(cancellationToken));
            context.Printer.Print(response, console =>
            {
                var tz = context.Environment.TimeZone;
                var table = Show.Table("PLAN", "STATE", "TRIGGER", "PROPOSED", "MOVES", "BALANCE", "LAST DECISION");
                foreach (var plan in response.Plans)
                {
                    var last = plan.History.LastOrDefault();
                    Show.Row(table, plan.PlanId, Show.Name(plan.State), Show.Name(plan.Trigger), Show.Time(plan.ProposedAt, tz), PlanView.Progress(plan),
                        $"{Show.Number(plan.BalanceIndexBefore)} → {Show.Number(plan.BalanceIndexAfter)}", last is null ? "-" : $"{last.By}: {last.Reason}");
                }

                console.Write(table);
                console.WriteLine($"{response.Plans.Count} plan(s).");
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Get(CliApp app)
    {
        var id = new Argument<string>("plan-id") { Description = "The plan's id (plan- and 16 hex digits)" };
        var command = CliApp.Verb("get", "Shows one plan (GetPlan): every move and where it is, the zones before and after, every decision.", "cloudgov plans get plan-0123456789abcdef");
        command.Arguments.Add(id);
        app.Handle(command, async (context, cancellationToken) =>
        {
            var response = await context.Connection.Operations.GetPlanAsync(new GetPlanRequest { PlanId = context.Get(id) }, context.Connection.Call(cancellationToken));
            context.Printer.Print(response, console => PlanView.Render(console, response.Plan, context.Environment.TimeZone));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Decide(CliApp app, bool approve)
    {
        var id = new Argument<string>("plan-id") { Description = "The plan's id" };
        var reason = new Option<string>("--reason") { Description = "Why (required; recorded with your token's subject)", Required = true };
        var command = approve
            ? CliApp.Verb("approve", "Approves a Proposed plan (ApprovePlan); execution starts at once. Follow it with 'cloudgov plans watch'.",
                "cloudgov plans approve plan-0123456789abcdef --reason 变更窗口")
            : CliApp.Verb("cancel", "Cancels a Proposed or Approved plan, or stops an Executing one (CancelPlan): moves in flight finish or roll back, the rest are skipped.",
                "cloudgov plans cancel plan-0123456789abcdef --reason 冻结期");
        command.Arguments.Add(id);
        command.Options.Add(reason);
        app.Handle(command, async (context, cancellationToken) =>
        {
            var call = context.Connection.Call(cancellationToken);
            Plan plan = approve
                ? (await context.Connection.Operations.ApprovePlanAsync(new ApprovePlanRequest { PlanId = context.Get(id), Reason = context.Get(reason)! }, call)).Plan
                : (await context.Connection.Operations.CancelPlanAsync(new CancelPlanRequest { PlanId = context.Get(id), Reason = context.Get(reason)! }, call)).Plan;
            var response = approve ? (Google.Protobuf.IMessage)new ApprovePlanResponse { Plan = plan } : new CancelPlanResponse { Plan = plan };
            context.Printer.Print(response, console =>
            {
                console.Write(PlanView.Header(plan, context.Environment.TimeZone));
                console.WriteLine(approve ? $"approved; follow it with: cloudgov plans watch {plan.PlanId}" : $"{Show.Name(plan.State)}.");
            });
            return ExitCodes.Success;
        });
        return command;
    }
}
