using System.CommandLine;
using System.Globalization;
using CloudGov.Cli.Output;
using CloudGov.Proto.Audit.V1;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;
using Spectre.Console;

namespace CloudGov.Cli.Commands;

/// <summary><c>cloudgov audit list|verify</c>: the hash-chained audit trail (AuditService; the auditor role only).</summary>
internal static class AuditCommands
{
    public static Command Create(CliApp app)
    {
        var audit = CliApp.Verb("audit", "The audit trail: every state-changing decision, append-only and hash-chained (auditor tokens only).", "cloudgov audit verify");
        audit.Subcommands.Add(List(app));
        audit.Subcommands.Add(Verify(app));
        return audit;
    }

    private static Command List(CliApp app)
    {
        var since = new Option<string?>("--since") { Description = "Only entries at or after: a time (2026-12-01T08:00:00+08:00) or an age (90m, 24h)" };
        var until = new Option<string?>("--until") { Description = "Only entries before: a time or an age" };
        var actor = new Option<string?>("--actor") { Description = "Only entries by this subject (or component, e.g. scheduler)" };
        var action = new Option<string?>("--action") { Description = "Only entries of this action, e.g. plan_approved" };
        var target = new Option<string?>("--target") { Description = "Only entries naming this plan, workload or tenant id" };
        var pageSize = new Option<int>("--page-size") { Description = "Entries per page, 1-500", DefaultValueFactory = _ => 100 };
        var pageToken = new Option<string?>("--page-token") { Description = "The next-page token a previous page printed" };
        var all = new Option<bool>("--all") { Description = "Follow every page" };
        var command = CliApp.Verb("list", "Lists audit entries in chain order (ListAuditEntries).",
            "cloudgov --context auditor audit list --action plan_approved --since 24h", "cloudgov audit list --target plan-0123456789abcdef -o json");
        foreach (var option in new Option[] { since, until, actor, action, target, pageSize, pageToken, all })
        {
            command.Options.Add(option);
        }

        app.Handle(command, async (context, cancellationToken) =>
        {
            var request = new ListAuditEntriesRequest
            {
                Actor = context.Get(actor) ?? "", Action = context.Get(action) ?? "", TargetId = context.Get(target) ?? "",
                PageSize = context.Get(pageSize), PageToken = context.Get(pageToken) ?? "",
            };
            if (context.Get(since) is { } s)
            {
                request.StartTime = Instant(s, "--since");
            }

            if (context.Get(until) is { } u)
            {
                request.EndTime = Instant(u, "--until");
            }

            var response = await context.Connection.Audit.ListAuditEntriesAsync(request, context.Connection.Call(cancellationToken));
            while (context.Get(all) && response.NextPageToken.Length > 0)
            {
                request.PageToken = response.NextPageToken;
                var next = await context.Connection.Audit.ListAuditEntriesAsync(request, context.Connection.Call(cancellationToken));
                response.Entries.Add(next.Entries);
                response.NextPageToken = next.NextPageToken;
            }

            context.Printer.Print(response, console =>
            {
                var table = Show.Table("#", "TIME", "ACTOR", "ROLE", "ACTION", "TARGETS", "REASON", "DETAIL");
                foreach (var e in response.Entries)
                {
                    Show.Row(table, e.Sequence.ToString(CultureInfo.InvariantCulture), Show.Time(e.Time, context.Environment.TimeZone), e.ActorSubject,
                        e.ActorRole + (e.ActorTenantId.Length > 0 ? $" ({e.ActorTenantId})" : ""), e.Action, string.Join(", ", e.TargetIds), e.Reason, Show.Labels(e.Detail));
                }

                console.Write(table);
                console.WriteLine(response.NextPageToken.Length > 0
                    ? $"{response.Entries.Count} entr(ies); more: --page-token {response.NextPageToken} (or --all)"
                    : $"{response.Entries.Count} entr(ies).");
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Verify(CliApp app)
    {
        var command = CliApp.Verb("verify",
            "Checks the chain from its first entry to its head through the API (VerifyAuditChain) and names the first entry changed, removed or reordered; exit code 1 when it is broken. Keep the head hash elsewhere to detect a rewritten chain.",
            "cloudgov --context auditor audit verify");
        app.Handle(command, async (context, cancellationToken) =>
        {
            var response = await context.Connection.Audit.VerifyAuditChainAsync(new VerifyAuditChainRequest(), context.Connection.Call(cancellationToken));
            context.Printer.Print(response, console => console.Write(Show.Fields(
                ("chain", response.Chain), ("intact", response.Intact ? "yes" : "NO"),
                ("entries checked", response.EntriesChecked.ToString(CultureInfo.InvariantCulture)),
                ("break", response.Intact ? "-" : $"{response.BreakKind} at sequence {response.FirstBadSequence}"),
                ("message", response.Message), ("head", $"sequence {response.HeadSequence}, hash {response.HeadHash}"))));
            return response.Intact ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    /// <summary>An instant: ISO 8601 with an offset (or UTC 'Z'), or an age before now such as <c>90m</c>, <c>24h</c>, <c>7d</c>.</summary>
    private static Timestamp Instant(string text, string option)
    {
        var t = text.Trim();
        if (t.Length > 1 && t.EndsWith('d') && int.TryParse(t[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out int days) && days <= 3650)
        {
            return Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-days));
        }

        if (t.Length > 1 && char.IsAsciiDigit(t[0]) && t[^1] is 's' or 'm' or 'h' && !t.Contains('-', StringComparison.Ordinal))
        {
            return Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow - CliApp.Duration(t, option));
        }

        if (DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var instant) && instant.Year is >= 1970 and <= 9999)
        {
            return Timestamp.FromDateTimeOffset(instant);
        }

        throw new CliUsageException($"{option}: '{Connection.ControlPlaneConnection.Shorten(t)}' is neither a time (2026-12-01T08:00:00+08:00) nor an age (90m, 24h, 7d)");
    }
}
