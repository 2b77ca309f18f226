using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Provenance.Api.Auth;
using Provenance.Api.Editing;
using Provenance.Api.Hosting;
using Provenance.Api.Translations;
using Provenance.Data;
using Provenance.Data.Entities;

namespace Provenance.Api.Documents;

/// <summary>Documents and translations written through the API (editor): new documents, new translations, proposed metadata changes.</summary>
public static class DocumentWriteEndpoints
{
    private const long MaxMetadataBodyBytes = 1024 * 1024;
    private const int MaxContributors = 50;

    public static IHostApplicationBuilder AddProvenanceDocumentWrites(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<DocumentWrites>();
        builder.Services.AddScoped<MetadataChanges>();
        return builder;
    }

    public static IEndpointRouteBuilder MapDocumentWriteEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/documents").WithTags("Documents");
        group.MapPost("/", CreateDocument).WithName("CreateDocument")
            .WithSummary("Create a document from its metadata (editor). 409 when a document has the same publisherUrl.")
            .RequireAuthorization(Policies.Editor).RequireRateLimiting(WriteRateLimiting.Policy)
            .Accepts<DocumentMetadataInput>("application/json")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id:long}/translations", AddTranslation).WithName("AddTranslation")
            .WithSummary("Add a translation or an original-language text to a document (editor), with its contributors and roles; a first text is proposed until someone else approves it.")
            .RequireAuthorization(Policies.Editor).RequireRateLimiting(WriteRateLimiting.Policy)
            .Accepts<AddTranslationRequest>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        routes.MapGet("/api/translations/{id:long}/contributors", ListContributors).WithTags("Translations").WithName("ListTranslationContributors")
            .WithSummary("Everyone credited with a translation, in order, with their roles (translator, transcriber, editor).");
        return routes;
    }

    public static async Task<Created<DocumentDetail>> CreateDocument(HttpRequest request, ClaimsPrincipal user, DocumentWrites writes, ProvenanceDbContext db, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<DocumentMetadataInput>(request, MaxMetadataBodyBytes, ct);
        var v = new Validation();
        var metadata = MetadataFields.Validate(v, "", body, MetadataFields.All.ToHashSet(StringComparer.Ordinal));
        v.ThrowIfInvalid();
        var id = await writes.CreateDocumentAsync(metadata, user.ToActor(), ct);
        var detail = (Ok<DocumentDetail>)(await DocumentEndpoints.GetDocument(id, db, ct)).Result;
        return TypedResults.Created($"/api/documents/{id}", detail.Value);
    }

    public static async Task<Created<AddTranslationResponse>> AddTranslation(
        long id, HttpRequest request, ClaimsPrincipal user, DocumentWrites writes, ProvenanceDbContext db, IOptions<EditingOptions> options, CancellationToken ct)
    {
        var limits = options.Value;
        var body = await JsonBody.ReadForAsync<AddTranslationRequest>(request, db.Documents.AnyAsync(d => d.Id == id, ct), "Document", id, limits.MaxBodyBytes, ct);
        var v = new Validation();
        var language = LanguageTag.Validate(v, "language", body.Language);
        var kind = body.Kind?.Trim().ToLowerInvariant();
        if (kind is not (TranslationKinds.Translation or TranslationKinds.Original))
        {
            v.Add("kind", "kind is \"translation\" or \"original\".");
        }

        var contributors = new List<(string Name, string Role)>();
        if (body.Contributors is not { Count: > 0 } given)
        {
            v.Add("contributors", "contributors names at least one person: [{\"name\", \"role\"}].");
        }
        else if (given.Count > MaxContributors)
        {
            v.Add("contributors", $"contributors holds at most {MaxContributors} entries.");
        }
        else
        {
            for (var i = 0; i < given.Count; i++)
            {
                var f = $"contributors[{i}]";
                if (given[i] is not { } c)
                {
                    v.Add(f, $"{f} is an object {{\"name\", \"role\"}}.");
                    continue;
                }

                var name = v.Required($"{f}.name", c.Name, 300);
                var role = c.Role?.Trim().ToLowerInvariant();
                if (role is null || !ContributorRoles.All.Contains(role))
                {
                    v.Add($"{f}.role", $"{f}.role is one of {string.Join(", ", ContributorRoles.All)}.");
                }
                else if (name is not null && contributors.Contains((name, role)))
                {
                    v.Add(f, $"{f} names {name} as {role} a second time.");
                }
                else if (name is not null)
                {
                    contributors.Add((name, role));
                }
            }
        }

        var text = body.Text is null ? null : RevisionText.Validate(v, "text", body.Text, limits.MaxTextBytes);
        var summary = v.Optional("summary", body.Summary, 1000) ?? "First text";
        if (RevisionText.ValidSourceRevisionId(v, "sourceRevisionId", body.SourceRevisionId) && body.SourceRevisionId is not null && body.Text is null)
        {
            v.Add("sourceRevisionId", "sourceRevisionId says what a text renders: send it with text.");
        }

        v.ThrowIfInvalid();

        var valid = new ValidTranslation(language!, kind!, contributors, text, summary, body.SourceRevisionId);
        var (translationId, revisionId) = await writes.AddTranslationAsync(id, valid, user.ToActor(), ct);
        return TypedResults.Created($"/api/translations/{translationId}", new AddTranslationResponse(translationId, revisionId));
    }

    public static async Task<Results<Ok<List<TranslationContributorView>>, NotFound>> ListContributors(long id, ProvenanceDbContext db, CancellationToken ct)
    {
        var translation = await db.Translations.AsNoTracking().Where(t => t.Id == id)
            .Select(t => new { Translator = t.Translator == null ? null : t.Translator.Name }).FirstOrDefaultAsync(ct);
        if (translation is null)
        {
            return TypedResults.NotFound();
        }

        var contributors = await db.TranslationContributors.AsNoTracking()
            .Where(c => c.TranslationId == id)
            .OrderBy(c => c.Order)
            .Select(c => new TranslationContributorView(c.Contributor!.Name, c.Role))
            .ToListAsync(ct);
        // Imported records name one translator and no roles: that translator is the one contributor.
        if (contributors.Count == 0 && translation.Translator is { } name)
        {
            contributors.Add(new TranslationContributorView(name, ContributorRoles.Translator));
        }

        return TypedResults.Ok(contributors);
    }
}
