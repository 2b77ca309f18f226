using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Provenance.Data;

/// <summary>
/// Rebuilt revision texts, kept in memory so a read at the end of a delta chain does not replay the chain.
/// How this keeps the promise that a damaged row is an error, never a wrong text (ADR 0006):
/// <list type="bullet">
/// <item>A text enters only after it was rebuilt from its rows and matched the stored SHA-256, and it is used only
/// while the row still stores that SHA-256 (read on every request), so a changed hash is rebuilt and checked again.</item>
/// <item>Write transactions neither read nor fill the cache: a delta is always encoded against the stored text.</item>
/// <item>Damaged delta or text bytes under an unchanged hash are found by <see cref="VerifyAsync"/>, which rebuilds
/// every cached text of a database from its rows (on a schedule in the API) and evicts the damaged ones, so the
/// next read fails as it would without the cache. Until then the cached text served is still the correct one.</item>
/// <item>Whatever else keeps a copy of a text (the API's cache of answers) watches the texts it was built from
/// (<see cref="Track"/>) and goes when any of them leaves this cache, so nothing outlives a text's verification.</item>
/// </list>
/// </summary>
public static class RevisionTextCache
{
    /// <summary>Upper bound of cached text, in UTF-16 chars (two bytes each).</summary>
    public const long DefaultSizeLimitChars = 64L * 1024 * 1024;

    private static readonly MemoryCache Cache = new(new MemoryCacheOptions { SizeLimit = DefaultSizeLimitChars });

    private static readonly AsyncLocal<TextUse?> CurrentUse = new();

    /// <summary>A cached text, and a token cancelled when it leaves the cache (for any reason).</summary>
    private sealed record Entry(string Sha256, string Text)
    {
        public CancellationTokenSource Evicted { get; } = new();
    }

    /// <summary>Database name plus revision id: one process may serve (or test) several databases.</summary>
    private readonly record struct Key(string Database, long RevisionId);

    /// <summary>
    /// Starts recording which cached texts the work that follows (on this async flow) reads; dispose to stop.
    /// Something built from them may be kept only while <see cref="TextUse.AllCached"/> and until a token of
    /// <see cref="TextUse.Evictions"/> fires.
    /// </summary>
    public static TextUse Track()
    {
        var use = new TextUse(CurrentUse.Value);
        CurrentUse.Value = use;
        return use;
    }

    internal static bool AppliesTo(ProvenanceDbContext db) => db.Database.CurrentTransaction is null;

    internal static string? TryGet(ProvenanceDbContext db, long revisionId, string storedSha256)
    {
        if (!Cache.TryGetValue(new Key(db.DatabaseName, revisionId), out Entry? entry)
            || !string.Equals(entry!.Sha256, storedSha256, StringComparison.Ordinal))
        {
            return null;
        }

        CurrentUse.Value?.Watch(entry.Evicted.Token);
        return entry.Text;
    }

    internal static void Add(ProvenanceDbContext db, long revisionId, string sha256, string text)
    {
        var key = new Key(db.DatabaseName, revisionId);
        var entry = new Entry(sha256, text);
        Cache.Set(key, entry, new MemoryCacheEntryOptions { Size = Math.Max(1, text.Length) }
            .RegisterPostEvictionCallback(static (_, value, _, _) => ((Entry)value!).Evicted.Cancel()));
        // A text too large for what is left is not admitted: what was built from it must not be kept either.
        if (Cache.TryGetValue(key, out Entry? stored) && ReferenceEquals(stored, entry))
        {
            CurrentUse.Value?.Watch(entry.Evicted.Token);
        }
        else
        {
            NoteUncached();
        }
    }

    /// <summary>A text was read past the cache (in a write transaction): nothing built from it is kept.</summary>
    internal static void NoteUncached()
    {
        if (CurrentUse.Value is { } use)
        {
            use.AllCached = false;
        }
    }

    /// <summary>
    /// Rebuilds every cached text of <paramref name="db"/>'s database from its stored rows, one revision at a time,
    /// and evicts those that no longer rebuild to their hash. Returns the ids of the damaged ones.
    /// </summary>
    public static async Task<IReadOnlyList<long>> VerifyAsync(ProvenanceDbContext db, ILogger logger, CancellationToken ct)
    {
        var database = db.DatabaseName;
        var damaged = new List<long>();
        foreach (var key in Cache.Keys.OfType<Key>().Where(k => string.Equals(k.Database, database, StringComparison.Ordinal)).ToList())
        {
            try
            {
                var rebuilt = await RevisionStore.RebuildTextsAsync(db, [key.RevisionId], ct);
                if (!rebuilt.ContainsKey(key.RevisionId))
                {
                    Evict(key); // the row is gone
                }
            }
            catch (RevisionTextDamagedException e)
            {
                Evict(key);
                damaged.Add(key.RevisionId);
                logger.LogError(e, "Revision {RevisionId} no longer rebuilds to its SHA-256; its cached text was evicted", key.RevisionId);
            }
        }

        return damaged;
    }

    /// <summary>Removes a text and, at once (eviction callbacks run later, on the thread pool), what watches it.</summary>
    private static void Evict(Key key)
    {
        if (Cache.TryGetValue(key, out Entry? entry))
        {
            entry!.Evicted.Cancel();
        }

        Cache.Remove(key);
    }

    /// <summary>The cached texts one piece of work read (see <see cref="Track"/>).</summary>
    public sealed class TextUse : IDisposable
    {
        private readonly TextUse? _outer;
        private readonly List<IChangeToken> _evictions = [];

        internal TextUse(TextUse? outer) => _outer = outer;

        /// <summary>False when a text was read that the cache does not hold.</summary>
        public bool AllCached { get; internal set; } = true;

        /// <summary>One token per text read, each cancelled when that text leaves the cache.</summary>
        public IReadOnlyList<IChangeToken> Evictions => _evictions;

        internal void Watch(CancellationToken evicted)
        {
            lock (_evictions)
            {
                _evictions.Add(new CancellationChangeToken(evicted));
            }
        }

        public void Dispose() => CurrentUse.Value = _outer;
    }
}
