namespace CloudGov.ControlPlane.Abstractions.Audit;

/// <summary>A filtered page of the chain, in chain order (ascending sequence), after <paramref name="AfterSequence"/>.</summary>
/// <param name="From">Only entries at or after this instant, when set.</param>
/// <param name="To">Only entries before this instant, when set.</param>
/// <param name="ActorSubject">Only entries by this subject, when set.</param>
/// <param name="Action">Only entries of this action name, when set.</param>
/// <param name="Target">Only entries naming this target id, when set.</param>
/// <param name="AfterSequence">Only entries with a larger sequence number (0 for the first page).</param>
/// <param name="Limit">At most this many entries.</param>
public sealed record AuditQuery(
    DateTimeOffset? From,
    DateTimeOffset? To,
    string? ActorSubject,
    string? Action,
    string? Target,
    long AfterSequence,
    int Limit);
