using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Provenance.Api.Hosting;
using Provenance.Data;

namespace Provenance.Api.Caching;

/// <summary>
/// The validators this instance has read from the database, by database, path and query, so that a read need not ask
/// again (ADR 0006):
/// <list type="bullet">
/// <item>An immutable one (a reviewed revision, the blame of a revision, the diff of two revisions) answers a matching
/// <c>If-None-Match</c> with 304 for good: such a tag never changes through the write path, so instances never disagree.</item>
/// <item>Any one answers an anonymous read for <see cref="CachingOptions.RecheckAfter"/> after it was read, as a standby
/// that far behind would. A write through this instance ends that at once for every path (<see cref="Written"/>), and a
/// keyed read or one that carries its last write's position (<see cref="ReadRouting.LsnHeader"/>) always asks: whoever
/// wrote sees their write, through any instance.</item>
/// </list>
/// Bounded by <see cref="CachingOptions.KnownValidators"/> entries.
/// </summary>
public sealed class KnownValidators(IOptions<CachingOptions> options, TimeProvider time) : IDisposable
{
    private readonly MemoryCache _known = new(new MemoryCacheOptions { SizeLimit = options.Value.KnownValidators });
    private readonly TimeSpan _recheckAfter = options.Value.RecheckAfter;
    private long _writes;

    /// <summary>What a request reads under; take it before asking the database, so a write that commits meanwhile makes the answer old.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>A write through this instance has committed (or may have): no read is answered from before it.</summary>
    public void Written() => Interlocked.Increment(ref _writes);

    /// <summary>
    /// The validator this request's path and query were last answered with: <c>Immutable</c> when it is immutable, and
    /// <c>Recent</c> when the request may be answered under it without asking the database (see the class), given that
    /// <see cref="Writes"/> was <paramref name="writes"/> when the request began.
    /// </summary>
    public (CacheValidator? Immutable, CacheValidator? Recent) Find(ProvenanceDbContext db, HttpRequest request, long writes)
    {
        if (!_known.TryGetValue(KeyOf(db, request), out Known? known) || known is null)
        {
            return (null, null);
        }

        var recent = _recheckAfter > TimeSpan.Zero && known.Writes == writes && time.GetElapsedTime(known.ReadAt) < _recheckAfter
            && request.Headers.Authorization.Count == 0 && ReadRouting.ClientLsn(request) is null;
        return (known.Validator.Immutable ? known.Validator : null, recent ? known.Validator : null);
    }

    /// <summary>Keeps <paramref name="v"/>, read from the database after <see cref="Writes"/> was <paramref name="writes"/>.</summary>
    public void Remember(ProvenanceDbContext db, HttpRequest request, CacheValidator v, long writes) =>
        _known.Set(KeyOf(db, request), new Known(v, writes, time.GetTimestamp()), new MemoryCacheEntryOptions { Size = 1 });

    public void Dispose() => _known.Dispose();

    private static Key KeyOf(ProvenanceDbContext db, HttpRequest request) => new(db.DatabaseName, request.Path, request.QueryString);

    private readonly record struct Key(string Database, PathString Path, QueryString Query);

    private sealed record Known(CacheValidator Validator, long Writes, long ReadAt);
}
