using Provenance.Api.Citations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Provenance.Api.Auth;
using Provenance.Api.Caching;
using Provenance.Api.Memento;
using Provenance.Api.Hosting;
using Provenance.Api.Revisions;
using Provenance.Api.Translations;
using Provenance.Data;
using Provenance.Data.Entities;
using Provenance.Text;

namespace Provenance.Api.Editing;

/// <summary>The write path of revisions: submitting, reviewing, and reading the published or head text.</summary>
public static class EditingEndpoints
{
    private const long MaxReviewBodyBytes = 64 * 1024;

    public static IHostApplicationBuilder AddProvenanceEditing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EditingOptions>().BindConfiguration(EditingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddProvenanceWriteRateLimiting();
        builder.Services.AddScoped<RevisionSubmission>();
        builder.Services.AddScoped<RevisionReview>();
        return builder;
    }

    public static IEndpointRouteBuilder MapEditingEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/translations/{id:long}/revisions", SubmitRevision)
            .WithTags("Revisions").WithName("SubmitRevision")
            .WithSummary("Submit a new text for a translation (editor). The base revision comes from baseRevisionId or If-Match; a stale base is merged three ways or answered 409.")
            .RequireAuthorization(Policies.Editor).RequireRateLimiting(WriteRateLimiting.Policy)
            .Accepts<SubmitRevisionRequest>("application/json")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        routes.MapPost("/api/revisions/{id:long}/review", ReviewRevision)
            .WithTags("Revisions").WithName("ReviewRevision")
            .WithSummary("Approve or reject a proposed revision (reviewer, never its author). Approval publishes it.")
            .RequireAuthorization(Policies.Reviewer).RequireRateLimiting(WriteRateLimiting.Policy)
            .Accepts<ReviewRequest>("application/json")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        routes.MapGet("/api/translations/{id:long}/text", GetText)
            .WithTags("Translations").WithName("GetTranslationText")
            .WithSummary("The published text of a translation; ?revision=head gives the newest revision, reviewed or not (editor or reviewer key).")
            .CachedBy(CacheValidators.PublishedText).WithMementoDiscovery();
        return routes;
    }

    public static async Task<Results<Created<RevisionDetail>, Ok<RevisionDetail>, ProblemHttpResult>> SubmitRevision(
        long id, HttpRequest request, ClaimsPrincipal user, ProvenanceDbContext db, RevisionSubmission submissions,
        IOptions<EditingOptions> options, TimeProvider time, CancellationToken ct)
    {
        var limits = options.Value;
        var body = await JsonBody.ReadForAsync<SubmitRevisionRequest>(request, db.Translations.AnyAsync(t => t.Id == id, ct), "Translation", id, limits.MaxBodyBytes, ct);
        var submission = Validate(body, request.Headers.IfMatch, limits, time);

        var outcome = await submissions.SubmitAsync(id, submission, user.ToActor(), ct);
        var response = request.HttpContext.Response;
        switch (outcome)
        {
            case SubmissionOutcome.Created created:
                response.Headers.ETag = RevisionETag.For(created.Revision.Id);
                return TypedResults.Created($"/api/revisions/{created.Revision.Id}", created.Revision);
            case SubmissionOutcome.Unchanged unchanged:
                response.Headers.ETag = RevisionETag.For(unchanged.Head.Id);
                return TypedResults.Ok(unchanged.Head);
            case SubmissionOutcome.Conflicted conflict:
                response.Headers.ETag = RevisionETag.For(conflict.HeadRevisionId);
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "Edit conflict",
                    detail: $"Revision {conflict.HeadRevisionId} (#{conflict.HeadNumber}) changed the same text as your submission in {conflict.Conflicts.Count} place(s). " +
                        (conflict.Bounded ? "The texts differ too much to compare finely, so these places are coarse and larger than the edits. " : "") +
                        "Merge by hand against the head and submit again with it as the base.",
                    extensions: new Dictionary<string, object?>
                    {
                        ["headRevisionId"] = conflict.HeadRevisionId,
                        ["baseRevisionId"] = conflict.BaseRevisionId,
                        ["bounded"] = conflict.Bounded,
                        ["conflicts"] = conflict.Conflicts
                            .Select(c => new ConflictView(c.BaseStartLine, c.BaseLineCount, c.BaseText, c.HeadText, c.SubmittedText))
                            .ToList(),
                    });
            default:
                throw new InvalidOperationException($"Unknown outcome {outcome}.");
        }
    }

    public static async Task<Ok<RevisionDetail>> ReviewRevision(
        long id, HttpRequest request, ClaimsPrincipal user, RevisionReview reviews, CancellationToken ct)
    {
        var (decision, comment) = await ReadReviewAsync(request, ct);
        return TypedResults.Ok(await reviews.ReviewAsync(id, decision, comment, user.ToActor(), ct));
    }

    /// <summary>A review's body, checked: also read by the review of metadata changes, which follows the same rule.</summary>
    internal static async Task<(ReviewDecision Decision, string? Comment)> ReadReviewAsync(HttpRequest request, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<ReviewRequest>(request, MaxReviewBodyBytes, ct);
        var v = new Validation();
        ReviewDecision? decision = body.Decision?.Trim().ToLowerInvariant() switch
        {
            "approve" => ReviewDecision.Approve,
            "reject" => ReviewDecision.Reject,
            _ => null,
        };
        if (decision is null)
        {
            v.Add("decision", "decision is \"approve\" or \"reject\".");
        }

        var comment = decision == ReviewDecision.Reject
            ? v.Required("comment", body.Comment, 4000)
            : v.Optional("comment", body.Comment, 4000);
        v.ThrowIfInvalid();
        return (decision!.Value, comment);
    }

    public static async Task<Results<Ok<TranslationText>, UnauthorizedHttpResult, ForbidHttpResult>> GetText(
        long id, string? revision, ClaimsPrincipal user, ProvenanceDbContext db, HttpResponse response, CancellationToken ct)
    {
        var which = revision?.Trim().ToLowerInvariant() ?? "published";
        if (which is not ("published" or "head"))
        {
            throw ProblemException.Validation("revision", "revision is \"published\" (the default) or \"head\".");
        }

        if (which == "head")
        {
            // Unreviewed text is for the people who write and review it.
            if (user.Identity?.IsAuthenticated != true)
            {
                return TypedResults.Unauthorized();
            }

            if (!(user.IsInRole(Roles.Editor) || user.IsInRole(Roles.Reviewer) || user.IsInRole(Roles.Admin)))
            {
                return TypedResults.Forbid();
            }
        }

        var translation = await db.Translations.AsNoTracking()
            .Where(t => t.Id == id)
            .Select(t => new { t.HeadRevisionId, t.CurrentRevisionId })
            .FirstOrDefaultAsync(ct)
            ?? throw ProblemException.NotFound("Translation", id);
        var revisionId = (which == "head" ? translation.HeadRevisionId : translation.CurrentRevisionId)
            ?? throw new ProblemException(StatusCodes.Status404NotFound, "Not found",
                which == "head" ? $"Translation {id} has no revisions." : $"Translation {id} has no published revision yet.");

        var text = await db.Revisions.AsNoTracking()
            .Where(r => r.Id == revisionId)
            .Select(r => new TranslationText(id, r.Id, r.Number, r.Status, r.Id == translation.CurrentRevisionId,
                r.Id == translation.HeadRevisionId, r.Sha256, ""))
            .FirstAsync(ct);
        text = text with { Text = await RevisionStore.GetTextAsync(db, revisionId, ct) };
        response.Headers.ETag = RevisionETag.For(text.RevisionId);
        return TypedResults.Ok(text);
    }

    internal static ValidSubmission Validate(SubmitRevisionRequest body, Microsoft.Extensions.Primitives.StringValues ifMatch, EditingOptions limits, TimeProvider time)
    {
        var v = new Validation();

        string? text = null;
        if (body.Text is null)
        {
            v.Add("text", "text is required.");
        }
        else if (!Validation.IsStorableText(body.Text))
        {
            v.Add("text", "text contains a NUL character or an unpaired surrogate.");
        }
        else
        {
            text = TextNormalizer.Normalize(body.Text);
            var bytes = Validation.Utf8Bytes(text);
            if (bytes > limits.MaxTextBytes)
            {
                throw JsonBody.TooLarge($"text is {bytes} bytes of UTF-8; at most {limits.MaxTextBytes} are accepted.");
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                v.Add("text", "text must not be empty.");
            }
        }

        var summary = v.Required("summary", body.Summary, 1000);
        var citations = ValidateCitations(v, body.Citations, limits, time.GetUtcNow().Year + 1);

        long? fromHeader = null;
        if (ifMatch.Count > 0)
        {
            if (ifMatch.Count == 1 && RevisionETag.TryParse(ifMatch[0], out var etagId))
            {
                fromHeader = etagId;
            }
            else
            {
                v.Add("If-Match", "If-Match is the ETag of one revision, e.g. \"rev-42\".");
            }
        }

        if (body.BaseRevisionId is <= 0)
        {
            v.Add("baseRevisionId", "baseRevisionId is a revision id.");
        }
        else if (body.BaseRevisionId is { } b && fromHeader is { } h && b != h)
        {
            v.Add("baseRevisionId", "baseRevisionId and If-Match name different revisions.");
        }

        RevisionText.ValidSourceRevisionId(v, "sourceRevisionId", body.SourceRevisionId);
        v.ThrowIfInvalid();
        var baseRevisionId = body.BaseRevisionId ?? fromHeader
            ?? throw new ProblemException(StatusCodes.Status428PreconditionRequired, "Base revision required",
                "Say which revision you edited: baseRevisionId in the body, or If-Match with the revision's ETag.");
        return new ValidSubmission(baseRevisionId, text!, summary!, citations, body.SourceRevisionId);
    }

    private static List<Citation> ValidateCitations(Validation v, IReadOnlyList<CitationInput?>? inputs, EditingOptions limits, int maxYear)
    {
        if (inputs is null)
        {
            return [];
        }

        if (inputs.Count > limits.MaxCitations)
        {
            v.Add("citations", $"citations holds at most {limits.MaxCitations} entries.");
            return [];
        }

        var citations = new List<Citation>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var f = $"citations[{i}]";
            if (inputs[i] is not { } c)
            {
                v.Add(f, $"{f} is a citation object.");
                continue;
            }

            var citation = CitationRules.Validate(v, f, c, maxYear);
            citations.Add(citation);
        }

        return citations;
    }
}
