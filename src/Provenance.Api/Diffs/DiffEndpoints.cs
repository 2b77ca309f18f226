using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Provenance.Api.Caching;
using Provenance.Api.Editing;
using Provenance.Api.Hosting;
using Provenance.Api.Imports;
using Provenance.Data;

namespace Provenance.Api.Diffs;

public sealed record DiffTextsRequest(string? Left, string? Right);

public static class DiffEndpoints
{
    public static IEndpointRouteBuilder MapDiffEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/revisions/{a:long}/diff/{b:long}", DiffRevisions).WithTags("Diffs").WithName("DiffRevisions")
            .Produces<DiffResponse>(contentType: "application/json")
            .Produces<string>(contentType: "text/x-diff")
            .Produces<string>(contentType: "text/html")
            .WithSummary("Diff two revisions of one document: granularity=line|word|char, format=json|unified|html, context=N; for JSON view=full|inline|side-by-side|compact, collapse=N and offset=N (the page of a large diff).")
            .CachedBy(CacheValidators.RevisionDiff);
        routes.MapPost("/api/diff", DiffTexts).WithTags("Diffs").WithName("DiffTexts")
            .Accepts<DiffTextsRequest>("application/json")
            .Produces<DiffResponse>(contentType: "application/json")
            .Produces<string>(contentType: "text/x-diff")
            .Produces<string>(contentType: "text/html")
            .WithSummary("Preview the diff of two texts before submitting; same parameters as the revision diff.");
        return routes;
    }

    public static async Task<IResult> DiffRevisions(
        long a, long b, string? granularity, string? format, int? context, string? view, int? collapse, int? offset,
        ProvenanceDbContext db, IOptions<DiffLimits> limits, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var query = DiffQuery.Parse(granularity, format, context, view, collapse, errors, offset);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var revisions = await db.Revisions.AsNoTracking()
            .Where(r => r.Id == a || r.Id == b)
            .Select(r => new { r.Id, r.TranslationId, r.Translation!.DocumentId, r.Number, r.Sha256 })
            .ToListAsync(ct);
        var left = revisions.FirstOrDefault(r => r.Id == a);
        var right = revisions.FirstOrDefault(r => r.Id == b);
        if (left is null || right is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                detail: $"Revision {(left is null ? a : b)} does not exist.");
        }

        if (left.DocumentId != right.DocumentId)
        {
            throw ProblemException.Validation("b", $"Revisions {a} and {b} belong to different documents; diff revisions of one document, or compare translations.");
        }

        var texts = await RevisionStore.GetTextsAsync(db, [a, b], ct);
        return DiffRendering.Render(texts[a], texts[b], query, limits.Value,
            new DiffSide(left.Id, left.TranslationId, left.Number, left.Sha256),
            new DiffSide(right.Id, right.TranslationId, right.Number, right.Sha256),
            $"revision-{left.Id}", $"revision-{right.Id}");
    }

    public static async Task<IResult> DiffTexts(
        HttpRequest request, string? granularity, string? format, int? context, string? view, int? collapse, int? offset,
        IOptions<DiffLimits> limits, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var query = DiffQuery.Parse(granularity, format, context, view, collapse, errors, offset);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!request.HasJsonContentType())
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Send { \"left\": \"...\", \"right\": \"...\" } as application/json.");
        }

        // JSON escapes can make the body up to six times the text; the texts themselves are checked below.
        // Deserialized straight from the body stream (no copy of the whole body, no intermediate string).
        var max = limits.Value.MaxTextBytes;
        var maxBody = (max * 2 * 6) + 1024;
        if (request.ContentLength > maxBody)
        {
            throw TextBody.TooLarge(maxBody);
        }

        DiffTextsRequest? body;
        try
        {
            body = await ReadBodyAsync(request, maxBody, ct);
        }
        catch (JsonException e) when (e.InnerException is not JsonException && e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal))
        {
            // Well-formed JSON (the reader did not fail) with a field of the wrong type: 422, as the write endpoints answer.
            throw JsonBody.WrongType(e);
        }
        catch (JsonException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON", detail: e.Message);
        }

        if (body?.Left is null || body.Right is null)
        {
            var missing = new Dictionary<string, string[]>(StringComparer.Ordinal);
            if (body?.Left is null) { missing["left"] = ["left is required (a string)."]; }
            if (body?.Right is null) { missing["right"] = ["right is required (a string)."]; }
            throw ProblemException.Validation(missing);
        }

        foreach (var (name, text) in new[] { ("left", body.Left), ("right", body.Right) })
        {
            if (System.Text.Encoding.UTF8.GetByteCount(text) > max)
            {
                throw new ProblemException(StatusCodes.Status413PayloadTooLarge, "Payload too large",
                    $"{name} is larger than the limit of {max} bytes.");
            }
        }

        return DiffRendering.Render(body.Left, body.Right, query, limits.Value, null, null, "left", "right");
    }

    /// <summary>Deserialized straight from the body stream, capped by <see cref="LimitedReadStream"/>.</summary>
    internal static ValueTask<DiffTextsRequest?> ReadBodyAsync(HttpRequest request, long maxBody, CancellationToken ct) =>
        JsonSerializer.DeserializeAsync(new LimitedReadStream(request.Body, maxBody), DiffJsonContext.Api.DiffTextsRequest, ct);
}

internal static class DiffSetup
{
    public static IHostApplicationBuilder AddProvenanceDiffs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DiffLimits>().BindConfiguration(DiffLimits.Section).ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }
}
