using Microsoft.EntityFrameworkCore;
using Provenance.Api.Hosting;
using Provenance.Api.Revisions;
using Provenance.Data;
using Provenance.Data.Auditing;
using Provenance.Data.Entities;

namespace Provenance.Api.Editing;

public enum ReviewDecision
{
    Approve,
    Reject,
}

/// <summary>
/// Approves or rejects a proposed revision. Approving publishes it when it is newer than the
/// published revision, and marks older still-proposed revisions <c>superseded</c>: in a linear
/// history the approved text already descends from them, so they can never be published on their own.
/// </summary>
public sealed class RevisionReview(ProvenanceDbContext db, AuditTrail audit, TimeProvider time, ILogger<RevisionReview> logger)
{
    public async Task<RevisionDetail> ReviewAsync(long revisionId, ReviewDecision decision, string? comment, Actor reviewer, CancellationToken ct)
    {
        var translationId = await db.Revisions.AsNoTracking()
            .Where(r => r.Id == revisionId)
            .Select(r => (long?)r.TranslationId)
            .FirstOrDefaultAsync(ct)
            ?? throw ProblemException.NotFound("Revision", revisionId);

        await db.InWriteTransactionAsync(async write =>
        {
            // Reviews of one translation go one at a time, like submissions: "newest approved" stays well defined.
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM translations WHERE id = {translationId} FOR UPDATE", write);
            var translation = await db.Translations.FirstAsync(t => t.Id == translationId, write);
            var revision = await db.Revisions.FirstAsync(r => r.Id == revisionId, write);

            // Whoever imported a history is answerable for it like an author (ADR 0006).
            ReviewRule.EnsureReviewable("revision", revisionId, revision.Status, reviewer, revision.AuthorId, revision.ImportedById);

            var now = time.GetUtcNow();
            revision.Status = decision == ReviewDecision.Approve ? RevisionStatus.Approved : RevisionStatus.Rejected;
            revision.ReviewerId = reviewer.ContributorId;
            revision.ReviewComment = comment;
            revision.ReviewedAt = now;

            var published = false;
            List<long> superseded = [];
            if (decision == ReviewDecision.Approve)
            {
                var publishedNumber = await db.Revisions.AsNoTracking()
                    .Where(r => r.Id == translation.CurrentRevisionId)
                    .Select(r => (int?)r.Number)
                    .FirstOrDefaultAsync(write);

                // Approving publishes every change since the published revision, not only this one's:
                // four eyes means the reviewer wrote (or merged, or imported) none of them.
                var ownInSpan = await db.Revisions.AsNoTracking()
                    .Where(r => r.TranslationId == translationId && r.Number <= revision.Number
                        && (publishedNumber == null || r.Number > publishedNumber)
                        && (r.AuthorId == reviewer.ContributorId || r.ImportedById == reviewer.ContributorId))
                    .OrderBy(r => r.Number)
                    .Select(r => new { r.Id, r.Number })
                    .FirstOrDefaultAsync(write);
                if (ownInSpan is not null)
                {
                    throw new ProblemException(StatusCodes.Status403Forbidden, "Forbidden",
                        $"Approving revision {revision.Number} would publish revision {ownInSpan.Number}, which you wrote or imported; "
                        + "every change since the published revision is reviewed by someone other than its author.",
                        new Dictionary<string, object?> { ["authoredRevisionId"] = ownInSpan.Id });
                }

                if (publishedNumber is null || revision.Number > publishedNumber)
                {
                    translation.CurrentRevisionId = revision.Id;
                    published = true;
                }

                var older = await db.Revisions
                    .Where(r => r.TranslationId == translationId && r.Number < revision.Number && r.Status == RevisionStatus.Proposed)
                    .ToListAsync(write);
                foreach (var r in older)
                {
                    r.Status = RevisionStatus.Superseded;
                    superseded.Add(r.Id);
                }
            }

            await db.SaveChangesAsync(write);
            if (published)
            {
                // The published text is what search indexes.
                await DocumentSearch.RefreshAsync(db, translation.DocumentId, write);
            }

            await audit.AppendAsync(new AuditEntry(reviewer, AuditActions.RevisionReviewed, "revision", revision.Id, translation.DocumentId, new
            {
                translationId,
                number = revision.Number,
                decision = decision == ReviewDecision.Approve ? "approve" : "reject",
                comment,
                published,
                supersededRevisionIds = superseded,
            }), write);
            logger.LogInformation("Revision {RevisionId} {Decision} by {Reviewer}", revision.Id, revision.Status, reviewer.Name);
            return revision.Id;
        }, ct);

        return await RevisionQueries.DetailAsync(db, revisionId, ct);
    }
}
