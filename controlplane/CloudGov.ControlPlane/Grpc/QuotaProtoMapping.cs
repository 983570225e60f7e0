using CloudGov.ControlPlane.Abstractions.Tenants;
using Google.Protobuf.WellKnownTypes;
using TenantApi = CloudGov.Proto.Tenant.V1;

namespace CloudGov.ControlPlane.Grpc;

/// <summary>Maps the quota grain's records to the tenant API's messages.</summary>
internal static class QuotaProtoMapping
{
    public static TenantApi.QuotaRequest ToProto(this QuotaRequestRecord r)
    {
        var m = new TenantApi.QuotaRequest
        {
            RequestId = r.RequestId,
            TenantId = r.TenantId,
            Direction = r.Direction == QuotaDirection.Increase ? TenantApi.QuotaDirection.Increase : TenantApi.QuotaDirection.Decrease,
            Amount = r.Amount.ToProto(),
            Justification = r.Justification,
            IdempotencyKey = r.IdempotencyKey,
            RequestedBy = r.RequestedBy,
            RequestedAt = Timestamp.FromDateTimeOffset(r.RequestedAt),
            State = r.State switch
            {
                QuotaRequestState.Pending => TenantApi.QuotaRequestState.Pending,
                QuotaRequestState.Approved => TenantApi.QuotaRequestState.Approved,
                QuotaRequestState.PartiallyApproved => TenantApi.QuotaRequestState.PartiallyApproved,
                QuotaRequestState.Rejected => TenantApi.QuotaRequestState.Rejected,
                _ => TenantApi.QuotaRequestState.Cancelled,
            },
            Granted = r.Granted.ToProto(),
            DecidedBy = r.DecidedBy,
            DecisionReason = r.DecisionReason,
            Rule = r.Rule,
        };
        if (r.DecidedAt is { } at)
        {
            m.DecidedAt = Timestamp.FromDateTimeOffset(at);
        }

        return m;
    }

    public static TenantApi.Tenant ToProto(this TenantNode t, IReadOnlyDictionary<string, TenantNode> all)
    {
        var m = new TenantApi.Tenant
        {
            TenantId = t.TenantId,
            DisplayName = t.DisplayName,
            ParentId = t.ParentId,
            Allocated = t.Allocated.ToProto(),
            Depth = Math.Max(0, Grains.Tenants.TenantHierarchy.Depth(all, t.TenantId)),
        };
        m.Children.AddRange(Grains.Tenants.TenantHierarchy.Children(all, t.TenantId).Select(c => c.TenantId).Order(StringComparer.Ordinal));
        return m;
    }

    public static QuotaDirection ToDomain(this TenantApi.QuotaDirection d) => d == TenantApi.QuotaDirection.Decrease ? QuotaDirection.Decrease : QuotaDirection.Increase;
}
