using Microsoft.EntityFrameworkCore;

namespace Provenance.Data;

/// <summary>
/// Full-text search over title, summary and the published text of every translation. Title and
/// summary (short) are stemmed as English and as Russian; each translation's text only with the
/// configuration of its own language (<see cref="SearchLanguages"/>: en → english, ru → russian,
/// de → german, …, anything else → simple). Queries OR the term parsed with every configuration
/// (<see cref="SearchLanguages.QueryConfigurations"/>), so either language's word forms match.
/// </summary>
public static class DocumentSearch
{
    /// <summary>
    /// SQL of one translation's text vector: <paramref name="text"/> stemmed with the configuration
    /// of <paramref name="language"/> (SQL expressions). A document's texts are these vectors of
    /// its translations merged through tsvector's text form (which unions each lexeme's positions,
    /// so the order of translations does not matter, and one translation's vector comes back as is).
    /// A text not in Russian also gets its Cyrillic words stemmed as Russian, at their own positions: a
    /// Russian gloss inside an English translation, <c>ракеты</c>, is found by <c>ракета</c>.
    /// </summary>
    public static string TextVectorSql(string language, string text) => $"""
        (SELECT (own::text || ' ' || coalesce(ts_delete(ru, ARRAY(SELECT lexeme FROM unnest(ru) WHERE lexeme !~ '{SearchLanguages.CyrillicPattern}'))::text, ''))::tsvector
         FROM (SELECT to_tsvector(cfg, {text}) AS own,
                      CASE WHEN cfg <> 'russian'::regconfig AND {text} ~ '{SearchLanguages.CyrillicPattern}' THEN to_tsvector('russian', {text}) END AS ru
               FROM (SELECT {SearchLanguages.ConfigurationSql(language)} AS cfg) c) v)
        """;

    /// <summary>
    /// The search statement for the documents in <paramref name="ids"/> (a <c>bigint[]</c>), given the
    /// published texts of their translations as three parallel arrays: document ids (<c>bigint[]</c>),
    /// languages and texts (<c>text[]</c>). The texts come in as parameters because the revision
    /// store rebuilds them (ADR 0005: most rows hold deltas, not text). Built from constants only.
    /// </summary>
    public static string RefreshSql(string ids, string documentIds, string languages, string texts) => $"""
        UPDATE documents d SET search_vector =
              setweight(to_tsvector('english', d.title), 'A')
           || setweight(to_tsvector('russian', d.title), 'A')
           || setweight(to_tsvector('english', coalesce(d.summary, '')), 'B')
           || setweight(to_tsvector('russian', coalesce(d.summary, '')), 'B')
           || coalesce((
                SELECT string_agg({TextVectorSql("r.language", "r.text")}::text, ' ')::tsvector
                FROM unnest({documentIds}::bigint[], {languages}::text[], {texts}::text[]) AS r(document_id, language, text)
                WHERE r.document_id = d.id), ''::tsvector)
        WHERE d.id = ANY({ids}::bigint[])
        """;

    private static readonly string RefreshOneSql = RefreshSql("{0}", "{1}", "{2}", "{3}");

    /// <summary>Recomputes a document's search vector; call in the transaction that changed it.</summary>
    public static async Task RefreshAsync(ProvenanceDbContext db, long documentId, CancellationToken ct)
    {
        var published = await db.Translations.Where(t => t.DocumentId == documentId && t.CurrentRevisionId != null)
            .Select(t => new { t.Language, RevisionId = t.CurrentRevisionId!.Value }).ToListAsync(ct);
        var texts = await RevisionStore.GetTextsAsync(db, published.Select(p => p.RevisionId), ct);
        await db.Database.ExecuteSqlRawAsync(RefreshOneSql,
            [
                new[] { documentId },
                published.Select(_ => documentId).ToArray(),
                published.Select(p => p.Language).ToArray(),
                published.Select(p => texts[p.RevisionId]).ToArray(),
            ], ct);
    }
}
