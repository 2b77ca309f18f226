using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Provenance.Api.Caching;
using Provenance.Api.Documents;
using Provenance.Api.Revisions;
using Provenance.Data;

namespace Provenance.Api.Translations;

public static class TranslationEndpoints
{
    public static IEndpointRouteBuilder MapTranslationEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/translations").WithTags("Translations");
        group.MapGet("/{id:long}", GetTranslation).WithName("GetTranslation")
            .WithSummary("One translation: language, kind, translator, published and head revisions.")
            .CachedBy(CacheValidators.Translation);
        group.MapGet("/{id:long}/revisions", ListRevisions).WithName("ListRevisions")
            .WithSummary("The translation's linear history, newest first, without texts.")
            .CachedBy(CacheValidators.Translation);
        return routes;
    }

    public static async Task<Results<Ok<TranslationView>, NotFound>> GetTranslation(long id, ProvenanceDbContext db, CancellationToken ct)
    {
        var translation = await db.Translations.AsNoTracking().Include(t => t.Translator).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (translation is null)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok((await SourceReview.WithSourcesAsync(db, [DocumentEndpoints.ToView(translation)], ct))[0]);
    }

    // Compiled once: the hot read skips EF's query-cache lookup and expression work per request.
    private static readonly Func<ProvenanceDbContext, long, IAsyncEnumerable<RevisionSummary>> HistoryOf =
        EF.CompileAsyncQuery((ProvenanceDbContext db, long id) => db.Revisions.AsNoTracking()
            .Where(r => r.TranslationId == id)
            .OrderByDescending(r => r.Number)
            .Select(r => new RevisionSummary(
                r.Id, r.TranslationId, r.Number, r.ParentId, r.AuthorId, r.Author == null ? null : r.Author.Name,
                r.Summary, r.Status, r.Sha256, r.Merged, r.BaseRevisionId, r.ReviewerId,
                r.Reviewer == null ? null : r.Reviewer.Name, r.ReviewComment, r.ReviewedAt, r.CreatedAt)));

    public static async Task<Results<Ok<IReadOnlyList<RevisionSummary>>, NotFound>> ListRevisions(long id, ProvenanceDbContext db, CancellationToken ct)
    {
        var revisions = new List<RevisionSummary>();
        await foreach (var revision in HistoryOf(db, id).WithCancellation(ct))
        {
            revisions.Add(revision);
        }

        // Every stored translation has at least one revision, so only an empty answer needs the existence check.
        if (revisions.Count == 0 && !await db.Translations.AnyAsync(t => t.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok<IReadOnlyList<RevisionSummary>>(revisions);
    }
}
