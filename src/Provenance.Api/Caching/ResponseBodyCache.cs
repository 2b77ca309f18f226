using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Provenance.Data;

namespace Provenance.Api.Caching;

/// <summary>
/// The serialized JSON bodies of 200 answers, kept per API instance under the validator they were answered with, so a
/// repeat read costs the validator query alone. A changed resource has a new tag and so misses; bounded by
/// <see cref="CachingOptions.ResponseBodyBytes"/>. A body built from a revision text is keyed by the row's full stored
/// SHA-256 and kept only while the verified texts it was built from are in <see cref="RevisionTextCache"/>, so it obeys ADR 0006: when the
/// verifier evicts a damaged text, the bodies built from it go too.
/// </summary>
public sealed class ResponseBodyCache(IOptions<CachingOptions> options, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = options.Value.ResponseBodyBytes });

    /// <summary>Database name too: one process may serve (or test) several databases, whose tags may coincide.</summary>
    private readonly record struct BodyKey(string Database, string ETag, string? Sha256);

    public IResult? TryGet(ProvenanceDbContext db, CacheValidator v) =>
        _cache.TryGetValue(KeyOf(db, v), out byte[]? body) ? Answer(body!) : null;

    /// <summary>
    /// Keeps a 200's value as its JSON bytes and answers those, so a miss and a hit send the same bytes. A body built
    /// from revision texts is kept only while every one of them is cached as verified (<paramref name="texts"/>).
    /// </summary>
    public IResult Keep(ProvenanceDbContext db, CacheValidator v, object value, RevisionTextCache.TextUse texts)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), json.Value.SerializerOptions);
        if (texts.AllCached)
        {
            var entry = new MemoryCacheEntryOptions { Size = Math.Max(1, body.Length) };
            foreach (var evicted in texts.Evictions)
            {
                entry.ExpirationTokens.Add(evicted);
            }

            _cache.Set(KeyOf(db, v), body, entry);
        }

        return Answer(body);
    }

    public void Dispose() => _cache.Dispose();

    private static BodyKey KeyOf(ProvenanceDbContext db, CacheValidator v) => new(db.DatabaseName, v.ETag, v.Text?.Sha256);

    private static IResult Answer(byte[] body) => TypedResults.Bytes(body, "application/json; charset=utf-8");
}
