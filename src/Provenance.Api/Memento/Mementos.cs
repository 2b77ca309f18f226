using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Provenance.Data;
using Provenance.Data.Entities;

namespace Provenance.Api.Memento;

/// <summary>One published state of a translation: the revision and the time it became published.</summary>
public sealed record MementoEntry(long RevisionId, int Number, DateTimeOffset Datetime);

/// <summary>
/// A translation's mementos (RFC 7089): the revisions that were its published text, at the time each became
/// published, i.e. its approval time (an imported revision without a review counts from its creation).
/// </summary>
public static class Mementos
{
    private static readonly Func<ProvenanceDbContext, long, IAsyncEnumerable<MementoEntry>> Approved =
        EF.CompileAsyncQuery((ProvenanceDbContext db, long translationId) => db.Revisions.AsNoTracking()
            .Where(r => r.TranslationId == translationId && r.Status == RevisionStatus.Approved)
            .Select(r => new MementoEntry(r.Id, r.Number, r.ReviewedAt ?? r.CreatedAt)));

    /// <summary>The mementos of a translation, oldest first.</summary>
    public static async Task<List<MementoEntry>> OfTranslationAsync(ProvenanceDbContext db, long translationId, CancellationToken ct)
    {
        var approved = new List<MementoEntry>();
        await foreach (var entry in Approved(db, translationId).WithCancellation(ct))
        {
            approved.Add(entry);
        }

        // An approval publishes only a revision newer than the one published (RevisionReview): approving an older
        // proposal later changes nothing a reader sees, so it is no memento.
        var published = new List<MementoEntry>();
        foreach (var entry in approved.OrderBy(e => e.Datetime).ThenBy(e => e.Number))
        {
            if (published.Count == 0 || entry.Number > published[^1].Number)
            {
                published.Add(entry with { Datetime = Truncate(entry.Datetime) });
            }
        }

        return published;
    }

    /// <summary>The memento published at <paramref name="at"/>: the last one at or before it, else the first.</summary>
    public static MementoEntry Select(IReadOnlyList<MementoEntry> mementos, DateTimeOffset at) =>
        mementos.LastOrDefault(m => m.Datetime <= at) ?? mementos[0];

    /// <summary>Parses an RFC 7089 <c>Accept-Datetime</c> (an RFC 9110 IMF-fixdate, e.g. <c>Tue, 20 Oct 1962 10:00:00 GMT</c>).</summary>
    public static bool TryParseHttpDate(string? value, out DateTimeOffset at) =>
        DateTimeOffset.TryParseExact(value?.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out at);

    public static string FormatHttpDate(DateTimeOffset at) => at.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture);

    public static string OriginalPath(HttpRequest request, long translationId) => $"{request.PathBase}/api/translations/{translationId}/text";

    public static string TimeGatePath(HttpRequest request, long translationId) => $"{request.PathBase}/api/translations/{translationId}/timegate";

    public static string TimeMapPath(HttpRequest request, long translationId) => $"{request.PathBase}/api/translations/{translationId}/timemap";

    public static string MementoPath(HttpRequest request, long revisionId) => $"{request.PathBase}/api/revisions/{revisionId}";

    /// <summary>The links every Memento response carries: original resource, TimeGate, TimeMap.</summary>
    public static List<string> DiscoveryLinks(HttpRequest request, long translationId) =>
    [
        $"<{OriginalPath(request, translationId)}>; rel=\"original\"",
        $"<{TimeGatePath(request, translationId)}>; rel=\"timegate\"",
        $"<{TimeMapPath(request, translationId)}>; rel=\"timemap\"; type=\"application/link-format\"",
    ];

    /// <summary>A link to a memento with its relation types (<c>memento</c>, <c>first memento</c>, …) and datetime.</summary>
    public static string MementoLink(HttpRequest request, MementoEntry memento, string rel) =>
        $"<{MementoPath(request, memento.RevisionId)}>; rel=\"{rel}\"; datetime=\"{FormatHttpDate(memento.Datetime)}\"";

    /// <summary>The relation types of <paramref name="index"/> among <paramref name="count"/> mementos (a TimeMap or TimeGate).</summary>
    public static string Relations(int index, int count) => RelationTypes(first: index == 0, last: index == count - 1, prev: false, next: false);

    /// <summary>
    /// The relation types of <paramref name="index"/> seen from the memento at <paramref name="from"/>, leaving out
    /// <c>last</c>: a newer publication would make it false, and a memento's answer is immutable.
    /// </summary>
    public static string LastingRelations(int index, int from) =>
        RelationTypes(first: index == 0, last: false, prev: index == from - 1, next: index == from + 1);

    private static string RelationTypes(bool first, bool last, bool prev, bool next)
    {
        var rels = new List<string>();
        if (first) { rels.Add("first"); }
        if (last) { rels.Add("last"); }
        if (prev) { rels.Add("prev"); }
        if (next) { rels.Add("next"); }
        rels.Add("memento");
        return string.Join(' ', rels);
    }

    // HTTP dates have whole seconds: a memento found by its Memento-Datetime must be the one the TimeGate picks.
    private static DateTimeOffset Truncate(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
