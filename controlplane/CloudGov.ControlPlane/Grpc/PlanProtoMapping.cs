using CloudGov.ControlPlane.Abstractions.Plans;
using Google.Protobuf.WellKnownTypes;
using Ops = CloudGov.Proto.Operations.V1;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>Maps plan records to wire messages. Enum values are kept numerically equal on both sides.</summary>
internal static class PlanProtoMapping
{
    public static Ops.Plan ToProto(this PlanRecord p)
    {
        var proto = new Ops.Plan
        {
            PlanId = p.PlanId,
            State = (Ops.PlanState)(int)p.State,
            Trigger = (Ops.PlanTrigger)(int)p.Trigger,
            Strategy = p.Strategy,
            ProposedAt = Timestamp.FromDateTimeOffset(p.ProposedAt),
            ExpiresAt = Timestamp.FromDateTimeOffset(p.ExpiresAt),
            BalanceIndexBefore = p.BalanceIndexBefore,
            BalanceIndexAfter = p.BalanceIndexAfter,
            AutoApproved = p.AutoApproved,
            StopRequestedBy = p.StopRequestedBy ?? string.Empty,
        };
        proto.Moves.AddRange(p.Moves.Select(m => new Ops.PlanMove
        {
            Index = m.Index,
            WorkloadId = m.WorkloadId,
            TenantId = m.TenantId,
            FromZoneId = m.FromZoneId,
            ToZoneId = m.ToZoneId,
            Requests = m.Requests.ToProto(),
            MigrationCost = m.MigrationCost,
            Reason = m.Reason.ToProto(),
            State = (Ops.MoveState)(int)m.State,
            StartedAt = m.StartedAt is { } started ? Timestamp.FromDateTimeOffset(started) : null,
            Deadline = m.Deadline is { } deadline ? Timestamp.FromDateTimeOffset(deadline) : null,
            FinishedAt = m.FinishedAt is { } finished ? Timestamp.FromDateTimeOffset(finished) : null,
            Message = m.Message,
        }));
        proto.Zones.AddRange(p.Zones.Select(z => new Ops.PlanZoneUtilization
        {
            ZoneId = z.ZoneId,
            Target = z.Target,
            Before = z.Before.ToProto(),
            After = z.After.ToProto(),
        }));
        proto.Notes.AddRange(p.Notes.Select(ToProto));
        proto.PolicyVerdict.AddRange(p.PolicyVerdict.Select(ToProto));
        proto.History.AddRange(p.History.Select(d => new Ops.PlanDecision
        {
            From = d.From is { } from ? (Ops.PlanState)(int)from : Ops.PlanState.Unspecified,
            To = (Ops.PlanState)(int)d.To,
            By = d.By,
            At = Timestamp.FromDateTimeOffset(d.At),
            Reason = d.Reason,
        }));
        return proto;
    }

    public static PlanState ToDomain(this Ops.PlanState v) => (PlanState)(int)v;

    private static Ops.PlanReason ToProto(this PlanReason r) => new() { Code = r.Code, English = r.English, Chinese = r.Chinese };

    private static Ops.Utilization ToProto(this UtilizationFigures u) => new() { Cpu = u.Cpu, Memory = u.Memory, Storage = u.Storage, Gpu = u.Gpu };
}
