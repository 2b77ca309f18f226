using Microsoft.EntityFrameworkCore;

namespace Provenance.Data;

/// <summary>
/// Full-text search over title, summary and the published text of every translation, stemmed
/// as English and as Russian so that either language's word forms match.
/// </summary>
public static class DocumentSearch
{
    /// <summary>Recomputes a document's search vector; call in the transaction that changed it.</summary>
    public static Task RefreshAsync(ProvenanceDbContext db, long documentId, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            UPDATE documents d SET search_vector =
                  setweight(to_tsvector('english', d.title), 'A')
               || setweight(to_tsvector('russian', d.title), 'A')
               || setweight(to_tsvector('english', coalesce(d.summary, '')), 'B')
               || setweight(to_tsvector('russian', coalesce(d.summary, '')), 'B')
               || coalesce((
                    SELECT to_tsvector('english', string_agg(r.text, E'\n\n'))
                        || to_tsvector('russian', string_agg(r.text, E'\n\n'))
                    FROM translations t JOIN revisions r ON r.id = t.current_revision_id
                    WHERE t.document_id = d.id), ''::tsvector)
            WHERE d.id = {documentId}
            """, ct);
}
