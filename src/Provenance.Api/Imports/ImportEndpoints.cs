using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Provenance.Api.Auth;
using Provenance.Api.Editing;

namespace Provenance.Api.Imports;

public sealed record ImportResponse(long DocumentId, long TranslationId, long RevisionId, bool Created, ImportChange Change);

public static class ImportEndpoints
{
    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/imports").WithTags("Imports");
        group.MapPost("/", ImportRecord).WithName("ImportRecord")
            .RequireAuthorization(Policies.Editor).RequireRateLimiting(WriteRateLimiting.Policy)
            .Accepts<string>("text/markdown", "text/plain")
            .WithSummary("Import one archive record (editor) in the Wilson Center record format: 201 for a new document or revision, 200 when nothing changed.");
        return routes;
    }

    public static async Task<Results<Created<ImportResponse>, Ok<ImportResponse>, ProblemHttpResult>> ImportRecord(
        HttpRequest request, ClaimsPrincipal user, RecordImporter importer, IOptions<ImportOptions> options, CancellationToken ct)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (mediaType is not ("text/markdown" or "text/plain" or "text/x-markdown"))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "Send the record as text/markdown or text/plain.");
        }

        var text = await TextBody.ReadAsync(request, options.Value.MaxTextBytes, ct);
        var outcome = await importer.ImportAsync(text, user.ToActor(), ct);
        var response = new ImportResponse(outcome.DocumentId, outcome.TranslationId, outcome.RevisionId, outcome.Created, outcome.Change);
        return outcome.Change switch
        {
            ImportChange.None => TypedResults.Ok(response),
            ImportChange.Document => TypedResults.Created($"/api/documents/{outcome.DocumentId}", response),
            _ => TypedResults.Created($"/api/revisions/{outcome.RevisionId}", response),
        };
    }
}
