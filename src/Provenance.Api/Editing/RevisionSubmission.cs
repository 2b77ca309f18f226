using Microsoft.EntityFrameworkCore;
using Npgsql;
using Provenance.Api.Hosting;
using Provenance.Api.Revisions;
using Provenance.Data;
using Provenance.Data.Auditing;
using Provenance.Data.Entities;
using Provenance.Text;
using Provenance.Text.Merge;

namespace Provenance.Api.Editing;

/// <summary>A submission after validation: normalized text, trimmed summary, checked citations, the source it names if any.</summary>
public sealed record ValidSubmission(long BaseRevisionId, string Text, string Summary, IReadOnlyList<Citation> Citations, long? SourceRevisionId = null);

/// <summary>What became of a submission.</summary>
public abstract record SubmissionOutcome
{
    /// <summary>A new revision on top of the head; <see cref="RevisionDetail.Merged"/> when the base was stale.</summary>
    public sealed record Created(RevisionDetail Revision) : SubmissionOutcome;

    /// <summary>The text (after merging) equals the head's: nothing was stored.</summary>
    public sealed record Unchanged(RevisionDetail Head) : SubmissionOutcome;

    /// <summary>
    /// The stale submission and the head changed the same sentences. <paramref name="Bounded"/>: a cost cap made the
    /// merge's comparison coarser, so its regions are larger than the changes (and more of them may conflict).
    /// </summary>
    public sealed record Conflicted(long BaseRevisionId, long HeadRevisionId, int HeadNumber, IReadOnlyList<MergeConflict> Conflicts, bool Bounded)
        : SubmissionOutcome;
}

/// <summary>
/// Stores a submitted revision as the new head of a translation's linear history.
/// Submissions to one translation are serialized by locking its row (<c>SELECT … FOR UPDATE</c>),
/// so the head read, the merge and the insert see one consistent history; the unique index on
/// <c>parent_id</c> and the <c>xmin</c> check on the translation are the database's second line.
/// </summary>
public sealed class RevisionSubmission(ProvenanceDbContext db, AuditTrail audit, TimeProvider time, ILogger<RevisionSubmission> logger)
{
    private const int MaxAttempts = 4;

    public async Task<SubmissionOutcome> SubmitAsync(long translationId, ValidSubmission submission, Actor actor, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await db.InWriteTransactionAsync(write => SubmitOnceAsync(translationId, submission, actor, write), ct);
            }
            catch (Exception e) when (IsLostRace(e) && attempt < MaxAttempts)
            {
                // Another writer moved the head between our read and our write: read it again and merge again.
                logger.LogInformation("Submission to translation {TranslationId} lost a race (attempt {Attempt}); retrying", translationId, attempt);
                db.ChangeTracker.Clear();
            }
            catch (Exception e) when (IsLostRace(e))
            {
                db.ChangeTracker.Clear();
                throw new ProblemException(StatusCodes.Status409Conflict, "Concurrent edit",
                    "The translation kept changing while your revision was being stored; read the head and submit again.");
            }
        }
    }

    private async Task<SubmissionOutcome> SubmitOnceAsync(long translationId, ValidSubmission submission, Actor actor, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM translations WHERE id = {translationId} FOR UPDATE", ct);
        var translation = await db.Translations.FirstOrDefaultAsync(t => t.Id == translationId, ct)
            ?? throw ProblemException.NotFound("Translation", translationId);

        var baseRevision = await db.Revisions.AsNoTracking()
            .Where(r => r.Id == submission.BaseRevisionId)
            .Select(r => new { r.Id, r.TranslationId, r.Number })
            .FirstOrDefaultAsync(ct);
        if (baseRevision is null || baseRevision.TranslationId != translationId)
        {
            throw ProblemException.Validation("baseRevisionId",
                $"Revision {submission.BaseRevisionId} is not a revision of translation {translationId}.");
        }

        if (submission.SourceRevisionId is { } named)
        {
            await Translations.SourceReview.CheckAsync(db, translation.DocumentId, translation.Kind, named, "sourceRevisionId", ct);
        }

        var head = await db.Revisions.AsNoTracking()
            .Where(r => r.Id == translation.HeadRevisionId)
            .Select(r => new { r.Id, r.Number, r.SourceRevisionId })
            .FirstOrDefaultAsync(ct)
            ?? throw new InvalidOperationException($"Translation {translationId} has revisions but no head.");
        // Rejected revisions newer than the base are merged around, not onto: their changes reach a new
        // text only when an editor builds on them (bases a submission on one), never by merging (docs/editing.md).
        var mergeOnto = await db.Revisions.AsNoTracking()
            .Where(r => r.TranslationId == translationId && (r.Number <= baseRevision.Number || r.Status != RevisionStatus.Rejected))
            .OrderByDescending(r => r.Number)
            .Select(r => new { r.Id, r.Number })
            .FirstAsync(ct);
        var skippedRejected = await db.Revisions.AsNoTracking()
            .Where(r => r.TranslationId == translationId && r.Number > mergeOnto.Number && r.Status == RevisionStatus.Rejected)
            .OrderBy(r => r.Number)
            .Select(r => r.Id)
            .ToListAsync(ct);
        var texts = await RevisionStore.GetTextsAsync(db, [baseRevision.Id, head.Id, mergeOnto.Id], ct);
        var headText = texts[head.Id];

        var stale = head.Id != baseRevision.Id;
        string text;
        if (mergeOnto.Id != baseRevision.Id)
        {
            var merge = ThreeWayMerge.Merge(texts[baseRevision.Id], texts[mergeOnto.Id], submission.Text);
            if (!merge.IsClean)
            {
                return new SubmissionOutcome.Conflicted(baseRevision.Id, head.Id, head.Number, merge.Conflicts, merge.Bounded);
            }

            text = merge.MergedText!;
        }
        else
        {
            text = submission.Text;
        }

        // The same text naming a newer source is a revision too: it says the text was checked against that original.
        if (string.Equals(text, headText, StringComparison.Ordinal) && (submission.SourceRevisionId ?? head.SourceRevisionId) == head.SourceRevisionId)
        {
            return new SubmissionOutcome.Unchanged(await RevisionQueries.DetailAsync(db, head.Id, ct));
        }

        var now = time.GetUtcNow();
        var revision = new Revision
        {
            TranslationId = translationId,
            Number = head.Number + 1,
            ParentId = head.Id,
            AuthorId = actor.ContributorId,
            Summary = submission.Summary,
            Text = text,
            Sha256 = TextNormalizer.Sha256Hex(text),
            Status = RevisionStatus.Proposed,
            Merged = stale,
            BaseRevisionId = stale ? baseRevision.Id : null,
            // An edit that names no source still renders the original its parent rendered.
            SourceRevisionId = submission.SourceRevisionId ?? head.SourceRevisionId,
            CreatedAt = now,
        };
        RevisionStore.Encode(revision, parentText: headText);
        db.Revisions.Add(revision);
        translation.HeadRevision = revision;
        foreach (var citation in submission.Citations)
        {
            citation.DocumentId = translation.DocumentId;
            citation.Revision = revision;
            citation.AddedById = actor.ContributorId;
            citation.AddedAt = now;
            db.Citations.Add(citation);
        }

        await db.SaveChangesAsync(ct);

        var citationIds = submission.Citations.Select(c => c.Id).ToList();
        await audit.AppendAsync(stale
            ? new AuditEntry(actor, AuditActions.RevisionMerged, "revision", revision.Id, translation.DocumentId, new
            {
                translationId,
                number = revision.Number,
                parentId = head.Id,
                baseRevisionId = baseRevision.Id,
                headRevisionId = head.Id,
                summary = revision.Summary,
                sha256 = revision.Sha256,
                citationIds,
                sourceRevisionId = revision.SourceRevisionId,
                mergedOntoRevisionId = mergeOnto.Id,
                skippedRejectedRevisionIds = skippedRejected,
            })
            : new AuditEntry(actor, AuditActions.RevisionSubmitted, "revision", revision.Id, translation.DocumentId, new
            {
                translationId,
                number = revision.Number,
                parentId = head.Id,
                summary = revision.Summary,
                sha256 = revision.Sha256,
                citationIds,
                sourceRevisionId = revision.SourceRevisionId,
            }), ct);

        logger.LogInformation("Revision {RevisionId} (#{Number}) of translation {TranslationId} submitted by {Actor}{Merged}",
            revision.Id, revision.Number, translationId, actor.Name, stale ? " (merged)" : "");
        return new SubmissionOutcome.Created(new RevisionDetail(
            revision.Id, translationId, translation.DocumentId, revision.Number, revision.ParentId, revision.AuthorId, actor.Name,
            revision.Summary, revision.Status, revision.Sha256, revision.Merged, revision.BaseRevisionId,
            null, null, null, null, revision.CreatedAt, revision.Text) { SourceRevisionId = revision.SourceRevisionId });
    }

    /// <summary>A write that lost to a concurrent one: stale <c>xmin</c>, a second child of the head, a serialization failure or deadlock.</summary>
    internal static bool IsLostRace(Exception e) => e switch
    {
        DbUpdateConcurrencyException => true,
        DbUpdateException { InnerException: PostgresException p } => IsRaceState(p.SqlState),
        PostgresException p => IsRaceState(p.SqlState),
        _ => false,
    };

    private static bool IsRaceState(string state) =>
        state is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected;
}
