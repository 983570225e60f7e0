using System.CommandLine;
using System.Globalization;
using CloudGov.Cli.Output;
using CloudGov.Proto.Baseline.V1;
using CloudGov.Proto.Common.V1;
using Spectre.Console;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace CloudGov.Cli.Commands;

/// <summary>
/// <c>cloudgov rules list</c>, <c>findings list|get</c>, <c>waivers request|approve|revoke|list</c> and <c>compliance</c>:
/// the security baseline (BaselineService, <c>proto/cloudgov/baseline/v1/baseline.proto</c>).
/// </summary>
internal static class BaselineCommands
{
    public static IEnumerable<Command> Create(CliApp app) => [Rules(app), Findings(app), Waivers(app), Compliance(app)];

    private static Command Rules(CliApp app)
    {
        var rules = CliApp.Verb("rules", "The security baseline's rules in force: MLPS 2.0 cloud extension, CIS benchmarks, CloudGov's own, custom.", "cloudgov rules list --mlps 3");
        var source = new Option<string?>("--source") { Description = $"Only rules from: {Values.Choices<RuleSource>()}" };
        var mlps = new Option<string?>("--mlps") { Description = "Only rules applying to this MLPS level (1-4)" };
        var mode = new Option<string?>("--mode") { Description = "Only audit or enforce rules" };
        var list = CliApp.Verb("list", "Lists every rule in force (ListRules), ordered by id.", "cloudgov rules list", "cloudgov rules list --source mlps --mode enforce -o json");
        list.Options.Add(source);
        list.Options.Add(mlps);
        list.Options.Add(mode);
        app.Handle(list, async (context, cancellationToken) =>
        {
            var request = new ListRulesRequest
            {
                Source = context.Get(source) is { } s ? Values.Enum<RuleSource>(s, "--source") : RuleSource.Unspecified,
                MlpsLevel = context.Get(mlps) is { } l ? Values.Enum<MlpsLevel>(l, "--mlps") : MlpsLevel.Unspecified,
                Mode = context.Get(mode) is { } m ? Values.Enum<RuleMode>(m, "--mode") : RuleMode.Unspecified,
            };
            var response = await context.Connection.Baseline.ListRulesAsync(request, context.Connection.Call(cancellationToken));
            context.Printer.Print(response, console =>
            {
                var table = Show.Table("RULE", "TITLE", "SOURCE", "REFERENCE", "SUBJECT", "LEVELS", "SEVERITY", "MODE", "ACTION");
                foreach (var r in response.Rules)
                {
                    Show.Row(table, r.RuleId, r.Title, Show.Name(r.Source), r.SourceReference, Show.Name(r.Subject), string.Join(",", r.MlpsLevels.Select(Show.Mlps)),
                        Show.Name(r.Severity), Show.Name(r.Mode), Show.Name(r.Action));
                }

                console.Write(table);
                console.WriteLine($"{response.Rules.Count} rule(s).");
            });
            return ExitCodes.Success;
        });
        rules.Subcommands.Add(list);
        return rules;
    }

    private static Command Findings(CliApp app)
    {
        var findings = CliApp.Verb("findings", "Baseline findings: one per rule × subject, open or resolved, with the evidence that decided it.", "cloudgov findings list --state open");
        var zone = new Option<string?>("--zone") { Description = "Only this zone's" };
        var workload = new Option<string?>("--workload") { Description = "Only this workload's" };
        var tenant = new Option<string?>("--tenant") { Description = "Only this tenant subtree's workloads" };
        var rule = new Option<string?>("--rule") { Description = "Only this rule's" };
        var severity = new Option<string?>("--min-severity") { Description = "Only at least this severity: low, medium, high, critical" };
        var state = new Option<string?>("--state") { Description = "Only open or resolved" };
        var pageSize = new Option<int>("--page-size") { Description = "Findings per page, 1-1000", DefaultValueFactory = _ => 100 };
        var pageToken = new Option<string?>("--page-token") { Description = "The next-page token a previous page printed" };
        var all = new Option<bool>("--all") { Description = "Follow every page" };
        var list = CliApp.Verb("list", "Lists findings (ListFindings), ordered by id.", "cloudgov findings list --zone gx-baise-k8s --state open", "cloudgov findings list --min-severity high --all -o json");
        foreach (var option in new Option[] { zone, workload, tenant, rule, severity, state, pageSize, pageToken, all })
        {
            list.Options.Add(option);
        }

        app.Handle(list, async (context, cancellationToken) =>
        {
            var request = new ListFindingsRequest
            {
                ZoneId = context.Get(zone) ?? "", WorkloadId = context.Get(workload) ?? "", TenantId = context.Get(tenant) ?? "", RuleId = context.Get(rule) ?? "",
                MinSeverity = context.Get(severity) is { } s ? Values.Enum<Severity>(s, "--min-severity") : Severity.Unspecified,
                State = context.Get(state) is { } st ? Values.Enum<FindingState>(st, "--state") : FindingState.Unspecified,
                PageSize = context.Get(pageSize), PageToken = context.Get(pageToken) ?? "",
            };
            var response = await context.Connection.Baseline.ListFindingsAsync(request, context.Connection.Call(cancellationToken));
            while (context.Get(all) && response.NextPageToken.Length > 0)
            {
                request.PageToken = response.NextPageToken;
                var next = await context.Connection.Baseline.ListFindingsAsync(request, context.Connection.Call(cancellationToken));
                response.Findings.Add(next.Findings);
                response.NextPageToken = next.NextPageToken;
            }

            context.Printer.Print(response, console =>
            {
                var tz = context.Environment.TimeZone;
                var table = Show.Table("FINDING", "RULE", "ZONE", "WORKLOAD", "SEVERITY", "STATE", "ENFORCED", "WAIVER", "FIRST SEEN", "LAST SEEN", "MESSAGE");
                foreach (var f in response.Findings)
                {
                    Show.Row(table, f.FindingId, f.RuleId, Or(f.ZoneId), Or(f.WorkloadId), Show.Name(f.Severity), Show.Name(f.State), f.Enforced ? "yes" : "no",
                        Or(f.WaiverId), Show.Time(f.FirstSeen, tz), Show.Time(f.LastSeen, tz), f.Message);
                }

                console.Write(table);
                console.WriteLine(response.NextPageToken.Length > 0
                    ? $"{response.Findings.Count} finding(s); more: --page-token {response.NextPageToken} (or --all)"
                    : $"{response.Findings.Count} finding(s).");
            });
            return ExitCodes.Success;
        });

        var id = new Argument<string>("finding-id") { Description = "The finding's id (f- and 16 hex digits)" };
        var get = CliApp.Verb("get", "Shows one finding with its evidence (GetFinding).", "cloudgov findings get f-0123456789abcdef");
        get.Arguments.Add(id);
        app.Handle(get, async (context, cancellationToken) =>
        {
            var f = await context.Connection.Baseline.GetFindingAsync(new GetFindingRequest { FindingId = context.Get(id) }, context.Connection.Call(cancellationToken));
            context.Printer.Print(f, console =>
            {
                var tz = context.Environment.TimeZone;
                console.Write(Show.Fields(
                    ("finding", f.FindingId), ("rule", f.RuleId), ("zone", Or(f.ZoneId)), ("workload", Or(f.WorkloadId)), ("tenant", Or(f.TenantId)),
                    ("severity", Show.Name(f.Severity)), ("state", Show.Name(f.State)), ("enforced", f.Enforced ? "yes" : "no"), ("waiver", Or(f.WaiverId)),
                    ("first seen", Show.Time(f.FirstSeen, tz)), ("last seen", Show.Time(f.LastSeen, tz)), ("resolved", Show.Time(f.ResolvedAt, tz)),
                    ("occurrences", f.Occurrences.ToString(CultureInfo.InvariantCulture)), ("message", f.Message)));
                var evidence = Show.Table("FACT", "OBSERVED", "EXPECTED");
                foreach (var e in f.Evidence)
                {
                    Show.Row(evidence, e.Key, e.Observed, e.Expected);
                }

                console.Write(evidence);
            });
            return ExitCodes.Success;
        });
        findings.Subcommands.Add(list);
        findings.Subcommands.Add(get);
        return findings;
    }

    private static Command Waivers(CliApp app)
    {
        var waivers = CliApp.Verb("waivers", "Waivers: a rule not enforced on one zone or workload until an expiry, requested and then approved by another person.", "cloudgov waivers list --state pending");

        var rule = new Option<string>("--rule") { Description = "The rule to waive", Required = true };
        var zone = new Option<string?>("--zone") { Description = "The zone it covers (operators and auditors)" };
        var workload = new Option<string?>("--workload") { Description = "The workload it covers" };
        var reason = new Option<string>("--reason") { Description = "Why (1-1000 characters)", Required = true };
        var expires = new Option<string>("--expires") { Description = "When it stops applying: a time (2027-01-31T00:00:00+08:00) or a lifetime (30d, 12h)", Required = true };
        var key = new Option<string?>("--idempotency-key") { Description = "Your key for this request (a retry with the same key returns the same waiver); default: a new one" };
        var request = CliApp.Verb("request", "Asks for a waiver on exactly one of --zone or --workload (RequestWaiver); it is pending until an operator or auditor approves it.",
            "cloudgov waivers request --rule mlps-zone-log-retention --zone gx-baise-k8s --reason 日志平台迁移中 --expires 30d");
        foreach (var option in new Option[] { rule, zone, workload, reason, expires, key })
        {
            request.Options.Add(option);
        }

        app.Handle(request, async (context, cancellationToken) =>
        {
            var waiver = await context.Connection.Baseline.RequestWaiverAsync(new RequestWaiverRequest
            {
                RuleId = context.Get(rule)!, ZoneId = context.Get(zone) ?? "", WorkloadId = context.Get(workload) ?? "", Reason = context.Get(reason)!,
                ExpiresAt = Future(context.Get(expires)!, "--expires"), IdempotencyKey = context.Get(key) ?? $"cli-{Guid.NewGuid():N}",
            }, context.Connection.Call(cancellationToken));
            context.Printer.Print(waiver, console => console.Write(Fields(waiver, context.Environment.TimeZone)));
            return ExitCodes.Success;
        });

        var approveId = new Argument<string>("waiver-id") { Description = "The waiver's id (w- and 12 digits)" };
        var approveReason = new Option<string?>("--reason") { Description = "Why (0-1000 characters)" };
        var approve = CliApp.Verb("approve", "Approves a pending waiver (ApproveWaiver); not your own request.", "cloudgov waivers approve w-000000000001 --reason 已评估风险");
        approve.Arguments.Add(approveId);
        approve.Options.Add(approveReason);
        app.Handle(approve, async (context, cancellationToken) =>
        {
            var waiver = await context.Connection.Baseline.ApproveWaiverAsync(new ApproveWaiverRequest { WaiverId = context.Get(approveId), Reason = context.Get(approveReason) ?? "" }, context.Connection.Call(cancellationToken));
            context.Printer.Print(waiver, console => console.Write(Fields(waiver, context.Environment.TimeZone)));
            return ExitCodes.Success;
        });

        var revokeId = new Argument<string>("waiver-id") { Description = "The waiver's id" };
        var revokeReason = new Option<string>("--reason") { Description = "Why (required)", Required = true };
        var revoke = CliApp.Verb("revoke", "Revokes a pending or approved waiver (RevokeWaiver); enforcement resumes at once.", "cloudgov waivers revoke w-000000000001 --reason 整改完成");
        revoke.Arguments.Add(revokeId);
        revoke.Options.Add(revokeReason);
        app.Handle(revoke, async (context, cancellationToken) =>
        {
            var waiver = await context.Connection.Baseline.RevokeWaiverAsync(new RevokeWaiverRequest { WaiverId = context.Get(revokeId), Reason = context.Get(revokeReason)! }, context.Connection.Call(cancellationToken));
            context.Printer.Print(waiver, console => console.Write(Fields(waiver, context.Environment.TimeZone)));
            return ExitCodes.Success;
        });

        var listRule = new Option<string?>("--rule") { Description = "Only this rule's" };
        var listZone = new Option<string?>("--zone") { Description = "Only this zone's" };
        var listWorkload = new Option<string?>("--workload") { Description = "Only this workload's" };
        var listTenant = new Option<string?>("--tenant") { Description = "Only this tenant subtree's" };
        var listState = new Option<string?>("--state") { Description = $"Only: {Values.Choices<WaiverState>()}" };
        var pageSize = new Option<int>("--page-size") { Description = "Waivers per page, 1-500", DefaultValueFactory = _ => 100 };
        var pageToken = new Option<string?>("--page-token") { Description = "The next-page token a previous page printed" };
        var list = CliApp.Verb("list", "Lists waivers (ListWaivers), newest first.", "cloudgov waivers list --state pending", "cloudgov waivers list --zone gx-baise-k8s -o json");
        foreach (var option in new Option[] { listRule, listZone, listWorkload, listTenant, listState, pageSize, pageToken })
        {
            list.Options.Add(option);
        }

        app.Handle(list, async (context, cancellationToken) =>
        {
            var response = await context.Connection.Baseline.ListWaiversAsync(new ListWaiversRequest
            {
                RuleId = context.Get(listRule) ?? "", ZoneId = context.Get(listZone) ?? "", WorkloadId = context.Get(listWorkload) ?? "", TenantId = context.Get(listTenant) ?? "",
                State = context.Get(listState) is { } s ? Values.Enum<WaiverState>(s, "--state") : WaiverState.Unspecified,
                PageSize = context.Get(pageSize), PageToken = context.Get(pageToken) ?? "",
            }, context.Connection.Call(cancellationToken));
            context.Printer.Print(response, console =>
            {
                var tz = context.Environment.TimeZone;
                var table = Show.Table("WAIVER", "RULE", "ZONE", "WORKLOAD", "STATE", "REQUESTED BY", "EXPIRES", "APPROVED BY", "REASON");
                foreach (var w in response.Waivers)
                {
                    Show.Row(table, w.WaiverId, w.RuleId, Or(w.ZoneId), Or(w.WorkloadId), Show.Name(w.State), w.RequestedBy, Show.Time(w.ExpiresAt, tz), Or(w.ApprovedBy), w.Reason);
                }

                console.Write(table);
                console.WriteLine(response.NextPageToken.Length > 0
                    ? $"{response.Waivers.Count} waiver(s); more: --page-token {response.NextPageToken}"
                    : $"{response.Waivers.Count} waiver(s).");
            });
            return ExitCodes.Success;
        });

        waivers.Subcommands.Add(request);
        waivers.Subcommands.Add(approve);
        waivers.Subcommands.Add(revoke);
        waivers.Subcommands.Add(list);
        return waivers;
    }

    private static Command Compliance(CliApp app)
    {
        var zone = new Option<string?>("--zone") { Description = "Only this zone" };
        var tenant = new Option<string?>("--tenant") { Description = "Only this tenant subtree" };
        var mlps = new Option<string?>("--mlps") { Description = "Only this MLPS level (1-4)" };
        var command = CliApp.Verb("compliance", "Compliance scores (GetComplianceScores): per zone and MLPS level (fit or not, blocking rules), per tenant, per level across the one cloud.",
            "cloudgov compliance", "cloudgov compliance --mlps 3 -o json");
        command.Options.Add(zone);
        command.Options.Add(tenant);
        command.Options.Add(mlps);
        app.Handle(command, async (context, cancellationToken) =>
        {
            var response = await context.Connection.Baseline.GetComplianceScoresAsync(new GetComplianceScoresRequest
            {
                ZoneId = context.Get(zone) ?? "", TenantId = context.Get(tenant) ?? "",
                MlpsLevel = context.Get(mlps) is { } l ? Values.Enum<MlpsLevel>(l, "--mlps") : MlpsLevel.Unspecified,
            }, context.Connection.Call(cancellationToken));
            context.Printer.Print(response, console =>
            {
                var levels = Show.Table("MLPS LEVEL", "ZONES", "FIT", "SCORE");
                foreach (var l in response.Levels)
                {
                    Show.Row(levels, Show.Mlps(l.MlpsLevel), l.Zones.ToString(CultureInfo.InvariantCulture), l.FitZones.ToString(CultureInfo.InvariantCulture), Show.Number(l.Score));
                }

                console.Write(levels);
                var zones = Show.Table("ZONE", "CERTIFIED", "PER LEVEL (fit, score, blocking rules)", "QUARANTINED", "EVALUATED");
                foreach (var z in response.Zones)
                {
                    Show.Row(zones, z.ZoneId, Show.Mlps(z.CertifiedLevel),
                        string.Join("\n", z.Levels.Select(l => $"{Show.Mlps(l.MlpsLevel)}: {(l.Fit ? "fit" : "unfit")} {Show.Number(l.Score)}{(l.BlockingRules.Count > 0 ? " — " + string.Join(", ", l.BlockingRules) : "")}")),
                        z.Quarantined ? $"yes ({z.QuarantineRuleId})" : "no", Show.Time(z.EvaluatedAt, context.Environment.TimeZone));
                }

                console.Write(zones);
                var tenants = Show.Table("TENANT", "WORKLOADS", "COMPLIANT", "SCORE", "OPEN FINDINGS");
                foreach (var t in response.Tenants)
                {
                    Show.Row(tenants, t.TenantId, t.Workloads.ToString(CultureInfo.InvariantCulture), t.CompliantWorkloads.ToString(CultureInfo.InvariantCulture), Show.Number(t.Score),
                        t.OpenFindings.ToString(CultureInfo.InvariantCulture));
                }

                console.Write(tenants);
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Table Fields(Waiver w, TimeZoneInfo tz) => Show.Fields(
        ("waiver", w.WaiverId), ("rule", w.RuleId), ("zone", Or(w.ZoneId)), ("workload", Or(w.WorkloadId)), ("tenant", Or(w.TenantId)), ("state", Show.Name(w.State)),
        ("reason", w.Reason), ("requested", $"{w.RequestedBy} at {Show.Time(w.RequestedAt, tz)}"), ("expires", Show.Time(w.ExpiresAt, tz)),
        ("approved", w.ApprovedBy.Length > 0 ? $"{w.ApprovedBy} at {Show.Time(w.ApprovedAt, tz)}" : "-"),
        ("revoked", w.RevokedBy.Length > 0 ? $"{w.RevokedBy} at {Show.Time(w.RevokedAt, tz)}" : "-"), ("decision", Or(w.DecisionReason)));

    /// <summary>A future instant: ISO 8601 with an offset, or a lifetime from now such as <c>30d</c>, <c>12h</c>.</summary>
    private static Timestamp Future(string text, string option)
    {
        var t = text.Trim();
        if (t.Length > 1 && t.EndsWith('d') && int.TryParse(t[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out int days) && days is > 0 and <= 3650)
        {
            return Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(days));
        }

        if (t.Length > 1 && char.IsAsciiDigit(t[0]) && t[^1] is 's' or 'm' or 'h' && !t.Contains('-', StringComparison.Ordinal))
        {
            return Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow + CliApp.Duration(t, option));
        }

        if (DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var instant) && instant.Year is >= 1970 and <= 9999)
        {
            return Timestamp.FromDateTimeOffset(instant);
        }

        throw new CliUsageException($"{option}: '{Connection.ControlPlaneConnection.Shorten(t)}' is neither a time (2027-01-31T00:00:00+08:00) nor a lifetime (30d, 12h)");
    }

    private static string Or(string value) => value.Length == 0 ? "-" : value;
}
