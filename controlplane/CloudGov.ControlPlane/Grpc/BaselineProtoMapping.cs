using CloudGov.Baselines.Model;
using CloudGov.ControlPlane.Abstractions.Baselines;
using CloudGov.Proto.Baseline.V1;
using Google.Protobuf.WellKnownTypes;
using ProtoRule = CloudGov.Proto.Baseline.V1.Rule;
using ProtoWaiverState = CloudGov.Proto.Baseline.V1.WaiverState;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>Maps the baseline's records to the baseline API's messages (enum values are equal by construction).</summary>
internal static class BaselineProtoMapping
{
    public static ProtoRule ToProto(this RuleDescriptor d)
    {
        var rule = new ProtoRule
        {
            RuleId = d.Id,
            Title = d.Title,
            Source = (Proto.Baseline.V1.RuleSource)(int)d.Source,
            SourceReference = d.SourceReference,
            Subject = (Proto.Baseline.V1.RuleSubject)(int)d.Subject,
            Severity = (Proto.Baseline.V1.Severity)(int)d.Severity,
            Mode = (Proto.Baseline.V1.RuleMode)(int)d.Mode,
            Action = (Proto.Baseline.V1.RuleAction)(int)d.Action,
            RemediationZh = d.RemediationZh,
            RemediationEn = d.RemediationEn,
        };
        rule.MlpsLevels.AddRange(d.Levels.Levels().Select(l => (Proto.Common.V1.MlpsLevel)(int)l));
        rule.FactKeys.AddRange(d.FactKeys);
        return rule;
    }

    public static Finding ToProto(this FindingView view)
    {
        var f = view.Finding;
        var finding = new Finding
        {
            FindingId = f.FindingId,
            RuleId = f.RuleId,
            ZoneId = f.ZoneId,
            WorkloadId = f.WorkloadId,
            TenantId = f.TenantId,
            Severity = (Proto.Baseline.V1.Severity)f.Severity,
            State = f.Open ? FindingState.Open : FindingState.Resolved,
            FirstSeen = Timestamp.FromDateTimeOffset(f.FirstSeen),
            LastSeen = Timestamp.FromDateTimeOffset(f.LastSeen),
            ResolvedAt = f.ResolvedAt is { } r ? Timestamp.FromDateTimeOffset(r) : null,
            Message = WireText.Excerpt(f.Message, 1000),
            WaiverId = view.WaiverId,
            Enforced = f.Open && f.Enforced && view.WaiverId.Length == 0,
            Occurrences = f.Occurrences,
        };
        finding.Evidence.AddRange(f.Evidence.Take(16).Select(e => new EvidenceFact { Key = e.Key, Observed = WireText.Excerpt(e.Observed, 256), Expected = WireText.Excerpt(e.Expected, 256) }));
        return finding;
    }

    public static Waiver ToProto(this WaiverRecord w, DateTimeOffset now) => new()
    {
        WaiverId = w.WaiverId,
        RuleId = w.RuleId,
        ZoneId = w.ZoneId,
        WorkloadId = w.WorkloadId,
        TenantId = w.TenantId,
        Reason = w.Reason,
        RequestedBy = w.RequestedBy,
        RequestedAt = Timestamp.FromDateTimeOffset(w.RequestedAt),
        ExpiresAt = Timestamp.FromDateTimeOffset(w.ExpiresAt),
        State = (ProtoWaiverState)(int)w.StateAt(now),
        ApprovedBy = w.ApprovedBy,
        ApprovedAt = w.ApprovedAt is { } a ? Timestamp.FromDateTimeOffset(a) : null,
        RevokedBy = w.RevokedBy,
        RevokedAt = w.RevokedAt is { } r ? Timestamp.FromDateTimeOffset(r) : null,
        DecisionReason = w.DecisionReason,
        IdempotencyKey = w.IdempotencyKey,
    };
}
