using Microsoft.EntityFrameworkCore;
using Provenance.Api.Hosting;
using Provenance.Api.Revisions;
using Provenance.Data;

namespace Provenance.Api.Editing;

internal static class RevisionQueries
{
    /// <summary>
    /// A revision's detail without its text (the revision store rebuilds that). Compiled once: the hot read skips
    /// EF's query-cache lookup and expression work per request.
    /// </summary>
    public static readonly Func<ProvenanceDbContext, long, CancellationToken, Task<RevisionDetail?>> DetailWithoutText =
        EF.CompileAsyncQuery((ProvenanceDbContext db, long id, CancellationToken ct) => db.Revisions.AsNoTracking()
            .Where(r => r.Id == id)
            .Select(r => new RevisionDetail(
                r.Id, r.TranslationId, r.Translation!.DocumentId, r.Number, r.ParentId, r.AuthorId,
                r.Author == null ? null : r.Author.Name, r.Summary, r.Status, r.Sha256, r.Merged, r.BaseRevisionId,
                r.ReviewerId, r.Reviewer == null ? null : r.Reviewer.Name, r.ReviewComment, r.ReviewedAt, r.CreatedAt, "")
                { PublishedWithoutReview = r.PublishedWithoutReview, SourceRevisionId = r.SourceRevisionId })
            .FirstOrDefault());

    public static async Task<RevisionDetail> DetailAsync(ProvenanceDbContext db, long revisionId, CancellationToken ct)
    {
        var detail = await DetailWithoutText(db, revisionId, ct) ?? throw ProblemException.NotFound("Revision", revisionId);
        return detail with { Text = await RevisionStore.GetTextAsync(db, revisionId, ct) };
    }
}
