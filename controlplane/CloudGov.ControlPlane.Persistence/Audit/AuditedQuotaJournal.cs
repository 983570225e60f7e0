using System.Globalization;
using CloudGov.ControlPlane.Abstractions.Audit;
using CloudGov.ControlPlane.Abstractions.Tenants;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace CloudGov.ControlPlane.Persistence.Audit;

/// <summary>
/// <see cref="IQuotaJournal"/> on the audit store: the quota grain's tenants and requests in rows of their own
/// (bodies written with Orleans' serializer, so the stored records keep their <c>[Id]</c>-based compatibility), and
/// each batch's audit entries appended to the deployment's chain in the same transaction. For every command of a
/// batch two entries follow each other: the decision's own (<c>quota_requested</c>, <c>quota_approved</c>, …) and its
/// outcome (<c>decision_applied</c> with the outcome's detail, or <c>decision_not_applied</c> with why it was refused),
/// the outcome referring to the decision's sequence like <see cref="AuditedDecision"/>'s follow-ups.
/// </summary>
internal sealed class AuditedQuotaJournal(IQuotaAuditStore store, string chain, Serializer serializer, TimeProvider time, ILogger<AuditedQuotaJournal> logger) : IQuotaJournal
{
    private const string RefersTo = "refers_to";

    public async Task<QuotaJournalSnapshot?> LoadAsync(CancellationToken cancellationToken)
    {
        var rows = await store.ReadQuotaAsync(chain, cancellationToken).ConfigureAwait(false);
        if (rows is null)
        {
            return null;
        }

        return new QuotaJournalSnapshot(
            [.. rows.Tenants.Select(b => serializer.Deserialize<TenantNode>(b) ?? throw new InvalidDataException("a stored tenant row is empty"))],
            [.. rows.Requests.Select(b => serializer.Deserialize<QuotaRequestRecord>(b) ?? throw new InvalidDataException("a stored quota request row is empty"))],
            rows.LastSequence,
            rows.TreeVersion);
    }

    public async Task CommitAsync(QuotaJournalBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var changes = new QuotaRowChanges(
            batch.LastSequence,
            batch.TreeVersion,
            [.. batch.Tenants.Select(t => (t.TenantId, serializer.SerializeToArray(t)))],
            batch.RemovedTenants.IsDefault ? [] : batch.RemovedTenants,
            [.. batch.Requests.Select(r => (r.RequestId, r.Sequence, serializer.SerializeToArray(r)))],
            batch.RemovedRequests.IsDefault ? [] : batch.RemovedRequests);
        var at = AuditTrail.Now(time);
        var entries = new List<Func<long, string, AuditEntry>>(batch.Audit.Length * 2);
        foreach (var record in batch.Audit)
        {
            entries.Add(AuditTrail.Builder(chain, at, record.Decision));
            if (FollowUp(record, at) is { } followUp)
            {
                entries.Add(followUp);
            }
        }

        try
        {
            await store.CommitQuotaAsync(chain, changes, entries, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            AuditLog.QuotaCommitFailed(logger, ex, chain, batch.Audit.Length);
            throw new AuditUnavailableException($"the quota decisions and their audit entries could not be stored, so none was made: {ex.Message}", ex);
        }
    }

    /// <summary>The outcome entry, built right after the decision's (so it refers to the sequence before its own).</summary>
    private Func<long, string, AuditEntry>? FollowUp(QuotaAuditRecord record, DateTimeOffset at)
    {
        var decision = record.Decision;
        var outcome = record.Outcome;
        AuditAction action;
        string reason;
        if (outcome.NotAppliedReason is { } why)
        {
            (action, reason) = (AuditAction.DecisionNotApplied, why);
        }
        else if (!outcome.AppliedDetail.IsEmpty)
        {
            (action, reason) = (AuditAction.DecisionApplied, decision.Reason);
        }
        else
        {
            return null;
        }

        // Bounded and encoded here, off the store's single writer; only "refers_to" (the decision's sequence) is left
        // open. The bounding keeps at most AuditLimits.MaxDetailEntries keys in key order, so a placeholder value keeps
        // exactly the keys the real one would (a sequence is far shorter than a detail value may be).
        var detail = outcome.AppliedDetail
            .SetItem(RefersTo, "0")
            .SetItem("refers_to_action", AuditActionNames.Of(decision.Action));
        var template = AuditTrail.Template(chain, at, new AuditEntryDraft(decision.Actor, action, decision.Targets, detail, reason));
        if (!template.Detail.ContainsKey(RefersTo))
        {
            var sealedWithout = AuditSeal.Prepare(template);
            return (sequence, previous) => sealedWithout.Seal(sequence, previous);
        }

        var seal = AuditSeal.Prepare(template, RefersTo);
        return (sequence, previous) => seal.Seal(sequence, previous, (sequence - 1).ToString(CultureInfo.InvariantCulture));
    }
}
