using System.Globalization;

namespace CloudGov.ControlPlane.Abstractions.Audit;

/// <summary>
/// The one call a decision site makes: record first, then decide. If recording fails the decision is not attempted
/// (the caller sees <see cref="AuditUnavailableException"/>); if the decision then is refused or fails, a
/// <see cref="AuditAction.DecisionNotApplied"/> entry naming the first one follows, so the trail never claims an effect
/// that did not happen without saying so.
/// </summary>
public static class AuditedDecision
{
    /// <summary>
    /// Appends <paramref name="draft"/>, runs <paramref name="decide"/>, and records what <paramref name="outcome"/>
    /// says of its result: nothing more when applied as recorded, a <see cref="AuditAction.DecisionApplied"/> entry when
    /// the outcome adds detail, a <see cref="AuditAction.DecisionNotApplied"/> entry when refused (or when
    /// <paramref name="decide"/> throws; the exception is rethrown).
    /// </summary>
    /// <exception cref="AuditUnavailableException">The decision could not be recorded, so it was not attempted.</exception>
    public static async Task<T> DecideAsync<T>(
        this IAuditTrail trail,
        AuditEntryDraft draft,
        Func<Task<T>> decide,
        Func<T, AuditOutcome> outcome,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trail);
        ArgumentNullException.ThrowIfNull(decide);
        ArgumentNullException.ThrowIfNull(outcome);
        var recorded = await trail.AppendAsync(draft, cancellationToken);
        T result;
        try
        {
            result = await decide();
        }
        catch (Exception ex)
        {
            await FollowUpAsync(trail, recorded, AuditAction.DecisionNotApplied, $"the decision failed: {ex.GetType().Name}: {ex.Message}", []);
            throw;
        }

        var said = outcome(result);
        if (said.NotAppliedReason is { } reason)
        {
            await FollowUpAsync(trail, recorded, AuditAction.DecisionNotApplied, reason, []);
        }
        else if (!said.AppliedDetail.IsEmpty)
        {
            await FollowUpAsync(trail, recorded, AuditAction.DecisionApplied, recorded.Reason, said.AppliedDetail);
        }

        return result;
    }

    private static async Task FollowUpAsync(IAuditTrail trail, AuditEntry recorded, AuditAction action, string reason, IEnumerable<KeyValuePair<string, string>> detail)
    {
        var facts = detail.ToImmutableSortedDictionary(StringComparer.Ordinal)
            .SetItem("refers_to", recorded.Sequence.ToString(CultureInfo.InvariantCulture))
            .SetItem("refers_to_action", recorded.Action);
        try
        {
            // Not cancellable: the decision has run, its outcome is recorded whatever the caller does now.
            await trail.AppendAsync(new AuditEntryDraft(recorded.Actor, action, recorded.Targets, facts, reason), CancellationToken.None);
        }
        catch (AuditUnavailableException)
        {
            // The first entry stands; the target's own state (a plan's history, a ledger record) shows what became of it.
        }
    }
}
