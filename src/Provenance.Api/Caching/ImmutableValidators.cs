using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Provenance.Data;

namespace Provenance.Api.Caching;

/// <summary>
/// The validators of immutable answers (a reviewed revision, the blame of a revision, the diff of two revisions) this
/// instance has read from the database, by database and path, so that revalidating one answers 304 without a query.
/// Such a tag never changes through the write path (revisions are never rewritten or deleted), so instances never
/// disagree. A 304 sends no body, so ADR 0006's rule that a damaged row is refused is kept by the 200s, which still
/// read the stored hash. Bounded by <see cref="CachingOptions.ImmutableValidators"/> entries.
/// </summary>
public sealed class ImmutableValidators(IOptions<CachingOptions> options) : IDisposable
{
    private readonly MemoryCache _known = new(new MemoryCacheOptions { SizeLimit = options.Value.ImmutableValidators });

    /// <summary>The validator a request's path was last answered with, when that answer is immutable.</summary>
    public CacheValidator? Find(ProvenanceDbContext db, HttpRequest request) =>
        _known.TryGetValue(new Key(db.DatabaseName, request.Path), out CacheValidator v) ? v : null;

    public void Remember(ProvenanceDbContext db, HttpRequest request, CacheValidator v)
    {
        if (v.Immutable)
        {
            _known.Set(new Key(db.DatabaseName, request.Path), v, new MemoryCacheEntryOptions { Size = 1 });
        }
    }

    public void Dispose() => _known.Dispose();

    /// <summary>The path alone: the validators of immutable answers depend on the route, not on the query.</summary>
    private readonly record struct Key(string Database, PathString Path);
}
