using CloudGov.ControlPlane.Abstractions.Audit;
using CloudGov.ControlPlane.Grpc;
using CloudGov.ControlPlane.Security;
using CloudGov.Proto.Audit.V1;
using Google.Protobuf.WellKnownTypes;
using ProtoAuditEntry = CloudGov.Proto.Audit.V1.AuditEntry;

namespace CloudGov.ControlPlane.Audit;

/// <summary>
/// <c>cloudgov.audit.v1.AuditService</c>: auditors read the trail (filtered, paged) and verify its chain. Thin: validate,
/// ask <see cref="IAuditTrail"/>, map back; a storage failure is <c>UNAVAILABLE</c>.
/// </summary>
internal sealed class AuditApiService(IAuditTrail trail) : AuditService.AuditServiceBase
{
    public override async Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context)
    {
        RequireAuditor(context);
        var query = AuditRequestValidator.Validate(request);
        var page = await trail.ListAsync(query, context.CancellationToken).UnavailableOnFailure("read the audit trail");
        var response = new ListAuditEntriesResponse
        {
            NextPageToken = page.ContinueAfter is { } after ? AuditPageToken.Encode(after, query) : string.Empty,
        };
        response.Entries.AddRange(page.Entries.Select(ToProto));
        return response;
    }

    public override async Task<VerifyAuditChainResponse> VerifyAuditChain(VerifyAuditChainRequest request, ServerCallContext context)
    {
        RequireAuditor(context);
        var result = await trail.VerifyAsync(context.CancellationToken).UnavailableOnFailure("read the audit trail");
        return new VerifyAuditChainResponse
        {
            Chain = result.Chain,
            Intact = result.Intact,
            EntriesChecked = result.EntriesChecked,
            BreakKind = result.Intact ? string.Empty : result.Break.ToString().ToLowerInvariant(),
            FirstBadSequence = result.FirstBadSequence ?? 0,
            Message = result.Message,
            HeadSequence = result.HeadSequence,
            HeadHash = result.HeadHash,
        };
    }

    /// <summary>Only auditors read the trail (also enforced by the central rule table); operators and tenants are refused.</summary>
    private static void RequireAuditor(ServerCallContext context)
    {
        if (context.GetCaller().Role != CallerRole.Auditor)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, "only the auditor role reads the audit trail"));
        }
    }

    private static ProtoAuditEntry ToProto(Abstractions.Audit.AuditEntry entry)
    {
        var proto = new ProtoAuditEntry
        {
            Chain = entry.Chain,
            Sequence = entry.Sequence,
            Time = Timestamp.FromDateTimeOffset(entry.At),
            ActorSubject = entry.Actor.Subject,
            ActorRole = entry.Actor.Role,
            ActorTenantId = entry.Actor.TenantId,
            Action = entry.Action,
            Reason = entry.Reason,
            PreviousHash = entry.PreviousHash,
            Hash = entry.Hash,
        };
        proto.TargetIds.AddRange(entry.Targets);
        proto.Detail.Add(entry.Detail);
        return proto;
    }
}
