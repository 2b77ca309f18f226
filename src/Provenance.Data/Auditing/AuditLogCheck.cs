using Microsoft.EntityFrameworkCore;
using Provenance.Data.Entities;

namespace Provenance.Data.Auditing;

/// <summary>
/// What a saved checkpoint says about today's log. <see cref="Consistent"/>: its signature checks and the first
/// <c>N</c> events have its root. <see cref="ChainOk"/>: every event hashes to its stored hash and links to the one
/// before. <see cref="DivergesAt"/>: the first tree size at which today's log is shown to differ from the one the
/// checkpoint signed (null when nothing differs, or when only the root shows it).
/// </summary>
public sealed record AuditLogCheckResult(bool Consistent, bool ChainOk, long TreeSize, long CheckpointSize, long? DivergesAt, string? Reason);

public static class AuditLogCheck
{
    public const int BatchSize = 1000;

    /// <summary>
    /// Checks a signed checkpoint against today's events. Answers null and <paramref name="malformed"/> when the text
    /// is not a signed checkpoint at all. Reads every event once, a batch at a time, with the stored leaves beside it.
    /// </summary>
    public static async Task<(AuditLogCheckResult? Result, string? Malformed)> CheckAsync(
        ProvenanceDbContext db, NoteVerifier verifier, string note, CancellationToken ct)
    {
        var opened = verifier.Open(note);
        if (opened.Malformed is not null)
        {
            return (null, opened.Malformed);
        }

        var checkpoint = Checkpoint.Parse(opened.Text!, out var error);
        if (checkpoint is null)
        {
            return (null, error);
        }

        var treeSize = await AuditLogTree.SizeAsync(db, ct);
        if (!string.Equals(checkpoint.Origin, verifier.Name, StringComparison.Ordinal))
        {
            return (new AuditLogCheckResult(false, false, treeSize, checkpoint.Size, null,
                $"the checkpoint is of log '{checkpoint.Origin}', not of '{verifier.Name}'"), null);
        }

        if (!opened.Verified)
        {
            return (new AuditLogCheckResult(false, false, treeSize, checkpoint.Size, null,
                $"no signature of key {verifier.Name} verifies on the checkpoint"), null);
        }

        var walk = await WalkAsync(db, checkpoint.Size, ct);
        var consistent = walk.RootAtSize is { } root && root.AsSpan().SequenceEqual(checkpoint.Root);
        var divergesAt = walk.FirstDifference;
        var reason = walk.Reason;
        if (!consistent && divergesAt is null)
        {
            reason = $"the first {checkpoint.Size} events have another root than the checkpoint's: they were rewritten together with "
                + "their tree, or the database was restored from an older backup and written to since; the root alone cannot say where";
        }

        return (new AuditLogCheckResult(consistent, walk.ChainOk, treeSize, checkpoint.Size, divergesAt, reason), null);
    }

    private sealed record Walk(byte[]? RootAtSize, bool ChainOk, long? FirstDifference, string? Reason);

    private static async Task<Walk> WalkAsync(ProvenanceDbContext db, long checkpointSize, CancellationToken ct)
    {
        var range = new CompactRange();
        byte[]? rootAtSize = checkpointSize == 0 ? range.Root() : null;
        var previousHash = AuditChain.Genesis;
        long expected = 1;
        var chainOk = true;
        long? difference = null;
        string? reason = null;

        void Differs(long sequence, string why)
        {
            if (sequence <= checkpointSize && (difference is null || sequence < difference))
            {
                difference = sequence;
                reason = why;
            }
        }

        while (true)
        {
            var batch = await db.AuditEvents.AsNoTracking()
                .Where(e => e.Sequence >= expected)
                .OrderBy(e => e.Sequence)
                .Take(BatchSize)
                .ToListAsync(ct);
            var last = batch.Count == 0 ? 0 : batch[^1].Sequence;
            var leaves = await db.Set<AuditTreeNode>().AsNoTracking()
                .Where(n => n.Level == 0 && n.Index >= expected - 1 && n.Index < last)
                .ToDictionaryAsync(n => n.Index + 1, n => n.Hash, ct);
            foreach (var e in batch)
            {
                if (e.Sequence != expected)
                {
                    // Nothing after a gap can be the checkpoint's event at its place.
                    chainOk = false;
                    Differs(expected, $"event {expected} is missing");
                    return new Walk(rootAtSize, chainOk, difference, reason);
                }

                if (!string.Equals(AuditChain.ComputeHash(e), e.Hash, StringComparison.Ordinal))
                {
                    chainOk = false;
                    Differs(e.Sequence, $"event {e.Sequence} was changed after it was written: it no longer hashes to its stored hash");
                }
                else if (!string.Equals(e.PreviousHash, previousHash, StringComparison.Ordinal))
                {
                    // The link is what this event recorded of the one before: that one is the changed event.
                    chainOk = false;
                    Differs(Math.Max(1, e.Sequence - 1), $"event {Math.Max(1, e.Sequence - 1)} was changed: event {e.Sequence} links to another hash");
                }

                var leaf = AuditLogTree.Leaf(e.Hash);
                if (!leaves.TryGetValue(e.Sequence, out var stored) || !stored.AsSpan().SequenceEqual(leaf))
                {
                    Differs(e.Sequence, $"event {e.Sequence} is not the event the Merkle tree recorded at its place");
                }

                range.Append(leaf);
                if (range.Size == checkpointSize)
                {
                    rootAtSize = range.Root();
                }

                previousHash = e.Hash;
                expected++;
            }

            if (batch.Count < BatchSize)
            {
                Differs(expected, expected == 1 ? "the log is empty" : $"the log ends at event {expected - 1}");
                return new Walk(rootAtSize, chainOk, difference, reason);
            }
        }
    }
}
