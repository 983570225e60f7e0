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
    /// Appends <paramref name="draft"/>, runs <paramref name="decide"/>, and when <paramref name="notAppliedBecause"/>
    /// gives a reason for its result (or <paramref name="decide"/> throws) records that the decision did not take effect.
    /// </summary>
    public static async Task<T> DecideAsync<T>(
        this IAuditTrail trail,
        AuditEntryDraft draft,
        Func<Task<T>> decide,
        Func<T, string?> notAppliedBecause,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trail);
        ArgumentNullException.ThrowIfNull(decide);
        ArgumentNullException.ThrowIfNull(notAppliedBecause);
        var recorded = await trail.AppendAsync(draft, cancellationToken);
        T result;
        try
        {
            result = await decide();
        }
        catch (Exception ex)
        {
            await NotAppliedAsync(trail, recorded, $"the decision failed: {ex.GetType().Name}: {ex.Message}");
            throw;
        }

        if (notAppliedBecause(result) is { } reason)
        {
            await NotAppliedAsync(trail, recorded, reason);
        }

        return result;
    }

    private static async Task NotAppliedAsync(IAuditTrail trail, AuditEntry recorded, string reason)
    {
        try
        {
            await trail.AppendAsync(AuditEntryDraft.Of(
                recorded.Actor,
                AuditAction.DecisionNotApplied,
                reason,
                recorded.Targets,
                ("refers_to", recorded.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("action", recorded.Action)));
        }
        catch (AuditUnavailableException)
        {
            // The first entry stands; the target's own state (e.g. the plan's history) shows it did not change.
        }
    }
}
