using Microsoft.EntityFrameworkCore;
using Provenance.Api.Hosting;
using Provenance.Api.Revisions;
using Provenance.Data;

namespace Provenance.Api.Editing;

internal static class RevisionQueries
{
    public static async Task<RevisionDetail> DetailAsync(ProvenanceDbContext db, long revisionId, CancellationToken ct)
    {
        var detail = await db.Revisions.AsNoTracking()
            .Where(r => r.Id == revisionId)
            .Select(r => new RevisionDetail(
                r.Id, r.TranslationId, r.Translation!.DocumentId, r.Number, r.ParentId, r.AuthorId,
                r.Author == null ? null : r.Author.Name, r.Summary, r.Status, r.Sha256, r.Merged, r.BaseRevisionId,
                r.ReviewerId, r.Reviewer == null ? null : r.Reviewer.Name, r.ReviewComment, r.ReviewedAt, r.CreatedAt, ""))
            .FirstOrDefaultAsync(ct)
            ?? throw ProblemException.NotFound("Revision", revisionId);
        return detail with { Text = await RevisionStore.GetTextAsync(db, revisionId, ct) };
    }
}
