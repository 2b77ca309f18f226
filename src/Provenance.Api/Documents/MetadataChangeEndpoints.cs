using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Provenance.Api.Auth;
using Provenance.Api.Editing;
using Provenance.Api.Hosting;
using Provenance.Api.Revisions;
using Provenance.Data;

namespace Provenance.Api.Documents;

/// <summary>Proposed metadata changes: proposed by an editor, listed with their field-by-field diffs, reviewed by someone else.</summary>
public static class MetadataChangeEndpoints
{
    private const long MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapMetadataChangeEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/documents/{id:long}/changes", ProposeChange).WithTags("Documents").WithName("ProposeMetadataChange")
            .WithSummary("Propose a change to a document's metadata (editor): {summary, fields: {title?, date?, …}}; applied when someone else approves it.")
            .RequireAuthorization(Policies.Editor).RequireRateLimiting(WriteRateLimiting.Policy)
            .Accepts<ProposeMetadataChangeRequest>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        routes.MapGet("/api/documents/{id:long}/changes", ListChanges).WithTags("Documents").WithName("ListMetadataChanges")
            .WithSummary("A document's metadata changes, newest first, each with its field-by-field diff and review.");
        routes.MapPost("/api/metadata-changes/{id:long}/review", ReviewChange).WithTags("Documents").WithName("ReviewMetadataChange")
            .WithSummary("Approve or reject a proposed metadata change (reviewer, never its author). Approval applies it; 409 when its fields changed meanwhile.")
            .RequireAuthorization(Policies.Reviewer).RequireRateLimiting(WriteRateLimiting.Policy)
            .Accepts<ReviewRequest>("application/json")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return routes;
    }

    public static async Task<Created<MetadataChangeView>> ProposeChange(
        long id, HttpRequest request, ClaimsPrincipal user, MetadataChanges changes, ProvenanceDbContext db,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct)
    {
        if (!await db.Documents.AnyAsync(d => d.Id == id, ct))
        {
            throw ProblemException.NotFound("Document", id);
        }

        var body = await JsonBody.ReadAsync<ProposeMetadataChangeRequest>(request, MaxBodyBytes, ct);
        if (body.Fields is not { ValueKind: JsonValueKind.Object } fields)
        {
            throw ProblemException.Validation("fields", "fields is an object of the metadata fields to change, e.g. {\"title\": \"…\"}.");
        }

        var v = new Validation();
        var summary = v.Required("summary", body.Summary, 1000);

        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in fields.EnumerateObject())
        {
            if (MetadataFields.All.Contains(property.Name))
            {
                present.Add(property.Name);
            }
            else
            {
                v.Add($"fields.{property.Name}", $"fields.{property.Name} is not a metadata field; they are {string.Join(", ", MetadataFields.All)}.");
            }
        }

        if (present.Count == 0 && v.IsValid)
        {
            v.Add("fields", "fields names at least one metadata field.");
        }

        DocumentMetadataInput input;
        try
        {
            input = fields.Deserialize<DocumentMetadataInput>(json.Value.SerializerOptions)!;
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path ? "fields." + path[2..] : "fields";
            throw ProblemException.Validation(field, $"{field} has the wrong JSON type.");
        }

        var proposed = MetadataFields.Validate(v, "fields.", input, present);
        v.ThrowIfInvalid();
        var view = await changes.ProposeAsync(id, summary!, proposed, user.ToActor(), ct);
        return TypedResults.Created($"/api/documents/{id}/changes", view);
    }

    public static async Task<Results<Ok<List<MetadataChangeView>>, NotFound>> ListChanges(long id, MetadataChanges changes, ProvenanceDbContext db, CancellationToken ct) =>
        await db.Documents.AnyAsync(d => d.Id == id, ct) ? TypedResults.Ok(await changes.ListAsync(id, ct)) : TypedResults.NotFound();

    public static async Task<Ok<MetadataChangeView>> ReviewChange(long id, HttpRequest request, ClaimsPrincipal user, MetadataChanges changes, CancellationToken ct)
    {
        var (decision, comment) = await EditingEndpoints.ReadReviewAsync(request, ct);
        return TypedResults.Ok(await changes.ReviewAsync(id, decision, comment, user.ToActor(), ct));
    }
}
