using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Provenance.Api.Hosting;
using Provenance.Data;
using Provenance.Data.Entities;

namespace Provenance.Api.Audit;

public static class AuditEndpoints
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/audit").WithTags("Audit");
        group.MapGet("/", ListEvents).WithName("ListAuditEvents")
            .WithSummary("The audit trail in chain order (entity, entityId, actor (id or name), action, from/to, page, pageSize).");
        group.MapGet("/verify", Verify).WithName("VerifyAuditChain")
            .WithSummary("Re-walks the hash chain and reports the first event whose hash, link or sequence is broken.");
        routes.MapGet("/api/documents/{id:long}/history", DocumentHistory).WithTags("Audit").WithName("GetDocumentHistory")
            .WithSummary("Every audit event about a document, its translations, revisions and citations, in chain order.");
        return routes;
    }

    public static async Task<Results<Ok<AuditPage>, ValidationProblem>> ListEvents(
        ProvenanceDbContext db,
        string? entity,
        long? entityId,
        string? actor,
        string? action,
        string? from,
        string? to,
        int? page,
        int? pageSize,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var paging = Paging.Parse(page, pageSize, DefaultPageSize, MaxPageSize, errors);
        var fromTime = ParseTime(from, "from", errors);
        var toTime = ParseTime(to, "to", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(entity))
        {
            var type = entity.Trim().ToLowerInvariant();
            query = query.Where(e => e.EntityType == type);
        }

        if (entityId is { } eid)
        {
            query = query.Where(e => e.EntityId == eid);
        }

        if (!string.IsNullOrWhiteSpace(actor))
        {
            var who = actor.Trim();
            if (long.TryParse(who, NumberStyles.None, CultureInfo.InvariantCulture, out var actorId))
            {
                query = query.Where(e => e.ActorId == actorId);
            }
            else
            {
                var upper = who.ToUpperInvariant();
                query = query.Where(e => e.ActorName.ToUpper() == upper);
            }
        }

        if (!string.IsNullOrWhiteSpace(action))
        {
            var name = action.Trim().ToLowerInvariant();
            query = query.Where(e => e.Action == name);
        }

        if (fromTime is { } f)
        {
            query = query.Where(e => e.OccurredAt >= f);
        }

        if (toTime is { } t)
        {
            query = query.Where(e => e.OccurredAt <= t);
        }

        return TypedResults.Ok(await PageAsync(query, paging, ct));
    }

    public static async Task<Ok<AuditVerification>> Verify(ProvenanceDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await AuditVerifier.VerifyAsync(db, ct));

    public static async Task<Results<Ok<AuditPage>, NotFound, ValidationProblem>> DocumentHistory(
        long id, ProvenanceDbContext db, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var paging = Paging.Parse(page, pageSize, DefaultPageSize, MaxPageSize, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!await db.Documents.AnyAsync(d => d.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        // Writers set DocumentId; the entity matches also catch an event written without it.
        var translations = db.Translations.Where(t => t.DocumentId == id).Select(t => (long?)t.Id);
        var revisions = db.Revisions.Where(r => r.Translation!.DocumentId == id).Select(r => (long?)r.Id);
        var citations = db.Citations.Where(c => c.DocumentId == id).Select(c => (long?)c.Id);
        var query = db.AuditEvents.AsNoTracking().Where(e =>
            e.DocumentId == id
            || (e.EntityType == "document" && e.EntityId == id)
            || (e.EntityType == "translation" && translations.Contains(e.EntityId))
            || (e.EntityType == "revision" && revisions.Contains(e.EntityId))
            || (e.EntityType == "citation" && citations.Contains(e.EntityId)));
        return TypedResults.Ok(await PageAsync(query, paging, ct));
    }

    private static async Task<AuditPage> PageAsync(IQueryable<AuditEvent> query, Paging paging, CancellationToken ct)
    {
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(e => e.Sequence)
            .Skip(paging.Offset)
            .Take(paging.Size)
            .ToListAsync(ct);
        return new AuditPage(rows.Select(ToView).ToList(), total, paging.Page, paging.Size);
    }

    internal static AuditEventView ToView(AuditEvent e)
    {
        JsonElement details;
        try
        {
            using var parsed = JsonDocument.Parse(e.Details);
            details = parsed.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Only a forged row can hold text that is not JSON; show it rather than fail the listing.
            details = JsonSerializer.SerializeToElement(e.Details);
        }

        return new AuditEventView(e.Id, e.Sequence, e.OccurredAt, e.ActorId, e.ActorName, e.Action, e.EntityType, e.EntityId,
            e.DocumentId, details, e.PreviousHash, e.Hash);
    }

    private static DateTimeOffset? ParseTime(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }

        errors[field] = [$"{field} is an ISO 8601 date or time, e.g. 2026-01-31 or 2026-01-31T12:00:00Z."];
        return null;
    }
}
