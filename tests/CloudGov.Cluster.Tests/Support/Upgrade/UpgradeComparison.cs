using System.Collections.Immutable;
using CloudGov.Proto.Operations.V1;
using ZoneCommand = CloudGov.ControlPlane.Abstractions.Zones.ZoneCommand;
using CloudGov.Upgrade.Fixtures;

namespace CloudGov.Cluster.Tests.Support.Upgrade;

/// <summary>
/// Compares what a host reads from a fixture with what its manifest says was written, one line per difference, so a
/// failing test names everything that did not survive. What may change with time alone is allowed to: a Proposed plan
/// reads Expired once its expiry has passed, a placement under way reads Missing once its deadline has.
/// </summary>
internal static class UpgradeComparison
{
    public static List<string> Zones(IReadOnlyList<ZoneExpectation> expected, IReadOnlyList<ZoneSummary> listed, IReadOnlyDictionary<string, GetZoneResponse> details)
    {
        var problems = new List<string>();
        Same(problems, "zones listed", expected.Select(z => z.ZoneId), listed.Select(z => z.ZoneId));
        foreach (var zone in expected)
        {
            var summary = listed.FirstOrDefault(z => z.ZoneId == zone.ZoneId);
            if (summary is null || !details.TryGetValue(zone.ZoneId, out var detail))
            {
                problems.Add($"zone {zone.ZoneId} is not found");
                continue;
            }

            string at = $"zone {zone.ZoneId}";
            Equal(problems, $"{at} listed last_sequence", zone.LastSequence, summary.LastSequence);
            Equal(problems, $"{at} last_sequence", zone.LastSequence, detail.Zone.LastSequence);
            Equal(problems, $"{at} display_name", zone.DisplayName, detail.Zone.DisplayName);
            Equal(problems, $"{at} administrative_level", zone.AdministrativeLevel, ProtoNames.Of(detail.Zone.AdministrativeLevel));
            Equal(problems, $"{at} region_code", zone.RegionCode, detail.Zone.RegionCode);
            Equal(problems, $"{at} mlps_level", zone.MlpsLevel, ProtoNames.Of(detail.Zone.MlpsLevel));
            Equal(problems, $"{at} network_plane", zone.NetworkPlane, ProtoNames.Of(detail.Zone.NetworkPlane));
            Equal(problems, $"{at} listed workload_count", zone.WorkloadIds.Count, summary.WorkloadCount);
            Same(problems, $"{at} workloads", zone.WorkloadIds, detail.Workloads.Select(w => w.WorkloadId));
        }

        return problems;
    }

    public static List<string> Records(IReadOnlyList<WorkloadExpectation> expected, IReadOnlyList<WorkloadRecord> actual, DateTimeOffset now)
    {
        var problems = new List<string>();
        Same(problems, "ledger records", expected.Select(w => w.WorkloadId), actual.Select(r => r.WorkloadId));
        foreach (var workload in expected)
        {
            var record = actual.FirstOrDefault(r => r.WorkloadId == workload.WorkloadId);
            if (record is null)
            {
                problems.Add($"record {workload.WorkloadId} is not found");
                continue;
            }

            string at = $"record {workload.WorkloadId}";
            Equal(problems, $"{at} managed", workload.Managed, record.Managed);
            Equal(problems, $"{at} zone_id", workload.ZoneId, record.ZoneId);
            Equal(problems, $"{at} zone_since", workload.ZoneSince, record.ZoneSince?.ToDateTimeOffset());
            string[] states = workload.PlacingDeadline is { } deadline && now > deadline ? [workload.State, "LEDGER_STATE_MISSING"] : [workload.State];
            if (!states.Contains(ProtoNames.Of(record.State)))
            {
                problems.Add($"{at} state: expected {string.Join(" or ", states)}, read {ProtoNames.Of(record.State)} ({record.StateDetail})");
            }

            var intent = record.Intent;
            var expectedIntent = workload.Intent;
            Equal(problems, $"{at} intent.tenant_id", expectedIntent.TenantId, intent.TenantId);
            Equal(problems, $"{at} intent.system", expectedIntent.System, intent.System);
            Equal(problems, $"{at} intent.project", expectedIntent.Project, intent.Project);
            Equal(problems, $"{at} intent.mlps_level", expectedIntent.MlpsLevel, ProtoNames.Of(intent.MlpsLevel));
            Equal(problems, $"{at} intent.allowed_regions", string.Join(",", expectedIntent.AllowedRegions), string.Join(",", intent.AllowedRegions));
            Equal(problems, $"{at} intent.network_plane", expectedIntent.NetworkPlane, ProtoNames.Of(intent.NetworkPlane));
            Equal(problems, $"{at} intent.pinned", expectedIntent.Pinned, intent.Pinned);
            Equal(problems, $"{at} intent.priority", expectedIntent.Priority, intent.Priority);
            Equal(problems, $"{at} intent.requests", (expectedIntent.CpuMillicores, expectedIntent.MemoryMib, expectedIntent.StorageGib),
                (intent.Requests?.CpuMillicores ?? 0, intent.Requests?.MemoryMib ?? 0, intent.Requests?.StorageGib ?? 0));
            Equal(problems, $"{at} intent.labels", Text(expectedIntent.Labels), Text(intent.Labels));
            Prefix(problems, $"{at} history",
                workload.History.Select(e => $"{e.At:O} {e.Kind} by {e.By} to '{e.ToZoneId}'"),
                record.History.Select(e => $"{e.At.ToDateTimeOffset():O} {e.Kind} by {e.By} to '{e.ToZoneId}'"));
        }

        return problems;
    }

    /// <summary>One plan; <paramref name="before"/> and <paramref name="after"/> bracket the read, for its expiry.</summary>
    public static List<string> Plan(PlanExpectation expected, Plan? plan, DateTimeOffset before, DateTimeOffset after)
    {
        var problems = new List<string>();
        if (plan is null)
        {
            problems.Add($"plan {expected.PlanId} is not found");
            return problems;
        }

        string at = $"plan {expected.PlanId}";
        var history = expected.History.Select(d => $"{d.From}->{d.To} by {d.By} at {d.At:O}: {d.Reason}").ToList();
        string[] states = [expected.State];
        if (expected.State == "PLAN_STATE_PROPOSED")
        {
            // Expiry is evaluated when the plan is read; it is recorded as the clock's decision at the expiry time.
            states = after < expected.ExpiresAt ? [expected.State] : before >= expected.ExpiresAt ? ["PLAN_STATE_EXPIRED"] : [expected.State, "PLAN_STATE_EXPIRED"];
            if (plan.State == PlanState.Expired)
            {
                history.Add($"PLAN_STATE_PROPOSED->PLAN_STATE_EXPIRED by clock at {expected.ExpiresAt:O}: not decided before it expired");
            }
        }

        if (!states.Contains(ProtoNames.Of(plan.State)))
        {
            problems.Add($"{at} state: expected {string.Join(" or ", states)}, read {ProtoNames.Of(plan.State)}");
        }

        Equal(problems, $"{at} proposed_at", expected.ProposedAt, plan.ProposedAt?.ToDateTimeOffset());
        Equal(problems, $"{at} expires_at", expected.ExpiresAt, plan.ExpiresAt?.ToDateTimeOffset());
        Equal(problems, $"{at} move count", expected.MoveCount, plan.Moves.Count);
        Same(problems, $"{at} moves",
            expected.Moves.Select(m => $"{m.Index} {m.WorkloadId} {m.FromZoneId}->{m.ToZoneId} {m.State}"),
            plan.Moves.Select(m => $"{m.Index} {m.WorkloadId} {m.FromZoneId}->{m.ToZoneId} {ProtoNames.Of(m.State)}"));
        Prefix(problems, $"{at} history", history,
            plan.History.Select(d => $"{ProtoNames.Of(d.From)}->{ProtoNames.Of(d.To)} by {d.By} at {d.At.ToDateTimeOffset():O}: {d.Reason}"));
        return problems;
    }

    public static List<string> Commands(IReadOnlyList<CommandExpectation> expected, IReadOnlyDictionary<string, ImmutableArray<ZoneCommand>> pending)
    {
        var problems = new List<string>();
        Same(problems, "pending commands",
            expected.Select(c => $"{c.ZoneId}: {c.CommandId} {c.Kind} {c.WorkloadId} until {c.Deadline:O}"),
            pending.SelectMany(p => p.Value.Select(c => $"{p.Key}: {c.CommandId} {c.Kind} {c.WorkloadId} until {c.Deadline:O}")));
        return problems;
    }

    private static void Equal<T>(List<string> problems, string what, T expected, T actual)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            problems.Add($"{what}: expected {Format(expected)}, read {Format(actual)}");
        }
    }

    /// <summary>The same items in the same order.</summary>
    private static void Same(List<string> problems, string what, IEnumerable<string> expected, IEnumerable<string> actual)
    {
        var e = expected.ToList();
        var a = actual.ToList();
        if (!e.SequenceEqual(a))
        {
            problems.Add($"{what}: missing [{string.Join("; ", e.Except(a))}], unexpected [{string.Join("; ", a.Except(e))}], expected order [{string.Join("; ", e)}]");
        }
    }

    /// <summary>What was written comes first, in order; later entries (appended since) are allowed.</summary>
    private static void Prefix(List<string> problems, string what, IEnumerable<string> expected, IEnumerable<string> actual)
    {
        var e = expected.ToList();
        var a = actual.ToList();
        if (a.Count < e.Count || !e.SequenceEqual(a.Take(e.Count)))
        {
            problems.Add($"{what}: expected to start with [{string.Join("; ", e)}], read [{string.Join("; ", a)}]");
        }
    }

    private static string Format<T>(T value) => value switch
    {
        null => "(none)",
        DateTimeOffset at => at.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static string Text(IEnumerable<KeyValuePair<string, string>> labels) =>
        string.Join(", ", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
}
