using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Provenance.Api.Caching;
using Provenance.Data;
using Provenance.Text.Blame;

namespace Provenance.Api.Blame;

/// <summary>One stretch of text and the revision that introduced it.</summary>
public sealed record BlameSpanView(
    string Text,
    long RevisionId,
    int RevisionNumber,
    long? AuthorId,
    string? Author,
    DateTimeOffset CreatedAt,
    string Summary,
    DateTimeOffset? AuthoredAt = null);

/// <param name="Bounded">A cost cap made the blame coarser: some text is credited to a later revision than the one that wrote it.</param>
public sealed record BlameView(long RevisionId, long TranslationId, int RevisionNumber, string Granularity, IReadOnlyList<BlameSpanView> Spans, bool Bounded = false);

public static class BlameEndpoints
{
    public static IEndpointRouteBuilder MapBlameEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/revisions/{id:long}/blame", GetBlame).WithTags("Revisions").WithName("BlameRevision")
            .WithSummary("Who wrote what: the revision's text in spans, each credited to the revision that introduced it (granularity=line|sentence). Moved paragraphs keep their origin.")
            .CachedBy(CacheValidators.Blame);
        return routes;
    }

    public static async Task<Results<Ok<BlameView>, NotFound, ValidationProblem>> GetBlame(
        long id, string? granularity, ProvenanceDbContext db, CancellationToken ct)
    {
        BlameGranularity unit;
        switch ((granularity ?? "line").Trim().ToLowerInvariant())
        {
            case "line": unit = BlameGranularity.Line; break;
            case "sentence": unit = BlameGranularity.Sentence; break;
            default:
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["granularity"] = ["granularity is line or sentence."] });
        }

        var target = await db.Revisions.AsNoTracking().Where(r => r.Id == id)
            .Select(r => new { r.TranslationId, r.Number }).FirstOrDefaultAsync(ct);
        if (target is null)
        {
            return TypedResults.NotFound();
        }

        // The history is the parent chain from the revision back to the first; rejected side branches are not on it.
        var candidates = await db.Revisions.AsNoTracking()
            .Where(r => r.TranslationId == target.TranslationId && r.Number <= target.Number)
            .Select(r => new { r.Id, r.ParentId, r.Number, r.AuthorId, Author = r.Author == null ? null : r.Author.Name, r.CreatedAt, r.Summary, AuthoredAt = r.AuthoredAt ?? r.CreatedAt })
            .ToDictionaryAsync(r => r.Id, ct);
        var chain = new List<long>();
        for (long? at = id; at is { } current && candidates.TryGetValue(current, out var revision) && chain.Count < candidates.Count; at = revision.ParentId)
        {
            chain.Add(current);
        }

        chain.Reverse();
        var history = chain.Select(c => candidates[c]).ToList();
        var texts = await RevisionStore.GetTextsAsync(db, chain, ct);
        var spans = BlameCalculator.Blame(history.Select(r => texts[r.Id]).ToList(), unit, out var bounded);
        var views = spans.Select(s =>
        {
            var r = history[s.RevisionIndex];
            return new BlameSpanView(s.Text, r.Id, r.Number, r.AuthorId, r.Author, r.CreatedAt, r.Summary, r.AuthoredAt);
        }).ToList();
        return TypedResults.Ok(new BlameView(id, target.TranslationId, target.Number, unit.ToString().ToLowerInvariant(), views, bounded));
    }
}
