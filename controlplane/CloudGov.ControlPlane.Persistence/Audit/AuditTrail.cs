using System.Collections.Immutable;
using CloudGov.ControlPlane.Abstractions.Audit;
using Microsoft.Extensions.Logging;

namespace CloudGov.ControlPlane.Persistence.Audit;

/// <summary>
/// <see cref="IAuditTrail"/> over an <see cref="IAuditStore"/>: bounds each draft (<see cref="AuditLimits"/>), stamps
/// it with wall-clock time (microseconds), lets the store chain it, and turns any storage failure into
/// <see cref="AuditUnavailableException"/>.
/// </summary>
internal sealed class AuditTrail(IAuditStore store, string chain, TimeProvider time, ILogger<AuditTrail> logger) : IAuditTrail
{
    /// <summary>The chain this deployment appends to.</summary>
    public string Chain => chain;

    public async Task<AuditEntry> AppendAsync(AuditEntryDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var action = AuditActionNames.Of(draft.Action);
        var build = Builder(chain, Now(time), draft);
        try
        {
            var entry = await store.AppendAsync(chain, build, cancellationToken).ConfigureAwait(false);
            AuditLog.Appended(logger, chain, entry.Sequence, action, entry.Actor.Subject);
            return entry;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            AuditLog.AppendFailed(logger, ex, chain, action, draft.Actor.Subject);
            throw new AuditUnavailableException($"the audit trail could not store the '{action}' entry, so the decision was not made: {ex.Message}", ex);
        }
    }

    public async Task<AuditPage> ListAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        var rows = await store.QueryAsync(chain, query with { Limit = query.Limit + 1 }, cancellationToken).ConfigureAwait(false);
        var page = rows.Take(query.Limit).ToImmutableArray();
        return new AuditPage(page, rows.Count > query.Limit ? page[^1].Sequence : null);
    }

    public Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default) =>
        AuditChainVerifier.VerifyAsync(store, chain, cancellationToken);

    /// <summary>The wall-clock time entries are stamped with, cut to microseconds (what the canonical encoding holds).</summary>
    internal static DateTimeOffset Now(TimeProvider time) => AuditCanonical.FromMicroseconds(AuditCanonical.Microseconds(time.GetUtcNow()));

    /// <summary>Builds the sealed entry of <paramref name="draft"/> (bounded to <see cref="AuditLimits"/>) from its sequence and the previous hash.</summary>
    /// <remarks>
    /// Everything but the chain position is bounded and encoded here, by the caller (<see cref="AuditSeal"/>): the
    /// store's single writer only hashes the prepared bytes with the sequence and previous hash it decides.
    /// </remarks>
    internal static Func<long, string, AuditEntry> Builder(string chain, DateTimeOffset at, AuditEntryDraft draft)
    {
        var seal = AuditSeal.Prepare(Template(chain, at, draft));
        return (sequence, previous) => seal.Seal(sequence, previous);
    }

    /// <summary>The bounded entry of <paramref name="draft"/> (<see cref="AuditLimits"/>) before its place in the chain (sequence 0, no hashes).</summary>
    internal static AuditEntry Template(string chain, DateTimeOffset at, AuditEntryDraft draft)
    {
        var action = AuditActionNames.Of(draft.Action);
        var actor = new AuditActor(
            Cut(draft.Actor.Subject, AuditLimits.MaxSubjectLength),
            Cut(draft.Actor.Role, AuditLimits.MaxRoleLength),
            Cut(draft.Actor.TenantId, AuditLimits.MaxTenantLength));
        var targets = Targets(draft.Targets);
        var detail = Detail(draft.Detail);
        var reason = Cut(draft.Reason, AuditLimits.MaxReasonLength);
        return new AuditEntry(chain, 0, at, actor, action, targets, detail, reason, string.Empty, string.Empty);
    }

    internal static string Cut(string? value, int max)
    {
        var text = (value ?? string.Empty).Replace('\0', '\uFFFD');
        return text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
    }

    private static ImmutableArray<string> Targets(ImmutableArray<string> targets)
    {
        if (targets.IsDefaultOrEmpty)
        {
            return [];
        }

        if (targets.Length <= AuditLimits.MaxTargets && All(targets, AuditLimits.MaxTargetLength))
        {
            return targets;   // already within the limits: what the cut below would rebuild, item for item
        }

        var cut = targets.Select(t => Cut(t, AuditLimits.MaxTargetLength));
        return targets.Length <= AuditLimits.MaxTargets
            ? [.. cut]
            : [.. cut.Take(AuditLimits.MaxTargets - 1), $"+{targets.Length - (AuditLimits.MaxTargets - 1)} more"];
    }

    private static ImmutableSortedDictionary<string, string> Detail(ImmutableSortedDictionary<string, string>? detail)
    {
        if (detail is not null && ReferenceEquals(detail.KeyComparer, StringComparer.Ordinal) && detail.Count <= AuditLimits.MaxDetailEntries && Within(detail))
        {
            return detail;   // already ordinal and within the limits: the cut below would rebuild the same pairs
        }

        return Bounded(detail);
    }

    /// <summary>True when no value is longer than <paramref name="max"/> or holds a NUL (<see cref="Cut"/> keeps each as it is).</summary>
    private static bool All(ImmutableArray<string> values, int max)
    {
        foreach (var value in values)
        {
            if (!Kept(value, max))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Within(ImmutableSortedDictionary<string, string> detail)
    {
        foreach (var (key, value) in detail)
        {
            if (!Kept(key, AuditLimits.MaxDetailKeyLength) || !Kept(value, AuditLimits.MaxDetailValueLength))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Kept(string? value, int max) => value is not null && value.Length <= max && !value.Contains('\0');

    private static ImmutableSortedDictionary<string, string> Bounded(ImmutableSortedDictionary<string, string>? detail) =>
        (detail ?? ImmutableSortedDictionary<string, string>.Empty)
            .Take(AuditLimits.MaxDetailEntries)
            .Select(d => (Key: Cut(d.Key, AuditLimits.MaxDetailKeyLength), Value: Cut(d.Value, AuditLimits.MaxDetailValueLength)))
            .DistinctBy(d => d.Key, StringComparer.Ordinal)
            .ToImmutableSortedDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal);
}
