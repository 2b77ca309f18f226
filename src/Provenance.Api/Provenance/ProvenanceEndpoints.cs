using Microsoft.AspNetCore.Http.HttpResults;
using Provenance.Api.Caching;
using Provenance.Api.Citations;
using Provenance.Data;
using Provenance.Data.Entities;

namespace Provenance.Api.ProvenanceQuery;

public static class ProvenanceEndpoints
{
    public static IEndpointRouteBuilder MapProvenanceEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/documents/{id:long}/provenance", GetProvenance).WithTags("Provenance").WithName("GetProvenance")
            .WithSummary("Where the document comes from: original, archive, custody chain, publisher's record, every translation and revision, citations. format=json (default) or prov-json (W3C PROV-JSON).")
            .CachedBy(CacheValidators.Document);
        return routes;
    }

    public static async Task<Results<Ok<ProvenanceReport>, ContentHttpResult, NotFound, ValidationProblem>> GetProvenance(
        long id, string? format, ProvenanceDbContext db, HttpRequest request, CancellationToken ct)
    {
        var chosen = (format ?? "json").Trim().ToLowerInvariant();
        if (chosen is not ("json" or "prov-json"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["format is json or prov-json."] });
        }

        var graph = await ProvenanceGraph.LoadAsync(db, id, ct);
        if (graph is null)
        {
            return TypedResults.NotFound();
        }

        if (chosen == "prov-json")
        {
            var (json, _) = ProvJsonWriter.Write(graph, $"{request.Scheme}://{request.Host}{request.PathBase}");
            return TypedResults.Content(json.ToJsonString(), ProvJsonWriter.MediaType, System.Text.Encoding.UTF8);
        }

        return TypedResults.Ok(Report(graph));
    }

    internal static ProvenanceReport Report(ProvenanceGraph graph)
    {
        var d = graph.Document;
        var document = new ProvenanceDocument(
            d.Id, d.Title, Documents.IsoDate.Format(d.Date, d.DatePrecision), d.DateText, d.OriginalLanguage, d.OriginalLanguageName,
            d.Markings, d.ArchivalReference, d.SourceNote,
            d.Archive is { } a ? new ProvenanceArchive(a.Code, a.Name, a.Place) : null,
            d.Custody.OrderBy(c => c.Order).Select(c => new ProvenanceCustodyStep(c.Order, c.Holder, c.Relation, c.Place)).ToList(),
            new ProvenancePublisher(d.PublisherName, d.PublisherUrl, d.PublisherRecordId));
        var translations = d.Translations.OrderBy(t => t.Id).Select(t => new ProvenanceTranslation(
            t.Id, t.Language, t.Kind, t.TranslatorId, t.Translator?.Name, t.CurrentRevisionId, t.HeadRevisionId, t.CreatedAt,
            graph.Revisions.Where(r => r.TranslationId == t.Id).OrderBy(r => r.Number).Select(ToView).ToList())).ToList();
        return new ProvenanceReport(document, translations, graph.Citations.Select(CitationView.From).ToList());
    }

    private static ProvenanceRevision ToView(Revision r) => new(
        r.Id, r.Number, r.ParentId, r.AuthorId, r.Author?.Name, r.Summary, r.Status.ToString().ToLowerInvariant(),
        r.ReviewerId, r.Reviewer?.Name, r.ReviewedAt, r.ReviewComment, r.Sha256, r.CreatedAt, r.Merged, r.BaseRevisionId);
}
