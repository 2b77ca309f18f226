using Microsoft.EntityFrameworkCore;

namespace Provenance.Data;

/// <summary>
/// Full-text search over title, summary and the published text of every translation, stemmed
/// as English and as Russian so that either language's word forms match.
/// </summary>
public static class DocumentSearch
{
    /// <summary>Recomputes a document's search vector; call in the transaction that changed it.</summary>
    public static async Task RefreshAsync(ProvenanceDbContext db, long documentId, CancellationToken ct)
    {
        // Published texts are rebuilt by the store (ADR 0005: most rows hold deltas, not text).
        var published = await db.Translations.Where(t => t.DocumentId == documentId && t.CurrentRevisionId != null)
            .Select(t => t.CurrentRevisionId!.Value).ToListAsync(ct);
        var texts = (await RevisionStore.GetTextsAsync(db, published, ct)).Values.ToArray();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE documents d SET search_vector =
                  setweight(to_tsvector('english', d.title), 'A')
               || setweight(to_tsvector('russian', d.title), 'A')
               || setweight(to_tsvector('english', coalesce(d.summary, '')), 'B')
               || setweight(to_tsvector('russian', coalesce(d.summary, '')), 'B')
               || coalesce((
                    SELECT to_tsvector('english', string_agg(r.text, E'\n\n'))
                        || to_tsvector('russian', string_agg(r.text, E'\n\n'))
                    FROM unnest({texts}::text[]) AS r(text)), ''::tsvector)
            WHERE d.id = {documentId}
            """, ct);
    }
}
