using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Provenance.Data;

namespace Provenance.Api.Revisions;

public static class RevisionEndpoints
{
    public static IEndpointRouteBuilder MapRevisionEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/revisions").WithTags("Revisions");
        group.MapGet("/{id:long}", GetRevision).WithName("GetRevision")
            .WithSummary("One revision with its text, SHA-256, number, parent, author, summary, status and timestamps.");
        return routes;
    }

    // Compiled once: the hot read skips EF's query-cache lookup and expression work per request.
    private static readonly Func<ProvenanceDbContext, long, CancellationToken, Task<RevisionDetail?>> RevisionById =
        EF.CompileAsyncQuery((ProvenanceDbContext db, long id, CancellationToken ct) => db.Revisions.AsNoTracking()
            .Where(r => r.Id == id)
            .Select(r => new RevisionDetail(
                r.Id, r.TranslationId, r.Translation!.DocumentId, r.Number, r.ParentId, r.AuthorId,
                r.Author == null ? null : r.Author.Name, r.Summary, r.Status, r.Sha256, r.Merged, r.BaseRevisionId,
                r.ReviewerId, r.Reviewer == null ? null : r.Reviewer.Name, r.ReviewComment, r.ReviewedAt, r.CreatedAt, ""))
            .FirstOrDefault());

    public static async Task<Results<Ok<RevisionDetail>, NotFound>> GetRevision(long id, ProvenanceDbContext db, HttpContext http, CancellationToken ct)
    {
        // The text is rebuilt by the revision store (snapshot plus deltas), not read from a column.
        var revision = await RevisionById(db, id, ct);
        if (revision is null)
        {
            return TypedResults.NotFound();
        }

        revision = revision with { Text = await RevisionStore.GetTextAsync(db, revision.Id, ct) };
        http.Response.Headers.ETag = RevisionETag.For(revision.Id);
        return TypedResults.Ok(revision);
    }
}
