namespace CloudGov.Scheduling.Model;

/// <summary>
/// Why one item of a snapshot cannot be used: which item (<paramref name="Kind"/>, <paramref name="ItemId"/>, empty
/// when the item has no usable id), which field (the property name, e.g. <c>Requests</c>) and what to fix. The
/// message names the rule, never the whole bad value.
/// </summary>
public sealed record SnapshotProblem(SnapshotItemKind Kind, string ItemId, string Field, string Message)
{
    public override string ToString() => ItemId.Length == 0
        ? $"{Kind.ToString().ToLowerInvariant()}: {Field}: {Message}"
        : $"{Kind.ToString().ToLowerInvariant()} '{ItemId}': {Field}: {Message}";
}
