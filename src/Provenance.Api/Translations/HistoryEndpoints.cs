using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Provenance.Api.Auth;
using Provenance.Api.Editing;
using Provenance.Api.Hosting;
using Provenance.Data;
using Provenance.Data.Entities;

namespace Provenance.Api.Translations;

/// <summary>A translation's whole history in (with historical authors and dates) and out (JSON, or a git fast-import stream).</summary>
public static class HistoryEndpoints
{
    private const int MaxRevisions = 5000;
    /// <summary>A whole history is many texts: the body may hold this many times one submission's limit.</summary>
    private const int BodyLimitFactor = 8;

    public static IHostApplicationBuilder AddProvenanceHistories(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<HistoryImport>();
        return builder;
    }

    public static IEndpointRouteBuilder MapHistoryEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/translations").WithTags("Translations");
        group.MapPost("/{id:long}/history", ImportHistory).WithName("ImportHistory")
            .WithSummary("Import a translation's whole history, oldest first, each revision with its historical author, date and message (editor). The newest is proposed; an admin may publish it without review explicitly.")
            .RequireAuthorization(Policies.Editor).RequireRateLimiting(WriteRateLimiting.Policy)
            .Accepts<ImportHistoryRequest>("application/json")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id:long}/history", GetHistory).WithName("GetHistory")
            .WithSummary("The translation's history oldest first with historical authors and dates; format=git-fast-import answers a stream for `git fast-import`.")
            .Produces<List<HistoryEntry>>()
            .Produces(StatusCodes.Status200OK, contentType: GitFastImport.MediaType);
        return routes;
    }

    public static async Task<Created<ImportHistoryResponse>> ImportHistory(
        long id, HttpRequest request, ClaimsPrincipal user, HistoryImport histories, ProvenanceDbContext db, IOptions<EditingOptions> options, CancellationToken ct)
    {
        var limits = options.Value;
        var body = await JsonBody.ReadForAsync<ImportHistoryRequest>(request, db.Translations.AnyAsync(t => t.Id == id, ct), "Translation", id, BodyLimitFactor * limits.MaxBodyBytes, ct);
        var publish = body.PublishWithoutReview == true;
        if (publish && !user.IsInRole(Roles.Admin))
        {
            throw new ProblemException(StatusCodes.Status403Forbidden, "Forbidden",
                "Only an admin publishes an imported history without review; without publishWithoutReview its newest revision is proposed for review.");
        }

        var v = new Validation();
        var history = new List<ValidHistoryRevision>();
        if (body.Revisions is not { Count: > 0 } revisions)
        {
            throw ProblemException.Validation("revisions", "revisions lists the history's revisions, oldest first: [{\"text\", \"author\", \"authoredAt\", \"summary\"}].");
        }

        if (revisions.Count > MaxRevisions)
        {
            throw ProblemException.Validation("revisions", $"revisions holds at most {MaxRevisions} revisions per request.");
        }

        var latest = DateTimeOffset.UtcNow.AddDays(1);
        for (var i = 0; i < revisions.Count; i++)
        {
            var f = $"revisions[{i}]";
            if (revisions[i] is not { } r)
            {
                v.Add(f, $"{f} is a revision {{\"text\", \"author\", \"authoredAt\", \"summary\"}}.");
                continue;
            }

            var text = RevisionText.Validate(v, $"{f}.text", r.Text, limits.MaxTextBytes);
            var author = v.Required($"{f}.author", r.Author, 300);
            var summary = v.Required($"{f}.summary", r.Summary, 1000);
            if (r.AuthoredAt is not { } authoredAt)
            {
                v.Add($"{f}.authoredAt", $"{f}.authoredAt is required: the historical date, ISO 8601 with its offset.");
            }
            else if (authoredAt > latest)
            {
                v.Add($"{f}.authoredAt", $"{f}.authoredAt is in the future.");
            }
            else if (RevisionText.ValidSourceRevisionId(v, $"{f}.sourceRevisionId", r.SourceRevisionId) && text is not null && author is not null && summary is not null)
            {
                history.Add(new ValidHistoryRevision(text, author, authoredAt, summary, r.SourceRevisionId));
            }
        }

        v.ThrowIfInvalid();
        var ids = await histories.ImportAsync(id, history, publish, user.ToActor(), ct);
        return TypedResults.Created($"/api/translations/{id}/history", new ImportHistoryResponse(ids));
    }

    public static async Task<Results<Ok<List<HistoryEntry>>, EmptyHttpResult, NotFound>> GetHistory(
        long id, string? format, ProvenanceDbContext db, HttpResponse response, CancellationToken ct)
    {
        var which = format?.Trim().ToLowerInvariant() ?? "json";
        if (which is not ("json" or "git-fast-import"))
        {
            throw ProblemException.Validation("format", "format is json (the default) or git-fast-import.");
        }

        var translation = await db.Translations.AsNoTracking().Where(t => t.Id == id)
            .Select(t => new { t.Id, t.Language, t.Kind }).FirstOrDefaultAsync(ct);
        if (translation is null)
        {
            return TypedResults.NotFound();
        }

        var rows = await db.Revisions.AsNoTracking()
            .Where(r => r.TranslationId == id)
            .OrderBy(r => r.Number)
            .Select(r => new HistoryRow(new HistoryEntry(
                r.Id, r.Number, r.ParentId, r.Author == null ? null : r.Author.Name, r.AuthoredAt ?? r.CreatedAt, r.Summary,
                r.Status, r.Sha256, r.ImportedBy == null ? null : r.ImportedBy.Name, r.CreatedAt, r.PublishedWithoutReview,
                r.Reviewer == null ? null : r.Reviewer.Name, r.ReviewedAt), r.AuthoredOffsetMinutes))
            .ToListAsync(ct);
        // The historical date as it was written, with its own offset (the database keeps the instant).
        var entries = rows.Select(r => r.Entry with { AuthoredAt = r.Entry.AuthoredAt.ToOffset(TimeSpan.FromMinutes(r.OffsetMinutes ?? 0)) }).ToList();
        if (which == "json")
        {
            return TypedResults.Ok(entries);
        }

        response.ContentType = GitFastImport.MediaType;
        response.Headers.ContentDisposition = $"attachment; filename=\"translation-{id}.fi\"";
        await GitFastImport.WriteAsync(response.Body, FileName(id, translation.Language), Commits(db, entries, ct), ct);
        return TypedResults.Empty;
    }

    private sealed record HistoryRow(HistoryEntry Entry, short? OffsetMinutes);

    /// <summary>The file the exported repository keeps the text in, e.g. <c>translation-12.en.txt</c>.</summary>
    public static string FileName(long translationId, string language) => $"translation-{translationId}.{language}.txt";

    private static async IAsyncEnumerable<GitCommit> Commits(ProvenanceDbContext db, List<HistoryEntry> entries, [EnumeratorCancellation] CancellationToken ct)
    {
        // Texts are read a batch at a time, so a long history is never all in memory at once.
        foreach (var batch in entries.Chunk(50))
        {
            var texts = await RevisionStore.GetTextsAsync(db, batch.Select(e => e.RevisionId), ct);
            foreach (var e in batch)
            {
                var author = e.Author ?? "unknown";
                yield return new GitCommit(author, e.AuthoredAt, e.ImportedBy ?? author, e.CreatedAt, e.Summary, texts[e.RevisionId]);
            }
        }
    }
}
