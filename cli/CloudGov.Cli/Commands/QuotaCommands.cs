using System.CommandLine;
using CloudGov.Cli.Output;
using CloudGov.Proto.Common.V1;
using CloudGov.Proto.Tenant.V1;
using Spectre.Console;

namespace CloudGov.Cli.Commands;

/// <summary><c>cloudgov quota request|list|get|approve|reject</c>: departments ask for quota, operators decide (QuotaService).</summary>
internal static class QuotaCommands
{
    public static Command Create(CliApp app)
    {
        var quota = CliApp.Verb("quota", "Quota: a department asks with an idempotency key, an operator approves (in full or in part) or rejects.", "cloudgov quota list --pending");
        quota.Subcommands.Add(Request(app));
        quota.Subcommands.Add(List(app));
        quota.Subcommands.Add(Get(app));
        quota.Subcommands.Add(Approve(app));
        quota.Subcommands.Add(Reject(app));
        return quota;
    }

    private static Command Request(CliApp app)
    {
        var tenant = new Argument<string>("tenant-id") { Description = "The tenant whose allocation changes" };
        var amount = new AmountOptions();
        var decrease = new Option<bool>("--decrease") { Description = "Hand quota back instead of asking for more" };
        var justification = new Option<string>("--justification") { Description = "Why (1-1000 characters)", Required = true };
        var key = new Option<string?>("--idempotency-key") { Description = "Your key for this request (a retry with the same key returns the same request); default: a new one" };
        var command = CliApp.Verb("request", "Asks for more (or, with --decrease, hands back) quota (RequestQuota); small requests may be decided by the auto-approval policy at once.",
            "cloudgov quota request nn-dsj --cpu 16 --memory 32Gi --storage 200Gi --justification 一网通办二期扩容 --idempotency-key 2026-q4-1");
        command.Arguments.Add(tenant);
        amount.AddTo(command);
        command.Options.Add(decrease);
        command.Options.Add(justification);
        command.Options.Add(key);
        app.Handle(command, async (context, cancellationToken) =>
        {
            var request = new RequestQuotaRequest
            {
                TenantId = context.Get(tenant),
                Direction = context.Get(decrease) ? QuotaDirection.Decrease : QuotaDirection.Increase,
                Amount = amount.Vector(context) ?? new ResourceVector(),
                Justification = context.Get(justification)!,
                IdempotencyKey = context.Get(key) ?? $"cli-{Guid.NewGuid():N}",
            };
            var response = await context.Connection.Quota.RequestQuotaAsync(request, context.Connection.Call(cancellationToken));
            context.Printer.Print(response, console => console.Write(Fields(response, context.Environment.TimeZone)));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CliApp app)
    {
        var tenant = new Option<string?>("--tenant") { Description = "The subtree whose requests to list (default: yours; everything for an operator or auditor)" };
        var pending = new Option<bool>("--pending") { Description = "Only pending requests" };
        var limit = new Option<int>("--limit") { Description = "At most this many (1-500)", DefaultValueFactory = _ => 100 };
        var command = CliApp.Verb("list", "Lists quota requests (ListQuotaRequests), newest first.", "cloudgov quota list --pending", "cloudgov quota list --tenant nn-dsj -o json");
        command.Options.Add(tenant);
        command.Options.Add(pending);
        command.Options.Add(limit);
        app.Handle(command, async (context, cancellationToken) =>
        {
            var response = await context.Connection.Quota.ListQuotaRequestsAsync(
                new ListQuotaRequestsRequest { TenantId = context.Get(tenant) ?? "", PendingOnly = context.Get(pending), Limit = context.Get(limit) }, context.Connection.Call(cancellationToken));
            context.Printer.Print(response, console =>
            {
                var tz = context.Environment.TimeZone;
                var table = Show.Table("REQUEST", "TENANT", "DIRECTION", "AMOUNT", "STATE", "GRANTED", "BY", "ASKED", "DECIDED BY", "RULE");
                foreach (var r in response.Requests)
                {
                    Show.Row(table, r.RequestId, r.TenantId, Show.Name(r.Direction), Show.Resources(r.Amount), Show.Name(r.State), Show.Resources(r.Granted),
                        r.RequestedBy, Show.Time(r.RequestedAt, tz), r.DecidedBy.Length > 0 ? r.DecidedBy : "-", r.Rule);
                }

                console.Write(table);
                console.WriteLine($"{response.Requests.Count} request(s).");
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Get(CliApp app)
    {
        var tenant = new Argument<string?>("tenant-id") { Description = "The tenant (default: your own)", Arity = ArgumentArity.ZeroOrOne };
        var command = CliApp.Verb("get", "Shows a tenant's quota now (GetTenantQuota): allocated, used, reserved, given to children, available, pending.", "cloudgov quota get nn-dsj");
        command.Arguments.Add(tenant);
        app.Handle(command, async (context, cancellationToken) =>
        {
            var q = await context.Connection.Quota.GetTenantQuotaAsync(new GetTenantQuotaRequest { TenantId = context.Get(tenant) ?? "" }, context.Connection.Call(cancellationToken));
            context.Printer.Print(q, console => console.Write(Show.Fields(
                ("tenant", $"{q.Tenant?.DisplayName} ({q.Tenant?.TenantId})"), ("allocated", Show.Resources(q.Allocated)), ("used", Show.Resources(q.Used)),
                ("reserved", Show.Resources(q.Reserved)), ("given to children", Show.Resources(q.AllocatedToChildren)), ("available", Show.Resources(q.Available)),
                ("pending increase", Show.Resources(q.PendingIncrease)), ("pending requests", string.Join(", ", q.Pending.Select(p => p.RequestId))),
                ("over quota", q.OverQuota ? "yes: " + string.Join(", ", q.OverQuotaDimensions) : "no"))));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Approve(CliApp app)
    {
        var id = new Argument<string>("request-id") { Description = "The request's id (qr- and 12 digits)" };
        var amount = new AmountOptions();
        var reason = new Option<string?>("--reason") { Description = "Why (0-1000 characters)" };
        var command = CliApp.Verb("approve", "Approves a pending request (ApproveQuotaRequest): in full, or only the --cpu/--memory/--storage/--gpu given (each at most what was asked).",
            "cloudgov quota approve qr-000000000001 --reason 统筹审批通过", "cloudgov quota approve qr-000000000002 --cpu 8 --memory 16Gi --reason 先批一半");
        command.Arguments.Add(id);
        amount.AddTo(command);
        command.Options.Add(reason);
        app.Handle(command, async (context, cancellationToken) =>
        {
            var request = new ApproveQuotaRequestRequest { RequestId = context.Get(id), Reason = context.Get(reason) ?? "" };
            if (amount.Vector(context) is { } granted)
            {
                request.Granted = granted;
            }

            var response = await context.Connection.Quota.ApproveQuotaRequestAsync(request, context.Connection.Call(cancellationToken));
            context.Printer.Print(response, console => console.Write(Fields(response, context.Environment.TimeZone)));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Reject(CliApp app)
    {
        var id = new Argument<string>("request-id") { Description = "The request's id" };
        var reason = new Option<string>("--reason") { Description = "Why (required, 1-1000 characters)", Required = true };
        var command = CliApp.Verb("reject", "Rejects a pending request (RejectQuotaRequest).", "cloudgov quota reject qr-000000000003 --reason 资源紧张，下季度再议");
        command.Arguments.Add(id);
        command.Options.Add(reason);
        app.Handle(command, async (context, cancellationToken) =>
        {
            var response = await context.Connection.Quota.RejectQuotaRequestAsync(new RejectQuotaRequestRequest { RequestId = context.Get(id), Reason = context.Get(reason)! }, context.Connection.Call(cancellationToken));
            context.Printer.Print(response, console => console.Write(Fields(response, context.Environment.TimeZone)));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Table Fields(QuotaRequest r, TimeZoneInfo tz) => Show.Fields(
        ("request", r.RequestId), ("tenant", r.TenantId), ("direction", Show.Name(r.Direction)), ("amount", Show.Resources(r.Amount)),
        ("justification", r.Justification), ("requested", $"{r.RequestedBy} at {Show.Time(r.RequestedAt, tz)}"), ("state", Show.Name(r.State)),
        ("granted", Show.Resources(r.Granted)), ("decided", r.DecidedBy.Length > 0 ? $"{r.DecidedBy} at {Show.Time(r.DecidedAt, tz)}: {r.DecisionReason}" : "-"),
        ("rule", r.Rule), ("idempotency key", r.IdempotencyKey));

    /// <summary>--cpu, --memory, --storage, --gpu as one resource vector.</summary>
    private sealed class AmountOptions
    {
        private readonly Option<string?> _cpu = new("--cpu") { Description = "CPU: 500m or 16 (cores)" };
        private readonly Option<string?> _memory = new("--memory") { Description = "Memory: 512Mi, 32Gi, or MiB" };
        private readonly Option<string?> _storage = new("--storage") { Description = "Storage: 200Gi, 2Ti, or GiB" };
        private readonly Option<long?> _gpu = new("--gpu") { Description = "GPUs" };

        public void AddTo(Command command)
        {
            command.Options.Add(_cpu);
            command.Options.Add(_memory);
            command.Options.Add(_storage);
            command.Options.Add(_gpu);
        }

        public ResourceVector? Vector(CommandContext context)
        {
            string? cpu = context.Get(_cpu), memory = context.Get(_memory), storage = context.Get(_storage);
            long? gpu = context.Get(_gpu);
            return cpu is null && memory is null && storage is null && gpu is null
                ? null
                : new ResourceVector
                {
                    CpuMillicores = cpu is null ? 0 : Values.Cpu(cpu, "--cpu"),
                    MemoryMib = memory is null ? 0 : Values.Memory(memory, "--memory"),
                    StorageGib = storage is null ? 0 : Values.Storage(storage, "--storage"),
                    Gpu = gpu ?? 0,
                };
        }
    }
}
