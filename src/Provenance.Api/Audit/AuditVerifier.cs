using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Provenance.Data;
using Provenance.Data.Auditing;
using Provenance.Data.Entities;

namespace Provenance.Api.Audit;

/// <summary>
/// Re-walks the audit chain in sequence order, a batch at a time, recomputing every hash; then checks every
/// revision's stored facts against the events that recorded them. A row changed behind the application's back
/// (<c>UPDATE revisions SET summary = …</c>) leaves the chain intact but no longer agrees with it.
/// </summary>
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
        var recorded = new Dictionary<long, RecordedRevision>();
        while (true)
        {
            var batch = await db.AuditEvents.AsNoTracking()
                .Where(e => e.Sequence > lastSequence)
                .OrderBy(e => e.Sequence)
                .Take(BatchSize)
                .ToListAsync(ct);
            if (batch.Count == 0)
            {
                return await VerifyRevisionsAsync(db, recorded, ct) is { } mismatch
                    ? new AuditVerification(false, checkedCount, mismatch.EventId, mismatch.Sequence, mismatch.Reason, null, mismatch.RevisionId)
                    : new AuditVerification(true, checkedCount, null, null, null, checkedCount == 0 ? null : previousHash);
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

                Record(recorded, e);
                previousHash = e.Hash;
                previousId = e.Id;
                expectedSequence++;
                lastSequence = e.Sequence;
            }
        }
    }

    /// <summary>What the events say about one revision; a fact no event states is not checked.</summary>
    private sealed class RecordedRevision
    {
        public required AuditEvent RecordedBy { get; init; }
        public string? Sha256 { get; set; }
        public int? Number { get; set; }
        public bool HasParent { get; set; }
        public long? ParentId { get; set; }
        public string? Summary { get; set; }
        public bool HasAuthor { get; set; }
        public long? AuthorId { get; set; }
        public RevisionStatus? Status { get; set; }
        public AuditEvent? StatusEvent { get; set; }
        public bool Reviewed { get; set; }
        public long? ReviewerId { get; set; }
        public string? ReviewComment { get; set; }
    }

    private sealed record Mismatch(long RevisionId, long? EventId, long? Sequence, string Reason);

    private static void Record(Dictionary<long, RecordedRevision> recorded, AuditEvent e)
    {
        var creates = e.Action is AuditActions.RevisionSubmitted or AuditActions.RevisionMerged or AuditActions.RevisionImported;
        if (!creates && e.Action is not (AuditActions.RevisionReviewed or AuditActions.DocumentImported or AuditActions.TranslationImported))
        {
            return;
        }

        JsonElement details;
        try
        {
            using var parsed = JsonDocument.Parse(e.Details);
            details = parsed.RootElement.Clone();
        }
        catch (JsonException)
        {
            return; // Its hash matched, so it was written so; nothing about a revision to learn from it.
        }

        if (details.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        long? revisionId = e.EntityType == "revision" ? e.EntityId : Long(details, "revisionId");
        if (revisionId is not { } id)
        {
            return;
        }

        if (e.Action == AuditActions.RevisionReviewed)
        {
            if (recorded.TryGetValue(id, out var reviewed))
            {
                reviewed.Reviewed = true;
                reviewed.ReviewerId = e.ActorId;
                reviewed.ReviewComment = details.TryGetProperty("comment", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                reviewed.Status = details.TryGetProperty("decision", out var d) && d.ValueKind == JsonValueKind.String && d.GetString() == "reject"
                    ? RevisionStatus.Rejected : RevisionStatus.Approved;
                reviewed.StatusEvent = e;
            }

            if (details.TryGetProperty("supersededRevisionIds", out var superseded) && superseded.ValueKind == JsonValueKind.Array)
            {
                foreach (var s in superseded.EnumerateArray())
                {
                    if (s.TryGetInt64(out var sid) && recorded.TryGetValue(sid, out var older))
                    {
                        older.Status = RevisionStatus.Superseded;
                        older.StatusEvent = e;
                    }
                }
            }

            return;
        }

        var r = new RecordedRevision { RecordedBy = e, Sha256 = String(details, "sha256") };
        if (Long(details, "number") is { } number)
        {
            r.Number = (int)number;
        }

        if (details.TryGetProperty("parentId", out var parent))
        {
            r.HasParent = true;
            r.ParentId = parent.ValueKind == JsonValueKind.Number ? parent.GetInt64() : null;
        }

        r.Summary = String(details, "summary");
        if (details.TryGetProperty("authorId", out var author))
        {
            r.HasAuthor = true;
            r.AuthorId = author.ValueKind == JsonValueKind.Number ? author.GetInt64() : null;
        }
        else if (e.Action is AuditActions.RevisionSubmitted or AuditActions.RevisionMerged)
        {
            // A submission's author is the key's contributor, the event's actor.
            r.HasAuthor = true;
            r.AuthorId = e.ActorId;
        }

        if (e.Action is AuditActions.RevisionSubmitted or AuditActions.RevisionMerged)
        {
            r.Status = RevisionStatus.Proposed;
            r.StatusEvent = e;
        }
        else if (String(details, "status") is { } status && Enum.TryParse<RevisionStatus>(status, ignoreCase: true, out var parsedStatus))
        {
            r.Status = parsedStatus;
            r.StatusEvent = e;
        }

        recorded.TryAdd(id, r);
    }

    private static async Task<Mismatch?> VerifyRevisionsAsync(ProvenanceDbContext db, Dictionary<long, RecordedRevision> recorded, CancellationToken ct)
    {
        long lastId = 0;
        while (true)
        {
            var batch = await db.Revisions.AsNoTracking()
                .Where(r => r.Id > lastId)
                .OrderBy(r => r.Id)
                .Take(BatchSize)
                .Select(r => new { r.Id, r.Number, r.ParentId, r.AuthorId, r.Summary, r.Sha256, r.Status, r.ReviewerId, r.ReviewComment })
                .ToListAsync(ct);
            if (batch.Count == 0)
            {
                return null;
            }

            foreach (var row in batch)
            {
                lastId = row.Id;
                if (!recorded.TryGetValue(row.Id, out var expected))
                {
                    return new Mismatch(row.Id, null, null, $"revision {row.Id} is stored but no audit event records it: it was inserted behind the application's back");
                }

                string? fact =
                    expected.Sha256 is not null && !string.Equals(expected.Sha256, row.Sha256, StringComparison.Ordinal) ? "sha256"
                    : expected.Number is { } n && n != row.Number ? "number"
                    : expected.HasParent && expected.ParentId != row.ParentId ? "parentId"
                    : expected.Summary is not null && !string.Equals(expected.Summary, row.Summary, StringComparison.Ordinal) ? "summary"
                    : expected.HasAuthor && expected.AuthorId != row.AuthorId ? "author"
                    : null;
                var at = expected.RecordedBy;
                if (fact is null && expected.Status is { } status && status != row.Status)
                {
                    fact = "status";
                    at = expected.StatusEvent ?? at;
                }

                if (fact is null && expected.Reviewed && (expected.ReviewerId != row.ReviewerId || !string.Equals(expected.ReviewComment, row.ReviewComment, StringComparison.Ordinal)))
                {
                    fact = "reviewer";
                    at = expected.StatusEvent ?? at;
                }

                if (fact is not null)
                {
                    return new Mismatch(row.Id, at.Id, at.Sequence, string.Create(CultureInfo.InvariantCulture,
                        $"revision {row.Id}'s stored {fact} differs from what event {at.Id} ({at.Action}) recorded: the revision was changed behind the application's back"));
                }
            }
        }
    }

    private static long? Long(JsonElement details, string name) =>
        details.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    private static string? String(JsonElement details, string name) =>
        details.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
