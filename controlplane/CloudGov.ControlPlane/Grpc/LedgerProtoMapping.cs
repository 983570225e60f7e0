using CloudGov.ControlPlane.Abstractions.Ledger;
using CloudGov.ControlPlane.Grains.Ledger;
using Google.Protobuf.WellKnownTypes;
using Common = CloudGov.Proto.Common.V1;
using Ops = CloudGov.Proto.Operations.V1;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>Maps the ledger's records, selectors, patches and views between the wire and the grains.</summary>
internal static class LedgerProtoMapping
{
    /// <summary>Labels from a wire map, ordered by key.</summary>
    public static ImmutableArray<WorkloadLabel> ToLabels(this Google.Protobuf.Collections.MapField<string, string> labels) => WorkloadSpec.SortLabels(labels);

    /// <summary>A wire spec as the domain's.</summary>
    public static WorkloadSpec ToDomain(this Common.WorkloadSpec s) => new(
        s.WorkloadId,
        s.TenantId,
        s.System,
        s.Project,
        s.Requests.ToDomain(),
        s.MlpsLevel.ToDomain(),
        [.. s.AllowedRegions],
        s.NetworkPlane.ToDomain(),
        s.AntiAffinityGroup,
        s.Pinned,
        s.Priority,
        s.MigrationCost == 0 ? 1.0 : s.MigrationCost,
        s.Labels.ToLabels(),
        s.AccessPolicy.ToDomain());

    public static Ops.WorkloadRecord ToProto(this WorkloadRecord r)
    {
        var proto = new Ops.WorkloadRecord
        {
            WorkloadId = r.WorkloadId,
            Intent = r.Intent.ToProto(),
            Managed = r.Managed,
            ZoneId = r.ZoneId ?? string.Empty,
            State = (Ops.LedgerState)(int)r.State,
            StateDetail = r.StateDetail,
            MovingPlanId = r.Moving?.PlanId ?? string.Empty,
            MovingToZoneId = r.Moving?.ToZoneId ?? string.Empty,
            UpdatedAt = Timestamp.FromDateTimeOffset(r.UpdatedAt),
        };
        if (r.ZoneSince is { } since)
        {
            proto.ZoneSince = Timestamp.FromDateTimeOffset(since);
        }

        proto.Observed.AddRange(r.Observed.Select(o => new Ops.ObservedPlacement
        {
            ZoneId = o.ZoneId,
            Requests = o.Requests.ToProto(),
            MlpsLevel = (Common.MlpsLevel)(int)o.MlpsLevel,
            State = o.State.ToString(),
            Sequence = o.Sequence,
            SeenAt = Timestamp.FromDateTimeOffset(o.SeenAt),
        }));
        proto.History.AddRange(r.History.Select(e => new Ops.LedgerEvent
        {
            At = Timestamp.FromDateTimeOffset(e.At),
            Kind = Kind(e.Kind),
            By = e.By,
            FromZoneId = e.FromZoneId,
            ToZoneId = e.ToZoneId,
            PlanId = e.PlanId,
            Detail = e.Detail,
        }));
        return proto;
    }

    /// <summary>The wire name of an event kind (snake_case).</summary>
    public static string Kind(LedgerEventKind kind) => kind switch
    {
        LedgerEventKind.Placed => "placed",
        LedgerEventKind.Adopted => "adopted",
        LedgerEventKind.Registered => "registered",
        LedgerEventKind.IntentChanged => "intent_changed",
        LedgerEventKind.Moved => "moved",
        LedgerEventKind.PlacementFailed => "placement_failed",
        LedgerEventKind.StateChanged => "state",
        LedgerEventKind.MoveStarted => "move_started",
        LedgerEventKind.MoveEnded => "move_ended",
        LedgerEventKind.Observed => "observed",
        _ => "unspecified",
    };

    /// <summary>The wire name of a state, as ListZones' map keys use it (e.g. IN_SYNC).</summary>
    public static string StateName(ReconciliationState state) => state switch
    {
        ReconciliationState.Pending => "PENDING",
        ReconciliationState.InSync => "IN_SYNC",
        ReconciliationState.Missing => "MISSING",
        ReconciliationState.Unmanaged => "UNMANAGED",
        ReconciliationState.Drifted => "DRIFTED",
        ReconciliationState.Violating => "VIOLATING",
        _ => "UNSPECIFIED",
    };

    /// <summary>A wire selector as the ledger's.</summary>
    public static WorkloadSelector ToDomain(this Ops.WorkloadSelector? s) => s is null
        ? new WorkloadSelector()
        : new WorkloadSelector([.. s.WorkloadIds], s.TenantId, s.System, s.Project, s.ZoneId, s.Labels.ToLabels());

    /// <summary>A wire patch as the ledger's.</summary>
    public static IntentPatch ToDomain(this Ops.IntentPatch? p) => p is null
        ? new IntentPatch(SetLabels: [], RemoveLabels: [])
        : new IntentPatch(
            p.HasTenantId ? p.TenantId : null,
            p.HasSystem ? p.System : null,
            p.HasProject ? p.Project : null,
            p.HasMlpsLevel ? p.MlpsLevel.ToDomain() : null,
            p.AllowedRegions is null ? null : [.. p.AllowedRegions.Codes],
            p.HasNetworkPlane ? p.NetworkPlane.ToDomain() : null,
            p.HasAntiAffinityGroup ? p.AntiAffinityGroup : null,
            p.HasPinned ? p.Pinned : null,
            p.HasPriority ? p.Priority : null,
            p.HasMigrationCost ? p.MigrationCost : null,
            p.Requests is null ? null : p.Requests.ToDomain(),
            p.SetLabels.ToLabels(),
            [.. p.RemoveLabels]);

    public static Ops.SetWorkloadIntentResponse ToProto(this IntentOutcome o, bool dryRun)
    {
        var response = new Ops.SetWorkloadIntentResponse { DryRun = dryRun, Matched = o.Matched, Changed = o.Changes.Length };
        response.Changes.AddRange(o.Changes.Take(1000).Select(c =>
        {
            var change = new Ops.IntentChange { WorkloadId = c.WorkloadId, After = c.After.ToProto(), Registers = c.Registers };
            if (c.Before is { } before)
            {
                change.Before = before.ToProto();
            }

            return change;
        }));
        response.Breaks.AddRange(o.Breaks.Take(1000).Select(b =>
        {
            var proto = new Ops.PlacementBreak { WorkloadId = b.WorkloadId, ZoneId = b.ZoneId };
            proto.Reasons.AddRange(b.Reasons.Select(x => new Ops.PlacementRejectionReason { Filter = x.Filter, Code = x.Code, English = x.English, Chinese = x.Chinese }));
            return proto;
        }));
        return response;
    }

    public static Ops.LedgerGroup ToProto(this LedgerGroup g)
    {
        var proto = new Ops.LedgerGroup
        {
            Key = g.Key,
            WorkloadCount = g.WorkloadCount,
            Requested = g.Requested.ToProto(),
            UnmanagedCount = g.UnmanagedCount,
            ViolatingCount = g.ViolatingCount,
        };
        proto.ZoneIds.AddRange(g.ZoneIds);
        proto.MlpsLevels.AddRange(g.MlpsLevels.Select(l => (Common.MlpsLevel)(int)l));
        proto.TenantIds.AddRange(g.TenantIds);
        foreach (var (state, n) in g.ByState)
        {
            proto.ByState[StateName(state)] = n;
        }

        return proto;
    }
}
