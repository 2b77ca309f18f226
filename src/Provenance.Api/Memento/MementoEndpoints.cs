using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;
using Provenance.Api.Caching;
using Provenance.Data;

namespace Provenance.Api.Memento;

/// <summary>
/// Time travel over a translation's published text (RFC 7089): the original resource is
/// <c>/api/translations/{id}/text</c>, its mementos are the revisions that were published
/// (<c>/api/revisions/{id}</c>), with a TimeGate and a TimeMap beside the original.
/// </summary>
public static class MementoEndpoints
{
    public const string LinkFormat = "application/link-format";
    public const string AcceptDatetime = "Accept-Datetime";
    public const string MementoDatetime = "Memento-Datetime";

    public static IEndpointRouteBuilder MapMementoEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/translations/{id:long}").WithTags("Memento");
        group.MapGet("/timegate", TimeGate).WithName("TranslationTimeGate")
            .WithSummary("Memento TimeGate: Accept-Datetime (an HTTP date) answers 302 to the revision published at that time; none, to the newest.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/timemap", TimeMap).WithName("TranslationTimeMap")
            .WithSummary("Memento TimeMap (application/link-format): every revision that was the published text, with the time it became published.")
            .Produces<string>(contentType: LinkFormat)
            .CachedBy(CacheValidators.Translation);
        return routes;
    }

    public static async Task<Results<RedirectHttpResult, ProblemHttpResult>> TimeGate(long id, HttpRequest request, ProvenanceDbContext db, CancellationToken ct)
    {
        var response = request.HttpContext.Response;
        response.Headers.Vary = "accept-datetime";
        DateTimeOffset? at = null;
        if (request.Headers.TryGetValue(AcceptDatetime, out var header))
        {
            if (!Mementos.TryParseHttpDate(header, out var parsed))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad Accept-Datetime",
                    detail: "Accept-Datetime is an HTTP date (RFC 9110 IMF-fixdate), e.g. \"Wed, 24 Oct 1962 12:00:00 GMT\".");
            }

            at = parsed;
        }

        var mementos = await MementosOrThrowAsync(db, id, ct);
        var chosen = at is { } t ? Mementos.Select(mementos, t) : mementos[^1];
        var links = Mementos.DiscoveryLinks(request, id);
        links.RemoveAt(1); // a TimeGate does not link to itself
        links.Add(Mementos.MementoLink(request, chosen, Mementos.Relations(mementos.IndexOf(chosen), mementos.Count)));
        response.Headers.Link = string.Join(", ", links);
        return TypedResults.Redirect(Mementos.MementoPath(request, chosen.RevisionId));
    }

    public static async Task<ContentHttpResult> TimeMap(long id, HttpRequest request, ProvenanceDbContext db, CancellationToken ct)
    {
        var mementos = await MementosOrThrowAsync(db, id, ct);
        var lines = new List<string>
        {
            $"<{Mementos.OriginalPath(request, id)}>; rel=\"original\"",
            $"<{Mementos.TimeMapPath(request, id)}>; rel=\"self\"; type=\"{LinkFormat}\"; " +
                $"from=\"{Mementos.FormatHttpDate(mementos[0].Datetime)}\"; until=\"{Mementos.FormatHttpDate(mementos[^1].Datetime)}\"",
            $"<{Mementos.TimeGatePath(request, id)}>; rel=\"timegate\"",
        };
        lines.AddRange(mementos.Select((m, i) => Mementos.MementoLink(request, m, Mementos.Relations(i, mementos.Count))));
        return TypedResults.Text(string.Join(",\n", lines) + "\n", LinkFormat, Encoding.UTF8);
    }

    /// <summary>
    /// Memento headers on a revision (an endpoint cached by <see cref="CacheValidators.Revision"/>; add this filter
    /// before <c>CachedBy</c>, so it sees cached answers too): <c>Memento-Datetime</c> when it was published, and the
    /// mementos it links to. A revision's answer is immutable, kept by caches for a year, so it names only relations
    /// that stay true: first, prev, and next once there is one; never last (the TimeMap, revalidated, says that).
    /// </summary>
    public static TBuilder WithMementoHeaders<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            var http = context.HttpContext;
            if (!HttpCaching.IsSuccess(result) || HttpCaching.ValidatorOf(http) is not { Text: { } text, Translation: { } translation })
            {
                return result;
            }

            var db = http.RequestServices.GetRequiredService<ProvenanceDbContext>();
            var mementos = await http.RequestServices.GetRequiredService<MementoCache>().OfTranslationAsync(db, translation, http.RequestAborted);
            var links = Mementos.DiscoveryLinks(http.Request, translation.TranslationId);
            var index = mementos.FindIndex(m => m.RevisionId == text.RevisionId);
            if (index >= 0)
            {
                http.Response.Headers[MementoDatetime] = Mementos.FormatHttpDate(mementos[index].Datetime);
                foreach (var i in new[] { 0, index - 1, index, index + 1 }.Where(i => i >= 0 && i < mementos.Count).Distinct())
                {
                    links.Add(Mementos.MementoLink(http.Request, mementos[i], Mementos.LastingRelations(i, index)));
                }
            }

            http.Response.Headers.Link = string.Join(", ", links);
            return result;
        });

    /// <summary>Memento discovery on the original resource: where its TimeGate and TimeMap are.</summary>
    public static TBuilder WithMementoDiscovery<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.Request.RouteValues["id"] is string raw && long.TryParse(raw, CultureInfo.InvariantCulture, out var translationId))
            {
                http.Response.Headers.Link = string.Join(", ", Mementos.DiscoveryLinks(http.Request, translationId));
            }

            return await next(context);
        });

    /// <summary>
    /// A citation pinned to a revision names the memento it quotes: <c>Link: &lt;/api/revisions/R&gt;; rel="memento"</c>
    /// with the time that revision became published (when it was).
    /// </summary>
    public static TBuilder WithQuotedMemento<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            var http = context.HttpContext;
            if (!long.TryParse(http.Request.Query["revision"], CultureInfo.InvariantCulture, out var revisionId) || !HttpCaching.IsSuccess(result))
            {
                return result;
            }

            var db = http.RequestServices.GetRequiredService<ProvenanceDbContext>();
            var translationId = await db.Revisions.AsNoTracking().Where(r => r.Id == revisionId).Select(r => (long?)r.TranslationId).FirstOrDefaultAsync(http.RequestAborted);
            if (translationId is { } tid
                && (await Mementos.OfTranslationAsync(db, tid, http.RequestAborted)).FirstOrDefault(m => m.RevisionId == revisionId) is { } memento)
            {
                http.Response.Headers.Append("Link", Mementos.MementoLink(http.Request, memento, "memento"));
            }

            return result;
        });

    private static async Task<List<MementoEntry>> MementosOrThrowAsync(ProvenanceDbContext db, long id, CancellationToken ct)
    {
        if (!await db.Translations.AnyAsync(t => t.Id == id, ct))
        {
            throw Hosting.ProblemException.NotFound("Translation", id);
        }

        var mementos = await Mementos.OfTranslationAsync(db, id, ct);
        return mementos.Count > 0 ? mementos
            : throw new Hosting.ProblemException(StatusCodes.Status404NotFound, "Not found", $"Translation {id} has no published revision yet.");
    }
}
