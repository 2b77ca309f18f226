using Microsoft.Extensions.Caching.Memory;
using Provenance.Api.Caching;
using Provenance.Data;

namespace Provenance.Api.Memento;

/// <summary>
/// The mementos of translations whose revisions are read, per API instance, under the revision each publishes:
/// a translation gains a memento only when a newer revision becomes published, so that names the list exactly.
/// Bounded by the number of mementos kept.
/// </summary>
public sealed class MementoCache : IDisposable
{
    private const long MaxMementos = 1_000_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxMementos });

    /// <summary>Database name too: one process may serve (or test) several databases, whose ids may coincide.</summary>
    private readonly record struct Key(string Database, PublishedState Translation);

    public async Task<List<MementoEntry>> OfTranslationAsync(ProvenanceDbContext db, PublishedState translation, CancellationToken ct)
    {
        var key = new Key(db.DatabaseName, translation);
        if (_cache.TryGetValue(key, out List<MementoEntry>? kept))
        {
            return kept!;
        }

        var mementos = await Mementos.OfTranslationAsync(db, translation.TranslationId, ct);
        _cache.Set(key, mementos, new MemoryCacheEntryOptions { Size = mementos.Count + 1 });
        return mementos;
    }

    public void Dispose() => _cache.Dispose();
}
