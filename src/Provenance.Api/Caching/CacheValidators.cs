using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Provenance.Data;
using Provenance.Data.Entities;

namespace Provenance.Api.Caching;

/// <summary>
/// The validators of the read endpoints, each one small query. A revision's text never changes, so its tag is
/// built from its SHA-256. Anything else is tagged with the newest audit sequence: every write commits with its
/// audit event, and audit appends hold one lock to commit, so the newest visible sequence names exactly the
/// committed state a body was built from (on the primary and on a standby alike).
/// </summary>
public static class CacheValidators
{
    /// <summary>A revision: immutable once reviewed; while proposed its status is still to change.</summary>
    public static readonly ValidatorQuery Revision = (http, db, ct) => RevisionTagAsync(db, RouteId(http, "id"), "rev", byStatus: true, ct);

    /// <summary>The blame of a revision: the history before a revision never changes, whatever its review decides.</summary>
    public static readonly ValidatorQuery Blame = (http, db, ct) => RevisionTagAsync(db, RouteId(http, "id"), "blame", byStatus: false, ct);

    /// <summary>The diff of two revisions of one document: both texts are immutable.</summary>
    public static readonly ValidatorQuery RevisionDiff = (http, db, ct) =>
    {
        var (a, b) = (RouteId(http, "a"), RouteId(http, "b"));
        return ReadAsync(db, """
            SELECT l.sha256, r.sha256 FROM revisions l JOIN translations lt ON lt.id = l.translation_id,
                   revisions r JOIN translations rt ON rt.id = r.translation_id
            WHERE l.id = $1 AND r.id = $2 AND lt.document_id = rt.document_id
            """, row => new CacheValidator($"\"diff-{a}-{b}-{Short(row.GetString(0))}{Short(row.GetString(1))}\"", Immutable: true), ct, a, b);
    };

    /// <summary>A document and what hangs off it (provenance, citations, the citation export).</summary>
    public static readonly ValidatorQuery Document = (http, db, ct) =>
        AuditTagAsync(db, "doc", "documents", RouteId(http, "id"), ct);

    /// <summary>The collation of a document's translations: built from their texts, which any write may change.</summary>
    public static readonly ValidatorQuery Collation = (http, db, ct) =>
        AuditTagAsync(db, "collation", "documents", RouteId(http, "id"), ct);

    /// <summary>How to cite a document: it names the day it was accessed, so its tag changes daily too.</summary>
    public static readonly ValidatorQuery Citation = async (http, db, ct) =>
        await Document(http, db, ct) is { } v
            ? v with { ETag = $"{v.ETag[..^1]}-{http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow():yyyyMMdd}\"" }
            : null;

    /// <summary>A translation and its history.</summary>
    public static readonly ValidatorQuery Translation = (http, db, ct) =>
        AuditTagAsync(db, "tr", "translations", RouteId(http, "id"), ct);

    /// <summary>
    /// A translation's published text. Its tag starts with the revision's tag (<c>"rev-42-…"</c>), so a client may
    /// send it back as <c>If-Match</c> when it submits an edit of that text. The head text (for editors) is not cached.
    /// </summary>
    public static readonly ValidatorQuery PublishedText = (http, db, ct) =>
    {
        if (http.Request.Query.TryGetValue("revision", out var which) && !string.Equals(which.ToString().Trim(), "published", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult<CacheValidator?>(null);
        }

        return ReadAsync(db, """
            SELECT t.current_revision_id, (SELECT coalesce(max(sequence), 0) FROM audit_events)
            FROM translations t WHERE t.id = $1 AND t.current_revision_id IS NOT NULL
            """, row => new CacheValidator($"\"rev-{row.GetInt64(0)}-a{row.GetInt64(1)}\"", Immutable: false), ct, RouteId(http, "id"));
    };

    /// <summary>A list over all documents: any write may change it.</summary>
    public static readonly ValidatorQuery AllDocuments = (_, db, ct) =>
        ReadAsync(db, "SELECT coalesce(max(sequence), 0) FROM audit_events",
            row => new CacheValidator($"\"docs-a{row.GetInt64(0)}\"", Immutable: false), ct);

    // Also which revision of its translation is published now: the translation's mementos change only with that.
    private static Task<CacheValidator?> RevisionTagAsync(ProvenanceDbContext db, long id, string kind, bool byStatus, CancellationToken ct) =>
        ReadAsync(db, """
            SELECT r.sha256, r.status, r.translation_id, t.current_revision_id
            FROM revisions r JOIN translations t ON t.id = r.translation_id WHERE r.id = $1
            """, row =>
        {
            var sha256 = row.GetString(0).Trim();
            var proposed = byStatus && string.Equals(row.GetString(1), nameof(RevisionStatus.Proposed), StringComparison.Ordinal);
            return new CacheValidator($"\"{kind}-{id}-{Short(sha256)}{(proposed ? "-proposed" : "")}\"", Immutable: !proposed)
            {
                Text = new RevisionHash(id, sha256),
                Translation = new PublishedState(row.GetInt64(2), row.IsDBNull(3) ? null : row.GetInt64(3)),
            };
        }, ct, id);

    /// <summary>Tagged with the newest audit sequence, when the row <paramref name="id"/> of <paramref name="table"/> exists.</summary>
    private static Task<CacheValidator?> AuditTagAsync(ProvenanceDbContext db, string kind, string table, long id, CancellationToken ct) =>
        ReadAsync(db, $"SELECT (SELECT coalesce(max(sequence), 0) FROM audit_events) WHERE EXISTS (SELECT 1 FROM {table} WHERE id = $1)",
            row => new CacheValidator($"\"{kind}-{id}-a{row.GetInt64(0).ToString(CultureInfo.InvariantCulture)}\"", Immutable: false), ct, id);

    private static string Short(string sha256) => sha256.Trim()[..16];

    private static long RouteId(HttpContext http, string name) =>
        long.Parse((string)http.Request.RouteValues[name]!, CultureInfo.InvariantCulture);

    /// <summary>One row on the context's own connection (primary or standby, whichever serves this request); null when none.</summary>
    private static async Task<CacheValidator?> ReadAsync(
        ProvenanceDbContext db, string sql, Func<DbDataReader, CacheValidator> map, CancellationToken ct, params long[] parameters)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            foreach (var p in parameters)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = p });
            }

            await using var reader = await command.ExecuteReaderAsync(ct);
            return await reader.ReadAsync(ct) ? map(reader) : null;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
