using Provenance.Api.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;
using Provenance.Api.Caching;
using Provenance.Api.Editing;
using Provenance.Data;
using Provenance.Data.Entities;

namespace Provenance.Api.Documents;

public static class DocumentEndpoints
{
    public const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapDocumentEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/documents").WithTags("Documents");
        group.MapGet("/", ListDocuments).WithName("ListDocuments")
            .WithSummary("Search and page through documents (q: full text; each text stemmed in its own language, the term in all of them; archive; translator; language; from/to dates).")
            .CachedBy(CacheValidators.AllDocuments);
        group.MapGet("/{id:long}", GetDocument).WithName("GetDocument")
            .WithSummary("The whole record: metadata, markings, custody chain, translations.")
            .CachedBy(CacheValidators.Document, keepBodies: true);
        return routes;
    }

    public static async Task<Results<Ok<PagedList<DocumentSummary>>, ValidationProblem>> ListDocuments(
        ProvenanceDbContext db,
        string? q,
        string? archive,
        string? translator,
        string? language,
        string? from,
        string? to,
        int? page,
        int? pageSize,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var (pageNumber, size) = Paging.Parse(page, pageSize, 20, MaxPageSize, errors);

        // PostgreSQL text cannot hold NUL: a NUL in a search term is the client's mistake, not a 500.
        foreach (var (name, value) in new[] { ("q", q), ("archive", archive), ("translator", translator), ("language", language) })
        {
            if (value is not null && !Validation.IsStorableText(value))
            {
                errors[name] = [$"{name} contains a NUL character or an unpaired surrogate."];
            }
        }

        DateOnly? fromDate = null, toDate = null;
        if (!string.IsNullOrWhiteSpace(from))
        {
            if (IsoDate.TryParseRange(from.Trim(), out var first, out _)) { fromDate = first; }
            else { errors["from"] = ["from is a date as yyyy, yyyy-MM or yyyy-MM-dd."]; }
        }

        if (!string.IsNullOrWhiteSpace(to))
        {
            if (IsoDate.TryParseRange(to.Trim(), out _, out var last)) { toDate = last; }
            else { errors["to"] = ["to is a date as yyyy, yyyy-MM or yyyy-MM-dd."]; }
        }

        // Tags are stored in canonical case (en-GB); a language name ("Russian") is accepted as the records write it.
        string? languageTag = null;
        if (!string.IsNullOrWhiteSpace(language) && !errors.ContainsKey("language"))
        {
            languageTag = LanguageTag.Canonical(Import.LanguageTags.FromName(language)) ?? LanguageTag.Canonical(language);
            if (languageTag is null)
            {
                errors["language"] = ["language is a BCP 47 language tag such as ru, en-GB or jrb, or a language name such as Russian."];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = db.Documents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(archive))
        {
            var code = archive.Trim().ToUpperInvariant();
            query = query.Where(d => d.Archive != null && (d.Archive.Code.ToUpper() == code || d.Archive.Name.ToUpper() == code));
        }

        if (!string.IsNullOrWhiteSpace(translator))
        {
            var pattern = $"%{EscapeLike(translator.Trim())}%";
            query = query.Where(d => d.Translations.Any(t => t.Translator != null && EF.Functions.ILike(t.Translator.Name, pattern)));
        }

        if (languageTag is not null)
        {
            // ILIKE without wildcards: a tag holds only letters, digits and hyphens, and older rows may differ in case.
            query = query.Where(d => (d.OriginalLanguage != null && EF.Functions.ILike(d.OriginalLanguage, languageTag))
                || d.Translations.Any(t => EF.Functions.ILike(t.Language, languageTag)));
        }

        if (fromDate is { } f)
        {
            query = query.Where(d => d.Date >= f);
        }

        if (toDate is { } t)
        {
            query = query.Where(d => d.Date <= t);
        }

        IOrderedQueryable<Document> ordered;
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            var (matches, rank) = SearchTerms.For(text);
            query = query.Where(matches);
            ordered = query.OrderByDescending(rank)
                .ThenBy(d => d.Id);
        }
        else
        {
            ordered = query.OrderBy(d => d.Date).ThenBy(d => d.Id);
        }

        var total = await query.CountAsync(ct);
        var rows = await ordered
            .Skip(new Paging(pageNumber, size).Offset)
            .Take(size)
            .Select(d => new
            {
                d.Id,
                d.Title,
                d.Date,
                d.DatePrecision,
                d.DateText,
                d.OriginalLanguage,
                Archive = d.Archive == null ? null : new ArchiveView(d.Archive.Code, d.Archive.Name),
                Translators = d.Translations.Where(t => t.Translator != null).Select(t => t.Translator!.Name).ToList(),
            })
            .ToListAsync(ct);

        var items = rows.Select(d => new DocumentSummary(
            d.Id, d.Title, IsoDate.Format(d.Date, d.DatePrecision), d.DateText, d.OriginalLanguage, d.Archive,
            d.Translators.Distinct(StringComparer.Ordinal).ToList())).ToList();
        return TypedResults.Ok(new PagedList<DocumentSummary>(items, total, pageNumber, size));
    }

    // One round trip, and only the columns the answer shows: loading the entity would also read the
    // search vector (the whole text's lexemes) and take three queries with Include + split. Compiled
    // once, so a request skips EF's query-cache lookup and expression work.
    private static readonly Func<ProvenanceDbContext, long, CancellationToken, Task<DocumentRow?>> DocumentById =
        EF.CompileAsyncQuery((ProvenanceDbContext db, long id, CancellationToken ct) => db.Documents.AsNoTracking()
            .Where(x => x.Id == id)
            .Select(x => new DocumentRow(
                x.Id, x.Title, x.Date, x.DatePrecision, x.DateText, x.OriginalLanguage, x.OriginalLanguageName,
                x.Archive == null ? null : new ArchiveView(x.Archive.Code, x.Archive.Name),
                x.Summary, x.CitationText, x.Markings,
                x.Custody.OrderBy(c => c.Order).Select(c => new CustodyStepView(c.Order, c.Holder, c.Relation, c.Place)).ToList(),
                x.PublisherName, x.PublisherUrl, x.PublisherRecordId, x.SourceNote, x.ExtraSections, x.Footnotes,
                x.Translations.OrderBy(t => t.Id)
                    .Select(t => new TranslationView(t.Id, t.DocumentId, t.Language, t.Kind,
                        t.Translator == null ? null : t.Translator.Name, t.CurrentRevisionId, t.HeadRevisionId))
                    .ToList(),
                x.CreatedAt, x.UpdatedAt, x.ArchivalReference))
            .AsSingleQuery()
            .FirstOrDefault());

    public static async Task<Results<Ok<DocumentDetail>, NotFound>> GetDocument(long id, ProvenanceDbContext db, CancellationToken ct)
    {
        var d = await DocumentById(db, id, ct);
        if (d is null)
        {
            return TypedResults.NotFound();
        }

        var translations = await Translations.SourceReview.WithSourcesAsync(db, d.Translations, ct);
        return TypedResults.Ok(new DocumentDetail(
            d.Id, d.Title, IsoDate.Format(d.Date, d.DatePrecision), d.DateText, d.DatePrecision.ToString().ToLowerInvariant(),
            d.OriginalLanguage, d.OriginalLanguageName, d.Archive,
            d.Translations.Select(t => t.Translator).OfType<string>().Distinct(StringComparer.Ordinal).ToList(),
            d.Summary, d.CitationText, d.Markings, d.Custody,
            d.PublisherName, d.PublisherUrl, d.PublisherRecordId, d.SourceNote,
            d.ExtraSections, d.Footnotes, translations, d.CreatedAt, d.UpdatedAt, d.ArchivalReference));
    }

    internal static TranslationView ToView(Translation t) =>
        new(t.Id, t.DocumentId, t.Language, t.Kind, t.Translator?.Name, t.CurrentRevisionId, t.HeadRevisionId);

    /// <summary>The columns <see cref="GetDocument"/> reads, before the answer's few computed fields.</summary>
    private sealed record DocumentRow(
        long Id, string Title, DateOnly? Date, DatePrecision DatePrecision, string? DateText, string? OriginalLanguage,
        string? OriginalLanguageName, ArchiveView? Archive, string? Summary, string? CitationText, List<string> Markings,
        List<CustodyStepView> Custody, string? PublisherName, string? PublisherUrl, string? PublisherRecordId, string? SourceNote,
        List<RecordSection> ExtraSections, List<Footnote> Footnotes, List<TranslationView> Translations,
        DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? ArchivalReference);

    private static string EscapeLike(string s) =>
        s.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
