using System.CommandLine;
using System.Globalization;
using CloudGov.Cli.Output;
using CloudGov.Proto.Common.V1;
using CloudGov.Proto.Operations.V1;
using Google.Protobuf.Reflection;
using Spectre.Console;

namespace CloudGov.Cli.Commands;

/// <summary><c>cloudgov workloads list|get|register|set-intent</c>: the ledger (一本账) of every workload's intent.</summary>
internal static class WorkloadsCommands
{
    public static Command Create(CliApp app)
    {
        var workloads = CliApp.Verb("workloads", "The ledger (一本账): every workload's intent, where it should run, where it runs, its reconciliation state.", "cloudgov workloads list --zone gx-nanning-hcs");
        workloads.Subcommands.Add(List(app));
        workloads.Subcommands.Add(Get(app));
        workloads.Subcommands.Add(Register(app));
        workloads.Subcommands.Add(SetIntent(app));
        workloads.Subcommands.Add(View(app));
        return workloads;
    }

    private static Command View(CliApp app)
    {
        var by = new Option<string>("--by") { Description = "Group per tenant, system or project", DefaultValueFactory = _ => "tenant" };
        by.AcceptOnlyFromAmong("tenant", "system", "project");
        var tenant = new Option<string?>("--tenant") { Description = "Only this tenant's records" };
        var command = CliApp.Verb("view", "The ledger's views (GetLedgerView): per tenant, system or project — workloads, requests, zones, MLPS levels, unmanaged and violating counts, the tenants behind each.",
            "cloudgov workloads view --by system", "cloudgov workloads view --by project --tenant nn-rsj -o json");
        command.Options.Add(by);
        command.Options.Add(tenant);
        app.Handle(command, async (context, cancellationToken) =>
        {
            var grouping = context.Get(by) switch { "system" => LedgerGrouping.System, "project" => LedgerGrouping.Project, _ => LedgerGrouping.Tenant };
            var response = await context.Connection.Operations.GetLedgerViewAsync(new GetLedgerViewRequest { GroupBy = grouping, TenantId = context.Get(tenant) ?? "" }, context.Connection.Call(cancellationToken));
            context.Printer.Print(response, console =>
            {
                var table = Show.Table(context.Get(by)!.ToUpperInvariant(), "WORKLOADS", "REQUESTED", "ZONES", "MLPS", "UNMANAGED", "VIOLATING", "TENANTS");
                foreach (var g in response.Groups)
                {
                    Show.Row(table, g.Key.Length == 0 ? "(none)" : g.Key, g.WorkloadCount.ToString(CultureInfo.InvariantCulture), Show.Resources(g.Requested), Show.Some(g.ZoneIds, 3),
                        string.Join(",", g.MlpsLevels.Select(Show.Mlps)), g.UnmanagedCount.ToString(CultureInfo.InvariantCulture), g.ViolatingCount.ToString(CultureInfo.InvariantCulture),
                        Show.Some(g.TenantIds, 4));
                }

                console.Write(table);
                console.WriteLine($"{response.Groups.Count} group(s).");
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CliApp app)
    {
        var tenant = new Option<string?>("--tenant") { Description = "Only this tenant's records" };
        var system = new Option<string?>("--system") { Description = "Only this business system's" };
        var project = new Option<string?>("--project") { Description = "Only this project's" };
        var zone = new Option<string?>("--zone") { Description = "Only those recorded or observed in this zone" };
        var state = new Option<string?>("--state") { Description = $"Only this reconciliation state: {Values.Choices<LedgerState>()}" };
        var pageSize = new Option<int>("--page-size") { Description = "Records per page, 1-1000", DefaultValueFactory = _ => 100 };
        var pageToken = new Option<string?>("--page-token") { Description = "The next-page token a previous page printed" };
        var all = new Option<bool>("--all") { Description = "Follow every page (one answer with every record)" };
        var command = CliApp.Verb("list", "Lists ledger records (ListWorkloads), ordered by id, a page at a time.",
            "cloudgov workloads list --zone gx-nanning-hcs --state unmanaged", "cloudgov workloads list --tenant nn-rsj --all -o json");
        foreach (var option in new Option[] { tenant, system, project, zone, state, pageSize, pageToken, all })
        {
            command.Options.Add(option);
        }

        app.Handle(command, async (context, cancellationToken) =>
        {
            var request = new ListWorkloadsRequest
            {
                TenantId = context.Get(tenant) ?? "", System = context.Get(system) ?? "", Project = context.Get(project) ?? "",
                ZoneId = context.Get(zone) ?? "", PageSize = context.Get(pageSize), PageToken = context.Get(pageToken) ?? "",
            };
            if (context.Get(state) is { } s)
            {
                request.State = Values.Enum<LedgerState>(s, "--state");
            }

            var response = await context.Connection.Operations.ListWorkloadsAsync(request, context.Connection.Call(cancellationToken));
            while (context.Get(all) && response.NextPageToken.Length > 0)
            {
                request.PageToken = response.NextPageToken;
                var next = await context.Connection.Operations.ListWorkloadsAsync(request, context.Connection.Call(cancellationToken));
                response.Workloads.Add(next.Workloads);
                response.NextPageToken = next.NextPageToken;
            }

            context.Printer.Print(response, console =>
            {
                var table = Show.Table("WORKLOAD", "TENANT", "SYSTEM", "ZONE", "STATE", "MANAGED", "MLPS", "REGIONS", "CPU", "MEMORY", "MOVING TO");
                foreach (var record in response.Workloads)
                {
                    var intent = record.Intent ?? new WorkloadSpec();
                    Show.Row(table, record.WorkloadId, intent.TenantId, intent.System, Or(record.ZoneId), Show.Name(record.State), record.Managed ? "yes" : "no",
                        Show.Mlps(intent.MlpsLevel), intent.AllowedRegions.Count == 0 ? "anywhere" : string.Join(",", intent.AllowedRegions),
                        Show.Cpu(intent.Requests?.CpuMillicores ?? 0), Show.Memory(intent.Requests?.MemoryMib ?? 0), Or(record.MovingToZoneId));
                }

                console.Write(table);
                console.WriteLine(response.NextPageToken.Length > 0
                    ? $"{response.Workloads.Count} record(s); more: --page-token {response.NextPageToken} (or --all)"
                    : $"{response.Workloads.Count} record(s).");
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Get(CliApp app)
    {
        var id = new Argument<string>("workload-id") { Description = "The workload's id" };
        var command = CliApp.Verb("get", "Shows one ledger record (GetWorkload): intent, where it should and does run, state and history.",
            "cloudgov workloads get nn-rsj-shebao-01");
        command.Arguments.Add(id);
        app.Handle(command, async (context, cancellationToken) =>
        {
            var response = await context.Connection.Operations.GetWorkloadAsync(new GetWorkloadRequest { WorkloadId = context.Get(id) }, context.Connection.Call(cancellationToken));
            context.Printer.Print(response, console => Render(console, response.Workload, context.Environment.TimeZone));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Register(CliApp app)
    {
        var id = new Argument<string>("workload-id") { Description = "The workload's id (new, or an adopted unmanaged one)" };
        var intent = new IntentOptions();
        var reason = new Option<string?>("--reason") { Description = "Why (recorded in the workload's history)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Say what would change and what would break; change nothing" };
        var command = CliApp.Verb("register", "Registers one workload's whole intent in the ledger (SetWorkloadIntent for one id): a new record, or an adopted (unmanaged) one becomes managed.",
            "cloudgov workloads register nn-rsj-shebao-09 --tenant nn-rsj --system 社保 --cpu 2 --memory 4Gi --storage 50Gi --mlps 3 --plane egov-extranet --regions 4501 --reason 登记");
        command.Arguments.Add(id);
        intent.AddTo(command);
        command.Options.Add(reason);
        command.Options.Add(dryRun);
        app.Handle(command, async (context, cancellationToken) =>
        {
            var patch = intent.Patch(context);
            patch.AllowedRegions ??= new RegionList();
            var request = new SetWorkloadIntentRequest
            {
                Selector = new WorkloadSelector { WorkloadIds = { context.Get(id) } },
                Patch = patch,
                DryRun = context.Get(dryRun),
                Reason = context.Get(reason) ?? "",
            };
            return await SendAsync(context, request, cancellationToken);
        });
        return command;
    }

    private static Command SetIntent(CliApp app)
    {
        var ids = new Option<string[]>("--id") { Description = "These workloads (repeatable)", AllowMultipleArgumentsPerToken = true };
        var inTenant = new Option<string?>("--in-tenant") { Description = "Every workload of this tenant" };
        var inSystem = new Option<string?>("--in-system") { Description = "Every workload of this business system" };
        var inProject = new Option<string?>("--in-project") { Description = "Every workload of this project" };
        var inZone = new Option<string?>("--in-zone") { Description = "Every workload recorded in this zone" };
        var withLabel = new Option<string[]>("--with-label") { Description = "Every workload carrying this label key=value (repeatable)" };
        var removeLabel = new Option<string[]>("--remove-label") { Description = "A label key to remove (repeatable)" };
        var intent = new IntentOptions();
        var reason = new Option<string?>("--reason") { Description = "Why (recorded in each workload's history)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Say what would change and what would break; change nothing" };
        var command = CliApp.Verb("set-intent",
            "Changes the intent of every workload the selector (--id, --in-*, --with-label; combined with AND) matches; unset fields keep their value (SetWorkloadIntent).",
            "cloudgov workloads set-intent --in-zone gx-nanning-hcs --in-tenant nn-rsj --regions 4501 --plane egov-extranet --dry-run",
            "cloudgov workloads set-intent --id nn-rsj-shebao-01 --pinned true --reason 年底冻结");
        foreach (var option in new Option[] { ids, inTenant, inSystem, inProject, inZone, withLabel })
        {
            command.Options.Add(option);
        }

        intent.AddTo(command);
        command.Options.Add(removeLabel);
        command.Options.Add(reason);
        command.Options.Add(dryRun);
        app.Handle(command, async (context, cancellationToken) =>
        {
            var selector = new WorkloadSelector
            {
                WorkloadIds = { Values.List(context.Get(ids) ?? []) },
                TenantId = context.Get(inTenant) ?? "", System = context.Get(inSystem) ?? "", Project = context.Get(inProject) ?? "", ZoneId = context.Get(inZone) ?? "",
            };
            selector.Labels.Add(Values.Labels(context.Get(withLabel) ?? [], "--with-label"));
            var patch = intent.Patch(context);
            patch.RemoveLabels.Add(context.Get(removeLabel) ?? []);
            return await SendAsync(context, new SetWorkloadIntentRequest { Selector = selector, Patch = patch, DryRun = context.Get(dryRun), Reason = context.Get(reason) ?? "" }, cancellationToken);
        });
        return command;
    }

    private static async Task<int> SendAsync(CommandContext context, SetWorkloadIntentRequest request, CancellationToken cancellationToken)
    {
        var response = await context.Connection.Operations.SetWorkloadIntentAsync(request, context.Connection.Call(cancellationToken));
        context.Printer.Print(response, console =>
        {
            console.WriteLine($"{(response.DryRun ? "dry run: would change" : "changed")} {response.Changed} of {response.Matched} matched record(s).");
            if (response.Changes.Count > 0)
            {
                var table = Show.Table("WORKLOAD", "REGISTERS", "CHANGED FIELDS");
                foreach (var change in response.Changes)
                {
                    Show.Row(table, change.WorkloadId, change.Registers ? "yes" : "no", string.Join(", ", ChangedFields(change.Before, change.After)));
                }

                console.Write(table);
            }

            if (response.Breaks.Count > 0)
            {
                var table = Show.Table("WORKLOAD", "ZONE", "BROKEN RULE");
                foreach (var broken in response.Breaks)
                {
                    Show.Row(table, broken.WorkloadId, broken.ZoneId, string.Join("; ", broken.Reasons.Select(r => $"{r.Code}: {r.English}")));
                }

                console.WriteLine("placements the new intent breaks (the next rebalance round relocates those it can):");
                console.Write(table);
            }
        });
        return ExitCodes.Success;
    }

    /// <summary>Draws one ledger record.</summary>
    public static void Render(IAnsiConsole console, WorkloadRecord record, TimeZoneInfo tz)
    {
        var intent = record.Intent ?? new WorkloadSpec();
        console.Write(Show.Fields(
            ("workload", record.WorkloadId), ("tenant", intent.TenantId), ("system", intent.System), ("project", intent.Project),
            ("state", $"{Show.Name(record.State)}{(record.StateDetail.Length > 0 ? " — " + record.StateDetail : "")}"),
            ("managed", record.Managed ? "yes" : "no (adopted, pinned until its intent is registered)"),
            ("zone", $"{Or(record.ZoneId)} since {Show.Time(record.ZoneSince, tz)}"),
            ("requests", Show.Resources(intent.Requests)), ("mlps level", Show.Mlps(intent.MlpsLevel)), ("network plane", Show.Name(intent.NetworkPlane)),
            ("allowed regions", intent.AllowedRegions.Count == 0 ? "anywhere" : string.Join(", ", intent.AllowedRegions)),
            ("anti-affinity", Or(intent.AntiAffinityGroup)), ("pinned", intent.Pinned ? "yes" : "no"),
            ("priority", intent.Priority.ToString(CultureInfo.InvariantCulture)), ("migration cost", Show.Number(intent.MigrationCost)),
            ("labels", Show.Labels(intent.Labels)),
            ("access policy", intent.AccessPolicy is { Ingress.Count: > 0 } policy ? string.Join(", ", policy.Ingress.Select(Values.Access)) : "zone defaults"),
            ("moving", record.MovingPlanId.Length > 0 ? $"to {record.MovingToZoneId} by {record.MovingPlanId}" : "-"),
            ("updated", Show.Time(record.UpdatedAt, tz))));
        if (record.Observed.Count > 0)
        {
            var observed = Show.Table("OBSERVED IN", "STATE", "REQUESTS", "MLPS", "SEQUENCE", "SEEN");
            foreach (var o in record.Observed)
            {
                Show.Row(observed, o.ZoneId, o.State, Show.Resources(o.Requests), Show.Mlps(o.MlpsLevel), o.Sequence.ToString(CultureInfo.InvariantCulture), Show.Time(o.SeenAt, tz));
            }

            console.Write(observed);
        }

        var history = Show.Table("AT", "EVENT", "BY", "FROM", "TO", "DETAIL");
        foreach (var e in record.History)
        {
            Show.Row(history, Show.Time(e.At, tz), e.Kind, e.By, Or(e.FromZoneId), Or(e.ToZoneId), e.Detail);
        }

        console.Write(history);
    }

    private static IEnumerable<string> ChangedFields(WorkloadSpec? before, WorkloadSpec? after)
    {
        if (before is null)
        {
            yield return "(new record)";
            yield break;
        }

        after ??= new WorkloadSpec();
        foreach (FieldDescriptor field in WorkloadSpec.Descriptor.Fields.InFieldNumberOrder())
        {
            if (!Equals(field.Accessor.GetValue(before), field.Accessor.GetValue(after)))
            {
                yield return field.Name;
            }
        }
    }

    private static string Or(string value) => value.Length == 0 ? "-" : value;
}
