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
    /// </summary>
    public static string TextVectorSql(string language, string text) =>
        $"to_tsvector({SearchLanguages.ConfigurationSql(language)}, {text})";

    private static readonly string RefreshSql = $"""
        UPDATE documents d SET search_vector =
              setweight(to_tsvector('english', d.title), 'A')
           || setweight(to_tsvector('russian', d.title), 'A')
           || setweight(to_tsvector('english', coalesce(d.summary, '')), 'B')
           || setweight(to_tsvector('russian', coalesce(d.summary, '')), 'B')
           || coalesce((
                SELECT string_agg({TextVectorSql("t.language", "r.text")}::text, ' ')::tsvector
                FROM translations t JOIN revisions r ON r.id = t.current_revision_id
                WHERE t.document_id = d.id), ''::tsvector)
        """;

    /// <summary>Recomputes a document's search vector; call in the transaction that changed it.</summary>
    public static Task RefreshAsync(ProvenanceDbContext db, long documentId, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync(RefreshOneSql, [documentId], ct);

    // Built from constants only (the configuration map); the id is a parameter.
    private static readonly string RefreshOneSql = RefreshSql + "\nWHERE d.id = {0}";

    /// <summary>The same statement for many documents at once: its one parameter is a <c>bigint[]</c> of ids.</summary>
    public static string RefreshManySql(string idsParameter) => RefreshSql + $"\nWHERE d.id = ANY({idsParameter})";
}
