using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Provenance.Data;
using Provenance.Text.Comparison;

namespace Provenance.Api.Diffs;

/// <summary>One translation as compared: which revision's text was aligned.</summary>
public sealed record ComparedTranslation(long TranslationId, string Language, string? Translator, long RevisionId, int RevisionNumber);

public sealed record CompareResponse(
    long DocumentId,
    ComparedTranslation Left,
    ComparedTranslation Right,
    int LeftParagraphCount,
    int RightParagraphCount,
    int LeftSegmentCount,
    int RightSegmentCount,
    ComparisonNormalization Normalization,
    bool Bounded,
    IReadOnlyList<ComparedPair> Pairs);

public static class CompareEndpoints
{
    public static IEndpointRouteBuilder MapCompareEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/documents/{id:long}/compare", CompareTranslations).WithTags("Diffs").WithName("CompareTranslations")
            .WithSummary("Align two translations of one document sentence to sentence after normalization for comparing (1:1, 1:n, n:1, n:n, one side only), with similarity, word diff, differing numbers and names, and the normalization steps applied.");
        return routes;
    }

    public static async Task<Results<Ok<CompareResponse>, ValidationProblem, ProblemHttpResult>> CompareTranslations(
        long id, long? left, long? right, ProvenanceDbContext db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (left is null) { errors["left"] = ["left is the id of a translation of this document."]; }
        if (right is null) { errors["right"] = ["right is the id of a translation of this document."]; }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!await db.Documents.AnyAsync(d => d.Id == id, ct))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"Document {id} does not exist.");
        }

        var translations = await db.Translations.AsNoTracking()
            .Where(t => t.DocumentId == id && (t.Id == left || t.Id == right))
            .Select(t => new
            {
                t.Id,
                t.Language,
                Translator = t.Translator == null ? null : t.Translator.Name,
                // Readers compare what is published; a translation with nothing approved yet shows its head.
                Revision = db.Revisions.Where(r => r.Id == (t.CurrentRevisionId ?? t.HeadRevisionId))
                    .Select(r => new { r.Id, r.Number }).FirstOrDefault(),
            })
            .ToListAsync(ct);

        foreach (var (name, wanted) in new[] { ("left", left!.Value), ("right", right!.Value) })
        {
            if (translations.All(t => t.Id != wanted))
            {
                errors[name] = [$"Translation {wanted} is not a translation of document {id}."];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var l = translations.First(t => t.Id == left);
        var r = translations.First(t => t.Id == right);
        var texts = await RevisionStore.GetTextsAsync(db, translations.Where(t => t.Revision is not null).Select(t => t.Revision!.Id), ct);
        var comparison = TranslationComparer.Compare(l.Revision is { } lr ? texts[lr.Id] : "", r.Revision is { } rr ? texts[rr.Id] : "");
        return TypedResults.Ok(new CompareResponse(
            id,
            new ComparedTranslation(l.Id, l.Language, l.Translator, l.Revision?.Id ?? 0, l.Revision?.Number ?? 0),
            new ComparedTranslation(r.Id, r.Language, r.Translator, r.Revision?.Id ?? 0, r.Revision?.Number ?? 0),
            comparison.LeftParagraphCount,
            comparison.RightParagraphCount,
            comparison.LeftSegmentCount,
            comparison.RightSegmentCount,
            comparison.Normalization,
            comparison.Bounded,
            comparison.Pairs));
    }
}
