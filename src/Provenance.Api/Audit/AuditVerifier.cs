using Microsoft.EntityFrameworkCore;
using Provenance.Data;
using Provenance.Data.Auditing;

namespace Provenance.Api.Audit;

/// <summary>Re-walks the audit chain in sequence order, a batch at a time, recomputing every hash.</summary>
public static class AuditVerifier
{
    public const int BatchSize = 1000;

    public static async Task<AuditVerification> VerifyAsync(ProvenanceDbContext db, CancellationToken ct)
    {
        long expectedSequence = 1;
        var previousHash = AuditChain.Genesis;
        long previousId = 0;
        long checkedCount = 0;
        long lastSequence = 0;
        while (true)
        {
            var batch = await db.AuditEvents.AsNoTracking()
                .Where(e => e.Sequence > lastSequence)
                .OrderBy(e => e.Sequence)
                .Take(BatchSize)
                .ToListAsync(ct);
            if (batch.Count == 0)
            {
                return new AuditVerification(true, checkedCount, null, null, null, checkedCount == 0 ? null : previousHash);
            }

            foreach (var e in batch)
            {
                checkedCount++;
                string? reason = null;
                if (e.Sequence != expectedSequence)
                {
                    reason = $"sequence {e.Sequence} where {expectedSequence} was expected: events are missing before it";
                }
                else if (!string.Equals(e.PreviousHash, previousHash, StringComparison.Ordinal))
                {
                    reason = expectedSequence == 1
                        ? "the first event's previousHash is not the genesis hash"
                        : $"previousHash does not match the hash of event {previousId} (sequence {expectedSequence - 1}): that event or this link was changed";
                }
                else if (!string.Equals(AuditChain.ComputeHash(e), e.Hash, StringComparison.Ordinal))
                {
                    reason = "the stored hash does not match the event's content: the event was changed after it was written";
                }

                if (reason is not null)
                {
                    return new AuditVerification(false, checkedCount, e.Id, e.Sequence, reason, null);
                }

                previousHash = e.Hash;
                previousId = e.Id;
                expectedSequence++;
                lastSequence = e.Sequence;
            }
        }
    }
}
