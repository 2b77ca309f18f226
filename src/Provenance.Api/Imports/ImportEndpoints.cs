using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Provenance.Api.Auth;
using Provenance.Api.Editing;
using Provenance.Api.Hosting;
using Provenance.Data.Entities;
using Provenance.Data.Imports;
using Provenance.Import;

namespace Provenance.Api.Imports;

/// <summary>
/// The import's answer. <see cref="Warnings"/> names what the reader could not place or had to take apart (kept as a
/// note, a footnote or a section, never dropped); <see cref="Status"/> is the imported revision's status.
/// </summary>
public sealed record ImportResponse(
    long DocumentId, long TranslationId, long RevisionId, bool Created, ImportChange Change, string Status, IReadOnlyList<RecordProblem> Warnings);

public static class ImportEndpoints
{
    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/imports").WithTags("Imports");
        group.MapPost("/", ImportRecord).WithName("ImportRecord")
            .RequireAuthorization(Policies.Editor).RequireRateLimiting(WriteRateLimiting.Policy)
            .Accepts<string>("text/markdown", "text/plain")
            .WithSummary("Import one archive record (editor) in the Wilson Center record format: 201 for a new document or revision (proposed for review), "
                + "200 when nothing changed; ?publish=true (admin only) migrates a published archive, publishing without review.");
        return routes;
    }

    public static async Task<Results<Created<ImportResponse>, Ok<ImportResponse>, ProblemHttpResult>> ImportRecord(
        HttpRequest request, ClaimsPrincipal user, RecordImporter importer, IOptions<ImportOptions> options, CancellationToken ct,
        bool publish = false)
    {
        // Publishing without a second person is a migration someone asks for explicitly, with the role made for it.
        if (publish && !user.IsInRole(Roles.Admin))
        {
            throw new ProblemException(StatusCodes.Status403Forbidden, "Forbidden",
                "publish=true publishes the record's text without review, as a migration of a published archive; only an admin may ask for it.");
        }

        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (mediaType is not ("text/markdown" or "text/plain" or "text/x-markdown"))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Send the record as text/markdown or text/plain.");
        }

        var text = await TextBody.ReadAsync(request, options.Value.MaxTextBytes, ct);
        var publication = publish ? ImportPublication.Migration : ImportPublication.Review;
        var outcome = await importer.ImportAsync(text, publication, user.ToActor(), ct);
        var status = await importer.StatusAsync(outcome.RevisionId, ct);
        var response = new ImportResponse(outcome.DocumentId, outcome.TranslationId, outcome.RevisionId, outcome.Created, outcome.Change, status, outcome.Warnings);
        return outcome.Change switch
        {
            ImportChange.None => TypedResults.Ok(response),
            ImportChange.Document => TypedResults.Created($"/api/documents/{outcome.DocumentId}", response),
            _ => TypedResults.Created($"/api/revisions/{outcome.RevisionId}", response),
        };
    }
}
