using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;

namespace Provenance.Data;

/// <summary>
/// Rebuilt revision texts, kept in memory so a read at the end of a delta chain does not replay the chain.
/// How this keeps the promise that a damaged row is an error, never a wrong text (docs/performance.md):
/// <list type="bullet">
/// <item>A text enters only after it was rebuilt from its rows and matched the stored SHA-256, and it is used only
/// while the row still stores that SHA-256 (read on every request), so a changed hash is rebuilt and checked again.</item>
/// <item>Write transactions neither read nor fill the cache: a delta is always encoded against the stored text.</item>
/// <item>Damaged delta or text bytes under an unchanged hash are found by <see cref="VerifyAsync"/>, which rebuilds
/// every cached text of a database from its rows (on a schedule in the API) and evicts the damaged ones, so the
/// next read fails as it would without the cache. Until then the cached text served is still the correct one.</item>
/// </list>
/// </summary>
public static class RevisionTextCache
{
    /// <summary>Upper bound of cached text, in UTF-16 chars (two bytes each).</summary>
    public const long DefaultSizeLimitChars = 64L * 1024 * 1024;

    private static readonly MemoryCache Cache = new(new MemoryCacheOptions { SizeLimit = DefaultSizeLimitChars });

    private sealed record Entry(string Sha256, string Text);

    /// <summary>Database name plus revision id: one process may serve (or test) several databases.</summary>
    private readonly record struct Key(string Database, long RevisionId);

    internal static bool AppliesTo(ProvenanceDbContext db) => db.Database.CurrentTransaction is null;

    internal static string? TryGet(ProvenanceDbContext db, long revisionId, string storedSha256) =>
        Cache.TryGetValue(new Key(DatabaseOf(db), revisionId), out Entry? entry)
            && string.Equals(entry!.Sha256, storedSha256, StringComparison.Ordinal)
            ? entry.Text
            : null;

    internal static void Add(ProvenanceDbContext db, long revisionId, string sha256, string text) =>
        Cache.Set(new Key(DatabaseOf(db), revisionId), new Entry(sha256, text), new MemoryCacheEntryOptions { Size = Math.Max(1, text.Length) });

    /// <summary>
    /// Rebuilds every cached text of <paramref name="db"/>'s database from its stored rows, one revision at a time,
    /// and evicts those that no longer rebuild to their hash. Returns the ids of the damaged ones.
    /// </summary>
    public static async Task<IReadOnlyList<long>> VerifyAsync(ProvenanceDbContext db, ILogger logger, CancellationToken ct)
    {
        var database = DatabaseOf(db);
        var damaged = new List<long>();
        foreach (var key in Cache.Keys.OfType<Key>().Where(k => string.Equals(k.Database, database, StringComparison.Ordinal)).ToList())
        {
            try
            {
                var rebuilt = await RevisionStore.RebuildTextsAsync(db, [key.RevisionId], ct);
                if (!rebuilt.ContainsKey(key.RevisionId))
                {
                    Cache.Remove(key); // the row is gone
                }
            }
            catch (RevisionTextDamagedException e)
            {
                Cache.Remove(key);
                damaged.Add(key.RevisionId);
                logger.LogError(e, "Revision {RevisionId} no longer rebuilds to its SHA-256; its cached text was evicted", key.RevisionId);
            }
        }

        return damaged;
    }

    private static string DatabaseOf(ProvenanceDbContext db) => db.Database.GetDbConnection().Database;
}
