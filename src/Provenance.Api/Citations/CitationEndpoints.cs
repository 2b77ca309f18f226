using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Provenance.Api.Auth;
using Provenance.Api.Caching;
using Provenance.Api.Hosting;
using Provenance.Api.Memento;
using Provenance.Data;
using Provenance.Data.Auditing;
using Provenance.Data.Entities;

namespace Provenance.Api.Citations;

public static class CitationEndpoints
{
    public static IEndpointRouteBuilder MapCitationEndpoints(this IEndpointRouteBuilder routes)
    {
        var documents = routes.MapGroup("/api/documents/{id:long}").WithTags("Citations");
        documents.MapGet("/citations", ListCitations).WithName("ListCitations")
            .WithSummary("The document's citations, oldest first; retracted ones stay, marked with who retracted them, when and why.")
            .CachedBy(CacheValidators.Document);
        documents.MapPost("/citations", AddCitation).WithName("AddCitation").RequireAuthorization(Policies.Editor).RequireRateLimiting(Editing.WriteRateLimiting.Policy)
            .WithSummary("Attach a structured citation (archival, published or editorial) to the document or one of its revisions (editor).");
        documents.MapGet("/citation", CitationExport.Export).WithName("ExportCitation")
            .Produces<string>(StatusCodes.Status200OK, "text/plain", CitationExport.CslJsonMediaType, CitationExport.BibTeXMediaType)
            .WithSummary("How to cite the document: style=chicago (text/plain), csl-json or bibtex; revision=ID pins a revision (number and SHA-256 in the note), translation=ID credits one translation; else every translator is named.")
            .CachedBy(CacheValidators.Citation).WithQuotedMemento();

        var citations = routes.MapGroup("/api/citations").WithTags("Citations");
        citations.MapGet("/{id:long}", GetCitation).WithName("GetCitation").WithSummary("One citation.");
        citations.MapPost("/{id:long}/retract", RetractCitation).WithName("RetractCitation").RequireAuthorization(Policies.Editor).RequireRateLimiting(Editing.WriteRateLimiting.Policy)
            .WithSummary("Retract a citation with a reason (editor). It is kept and marked, never deleted; 409 when already retracted.");
        return routes;
    }

    public static async Task<Results<Ok<IReadOnlyList<CitationView>>, NotFound>> ListCitations(long id, ProvenanceDbContext db, CancellationToken ct)
    {
        if (!await db.Documents.AnyAsync(d => d.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        var citations = await Query(db).Where(c => c.DocumentId == id).OrderBy(c => c.Id).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<CitationView>>(citations.Select(CitationView.From).ToList());
    }

    public static async Task<Results<Ok<CitationView>, NotFound>> GetCitation(long id, ProvenanceDbContext db, CancellationToken ct)
    {
        var citation = await Query(db).FirstOrDefaultAsync(c => c.Id == id, ct);
        return citation is null ? TypedResults.NotFound() : TypedResults.Ok(CitationView.From(citation));
    }

    public static async Task<Results<Created<CitationView>, NotFound>> AddCitation(
        long id, CitationInput request, ClaimsPrincipal user, ProvenanceDbContext db, AuditTrail audit, TimeProvider time, CancellationToken ct)
    {
        if (!await db.Documents.AnyAsync(d => d.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        var v = new Validation();
        var citation = CitationRules.Validate(v, "", request, time.GetUtcNow().Year + 1);
        v.ThrowIfInvalid();
        if (request.RevisionId is { } revisionId
            && !await db.Revisions.AnyAsync(r => r.Id == revisionId && r.Translation!.DocumentId == id, ct))
        {
            throw ProblemException.Validation("revisionId", $"revision {revisionId} is not a revision of document {id}.");
        }

        var actor = user.ToActor();
        citation.DocumentId = id;
        citation.RevisionId = request.RevisionId;
        citation.AddedById = actor.ContributorId;
        citation.AddedAt = time.GetUtcNow();
        await db.InWriteTransactionAsync(async ct =>
        {
            db.Citations.Add(citation);
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(new AuditEntry(actor, AuditActions.CitationAdded, "citation", citation.Id, id, new
            {
                kind = citation.Kind.ToString().ToLowerInvariant(),
                citation.RevisionId,
                citation.Text,
                citation.Archive,
                citation.Collection,
                citation.Fond,
                citation.Opis,
                citation.Delo,
                citation.Locator,
                citation.Title,
                citation.Publisher,
                citation.Year,
                citation.Url,
                citation.Note,
            }), ct);
            return citation.Id;
        }, ct);

        var stored = await Query(db).FirstAsync(c => c.Id == citation.Id, ct);
        return TypedResults.Created($"/api/citations/{citation.Id}", CitationView.From(stored));
    }

    public static async Task<Results<Ok<CitationView>, NotFound, ProblemHttpResult>> RetractCitation(
        long id, RetractCitationRequest request, ClaimsPrincipal user, ProvenanceDbContext db, AuditTrail audit, TimeProvider time, CancellationToken ct)
    {
        var validation = new Validation();
        var reason = validation.Required("reason", request.Reason, 1000);
        validation.ThrowIfInvalid();

        var documentId = await db.Citations.Where(c => c.Id == id).Select(c => (long?)c.DocumentId).FirstOrDefaultAsync(ct);
        if (documentId is null)
        {
            return TypedResults.NotFound();
        }

        var actor = user.ToActor();
        var now = time.GetUtcNow();
        var retracted = await db.InWriteTransactionAsync(async ct =>
        {
            // Conditional update: of two concurrent retractions exactly one changes the row.
            var changed = await db.Citations
                .Where(c => c.Id == id && c.RetractedAt == null)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.RetractedAt, now)
                    .SetProperty(c => c.RetractedById, actor.ContributorId)
                    .SetProperty(c => c.RetractionReason, reason), ct);
            if (changed == 0)
            {
                return false;
            }

            await audit.AppendAsync(new AuditEntry(actor, AuditActions.CitationRetracted, "citation", id, documentId, new { reason }), ct);
            return true;
        }, ct);

        var citation = await Query(db).FirstAsync(c => c.Id == id, ct);
        if (!retracted)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already retracted",
                detail: $"Citation {id} was retracted at {citation.RetractedAt:O} by {citation.RetractedBy?.Name ?? "unknown"}.");
        }

        return TypedResults.Ok(CitationView.From(citation));
    }

    private static IQueryable<Citation> Query(ProvenanceDbContext db) =>
        db.Citations.AsNoTracking().Include(c => c.Revision).Include(c => c.AddedBy).Include(c => c.RetractedBy);
}
