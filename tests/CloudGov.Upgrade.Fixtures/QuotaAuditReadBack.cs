using CloudGov.Proto.Audit.V1;
using CloudGov.Proto.Tenant.V1;
using Grpc.Core;
using Common = CloudGov.Proto.Common.V1;

namespace CloudGov.Upgrade.Fixtures;

/// <summary>
/// Reads the tenant hierarchy, the quota requests and the audit trail through the public API as manifest
/// expectations: the generator writes what one release reports, <c>UpgradeFixtureTests</c> (which links this file)
/// reads a later build the same way and compares.
/// </summary>
internal static class QuotaAuditReadBack
{
    /// <summary>Every tenant, parents before children, as an operator lists them.</summary>
    public static async Task<List<TenantExpectation>> TenantsAsync(QuotaService.QuotaServiceClient quota, Metadata operatorHeaders, DateTime deadline) =>
        [.. (await quota.ListTenantsAsync(new ListTenantsRequest(), operatorHeaders, deadline)).Tenants.Select(Of)];

    /// <summary>Every quota request, newest first (the fixture holds far fewer than one page of 500).</summary>
    public static async Task<List<QuotaRequestExpectation>> RequestsAsync(QuotaService.QuotaServiceClient quota, Metadata operatorHeaders, DateTime deadline) =>
        [.. (await quota.ListQuotaRequestsAsync(new ListQuotaRequestsRequest { Limit = 500 }, operatorHeaders, deadline)).Requests.Select(Of)];

    /// <summary>Every audit entry in chain order, page by page, with the head the chain's verification reports.</summary>
    public static async Task<AuditExpectation> AuditAsync(AuditService.AuditServiceClient audit, Metadata auditorHeaders, Func<DateTime> deadline)
    {
        var verified = await audit.VerifyAuditChainAsync(new VerifyAuditChainRequest(), auditorHeaders, deadline());
        if (!verified.Intact)
        {
            throw new InvalidOperationException($"The audit chain does not verify: {verified.Message}");
        }

        return new AuditExpectation(verified.Chain, verified.HeadSequence, verified.HeadHash, await EntriesAsync(audit, auditorHeaders, deadline));
    }

    /// <summary>Every audit entry in chain order.</summary>
    public static async Task<List<AuditEntryExpectation>> EntriesAsync(AuditService.AuditServiceClient audit, Metadata auditorHeaders, Func<DateTime> deadline)
    {
        var entries = new List<AuditEntryExpectation>();
        var request = new ListAuditEntriesRequest { PageSize = 500 };
        do
        {
            var page = await audit.ListAuditEntriesAsync(request, auditorHeaders, deadline());
            entries.AddRange(page.Entries.Select(Of));
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        return entries;
    }

    public static AmountExpectation Of(Common.ResourceVector? v) =>
        v is null ? new AmountExpectation(0, 0, 0, 0) : new AmountExpectation(v.CpuMillicores, v.MemoryMib, v.StorageGib, v.Gpu);

    public static Common.ResourceVector ToVector(AmountExpectation a) =>
        new() { CpuMillicores = a.CpuMillicores, MemoryMib = a.MemoryMib, StorageGib = a.StorageGib, Gpu = a.Gpu };

    public static TenantExpectation Of(Tenant t) =>
        new(t.TenantId, t.DisplayName, t.ParentId, t.Depth, Of(t.Allocated), [.. t.Children]);

    public static QuotaRequestExpectation Of(QuotaRequest r) => new(
        r.RequestId,
        r.TenantId,
        ProtoNames.Of(r.Direction),
        Of(r.Amount),
        r.Justification,
        r.IdempotencyKey,
        r.RequestedBy,
        r.RequestedAt.ToDateTimeOffset(),
        ProtoNames.Of(r.State),
        Of(r.Granted),
        r.DecidedBy,
        r.DecisionReason,
        r.Rule,
        r.DecidedAt?.ToDateTimeOffset());

    public static AuditEntryExpectation Of(AuditEntry e) => new(
        e.Sequence,
        e.Time.ToDateTimeOffset(),
        e.ActorSubject,
        e.ActorRole,
        e.ActorTenantId,
        e.Action,
        [.. e.TargetIds],
        new SortedDictionary<string, string>(e.Detail, StringComparer.Ordinal),
        e.Reason,
        e.PreviousHash,
        e.Hash);
}
