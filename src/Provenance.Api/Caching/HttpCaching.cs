using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Provenance.Api.Auth;
using Provenance.Data;

namespace Provenance.Api.Caching;

/// <summary>A representation's validator (RFC 9110 §8.8.3) and whether the resource never changes.</summary>
public readonly record struct CacheValidator(string ETag, bool Immutable)
{
    /// <summary>A revision's full stored SHA-256 (its tag names 16 digits): its kept answer is keyed by all 64 (ADR 0006).</summary>
    public RevisionHash? Text { get; init; }

    /// <summary>The translation a revision belongs to, and the revision it publishes now.</summary>
    public PublishedState? Translation { get; init; }
}

public readonly record struct RevisionHash(long RevisionId, string Sha256);

/// <summary>A translation and its published revision: its mementos (RFC 7089) change only when that does.</summary>
public readonly record struct PublishedState(long TranslationId, long? RevisionId);

/// <summary>Computes a resource's validator from the database without building its body; null when it does not exist.</summary>
public delegate Task<CacheValidator?> ValidatorQuery(HttpContext http, ProvenanceDbContext db, CancellationToken ct);

/// <summary>
/// Conditional GET for the read endpoints (RFC 9110 §13, RFC 9111). An endpoint declares how its validator is
/// computed; the filter answers <c>If-None-Match</c> with 304 before the handler runs, and puts <c>ETag</c> and
/// <c>Cache-Control</c> on a 200. Immutable resources may be kept a year without asking again; changing ones
/// are stored but revalidated on every use (<c>no-cache</c>).
/// </summary>
public static class HttpCaching
{
    public const string ImmutableDirectives = "max-age=31536000, immutable";
    public const string RevalidateDirectives = "no-cache";

    /// <summary>
    /// Answers conditional GETs from <paramref name="validator"/>, which an anonymous read asks at most once per
    /// <see cref="CachingOptions.RecheckAfter"/> (<see cref="KnownValidators"/>). With <paramref name="keepBodies"/> a
    /// 200's JSON is also kept (<see cref="ResponseBodyCache"/>) under the validator, so the next 200 of the same state
    /// costs the validator at most. Only for endpoints whose answer depends on the route alone, not on the query or the caller.
    /// </summary>
    public static TBuilder CachedBy<TBuilder>(this TBuilder builder, ValidatorQuery validator, bool keepBodies = false) where TBuilder : IEndpointConventionBuilder
    {
        return builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
            {
                return await next(context);
            }

            var db = http.RequestServices.GetRequiredService<ProvenanceDbContext>();
            var known = http.RequestServices.GetRequiredService<KnownValidators>();
            var writes = known.Writes;
            var (immutable, recent) = known.Find(db, http.Request, writes);
            if (immutable is { } k && Matches(http.Request, k.ETag))
            {
                SetHeaders(http, k);
                return TypedResults.StatusCode(StatusCodes.Status304NotModified);
            }

            if (recent is not { } v)
            {
                if (await validator(http, db, http.RequestAborted) is not { } read)
                {
                    return await next(context);
                }

                known.Remember(db, http.Request, read, writes);
                v = read;
            }

            http.Features.Set(new ValidatorFeature(v));
            if (Matches(http.Request, v.ETag))
            {
                SetHeaders(http, v);
                return TypedResults.StatusCode(StatusCodes.Status304NotModified);
            }

            var cache = keepBodies ? http.RequestServices.GetRequiredService<ResponseBodyCache>() : null;
            if (cache?.TryGet(db, v) is { } kept)
            {
                SetHeaders(http, v);
                return kept;
            }

            // The texts a kept body is built from are watched: it is kept only as long as each of them is (ADR 0006).
            object? result;
            using (var texts = cache is null ? null : RevisionTextCache.Track())
            {
                result = await next(context);
                if (!IsSuccess(result))
                {
                    return result;
                }

                SetHeaders(http, v);
                return cache is not null && Unwrap(result) is IValueHttpResult { Value: { } value } and IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK }
                    ? cache.Keep(db, v, value, texts!)
                    : result;
            }
        });
    }

    /// <summary>The validator this request was answered under, when its endpoint has one and the resource exists.</summary>
    public static CacheValidator? ValidatorOf(HttpContext http) => http.Features.Get<ValidatorFeature>()?.Validator;

    /// <summary>A weak comparison of <c>If-None-Match</c> with the current tag, as RFC 9110 §13.1.2 asks for GET.</summary>
    public static bool Matches(HttpRequest request, string etag)
    {
        var header = request.Headers.IfNoneMatch;
        if (header.Count == 0 || !EntityTagHeaderValue.TryParseList(header, out var tags))
        {
            return false;
        }

        var current = new EntityTagHeaderValue(etag);
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: false));
    }

    private static void SetHeaders(HttpContext http, CacheValidator v)
    {
        // When reads need a key, a shared cache must not hand one reader's copy to another.
        var scope = http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.RequireKeyForReads ? "private" : "public";
        http.Response.Headers.ETag = v.ETag;
        http.Response.Headers.CacheControl = $"{scope}, {(v.Immutable ? ImmutableDirectives : RevalidateDirectives)}";
    }

    /// <summary>Whether an endpoint's result is a 200 (results nested in <c>Results&lt;…&gt;</c> included).</summary>
    internal static bool IsSuccess(object? result) =>
        Unwrap(result) is not IStatusCodeHttpResult { StatusCode: { } status } || status == StatusCodes.Status200OK;

    /// <summary>The result inside <c>Results&lt;…&gt;</c>.</summary>
    internal static object? Unwrap(object? result)
    {
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }

        return result;
    }

    private sealed record ValidatorFeature(CacheValidator Validator);
}
