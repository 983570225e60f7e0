using CloudGov.ControlPlane.Abstractions.Audit;

namespace CloudGov.ControlPlane.Persistence.Audit;

/// <summary>
/// Walks a chain from sequence 1 to its head, in pages, and names the first entry that was changed, removed or
/// reordered: every entry must sit at the next sequence number, hash to its stored hash (the sequence is part of the
/// hash, so a moved entry does not), link to the previous entry's hash, and the last one must be the recorded head.
/// </summary>
public static class AuditChainVerifier
{
    /// <summary>Rows read per page.</summary>
    public const int PageSize = 1000;

    /// <summary>Verifies <paramref name="chain"/> in <paramref name="store"/>.</summary>
    public static async Task<AuditVerification> VerifyAsync(IAuditStore store, string chain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var head = await store.ReadHeadAsync(chain, cancellationToken).ConfigureAwait(false) ?? new AuditHead(0, AuditEntry.GenesisHash);
        long expected = 1;
        string previous = AuditEntry.GenesisHash;
        long checkedCount = 0;
        while (true)
        {
            var page = await store.ReadAsync(chain, expected - 1, PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var entry in page)
            {
                if (await CheckAsync(store, chain, entry, expected, previous, head.Sequence, cancellationToken).ConfigureAwait(false) is { } broken)
                {
                    return Result(broken.Break, broken.Sequence, broken.Message);
                }

                previous = entry.Hash;
                expected++;
                checkedCount++;
            }

            if (page.Count < PageSize)
            {
                break;
            }
        }

        long last = expected - 1;
        if (last < head.Sequence)
        {
            return Result(AuditBreak.Removed, last + 1,
                $"entry {last + 1} is missing: the chain's head records {head.Sequence} entries but only {last} are stored (entries {last + 1}–{head.Sequence} were removed)");
        }

        if (last > head.Sequence)
        {
            return Result(AuditBreak.Changed, head.Sequence + 1,
                $"entry {head.Sequence + 1} was added outside the trail: the chain's head records {head.Sequence} entries but {last} are stored");
        }

        if (!string.Equals(previous, head.Hash, StringComparison.Ordinal))
        {
            return Result(AuditBreak.Changed, last,
                $"entry {last} does not end the chain the head records: entry {last} was changed and re-hashed, or entries after it were removed and the head rewound");
        }

        return Result(AuditBreak.None, null, last == 0 ? "the chain is empty" : $"intact: {last} entries, head {head.Hash}");

        AuditVerification Result(AuditBreak kind, long? sequence, string message) =>
            new(chain, checkedCount, kind, sequence, message, head.Sequence, head.Hash);
    }

    private static async Task<(AuditBreak Break, long Sequence, string Message)?> CheckAsync(
        IAuditStore store, string chain, AuditEntry entry, long expected, string previous, long headSequence, CancellationToken cancellationToken)
    {
        if (entry.Sequence != expected)
        {
            return (AuditBreak.Removed, expected, $"entry {expected} is missing: the next stored entry is {entry.Sequence}");
        }

        if (!string.Equals(AuditCanonical.HashOf(entry), entry.Hash, StringComparison.Ordinal))
        {
            // Content that hashes correctly at another position was moved here; otherwise it was edited in place.
            if (await AppendedAtAsync(store, chain, entry, headSequence, cancellationToken).ConfigureAwait(false) is { } original)
            {
                return (AuditBreak.Reordered, entry.Sequence, $"entry {entry.Sequence} was reordered: the entry stored there was appended as entry {original}");
            }

            return (AuditBreak.Changed, entry.Sequence, $"entry {entry.Sequence} was changed: its content does not match its hash");
        }

        if (!string.Equals(entry.PreviousHash, previous, StringComparison.Ordinal))
        {
            return entry.Sequence == 1
                ? (AuditBreak.Changed, 1, "entry 1 was changed: it does not start from the genesis hash")
                : (AuditBreak.Changed, entry.Sequence - 1,
                    $"entry {entry.Sequence - 1} was changed and re-hashed: entry {entry.Sequence} was chained to a different hash");
        }

        return null;
    }

    /// <summary>
    /// The sequence number <paramref name="entry"/>'s content was appended at, when it hashes correctly there (and not at
    /// its current place): first the position after its predecessor's current place, then every position of the chain.
    /// Runs once, at the first break.
    /// </summary>
    private static async Task<long?> AppendedAtAsync(IAuditStore store, string chain, AuditEntry entry, long headSequence, CancellationToken cancellationToken)
    {
        bool HashesAt(long sequence) => sequence != entry.Sequence && string.Equals(AuditCanonical.HashOf(entry with { Sequence = sequence }), entry.Hash, StringComparison.Ordinal);

        if (await store.FindByHashAsync(chain, entry.PreviousHash, cancellationToken).ConfigureAwait(false) is { } before && HashesAt(before + 1))
        {
            return before + 1;
        }

        long last = Math.Max(headSequence, entry.Sequence);
        for (long sequence = 1; sequence <= last; sequence++)
        {
            if (HashesAt(sequence))
            {
                return sequence;
            }
        }

        return null;
    }
}
