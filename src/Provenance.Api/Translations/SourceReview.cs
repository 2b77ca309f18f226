using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Provenance.Api.Documents;
using Provenance.Api.Hosting;
using Provenance.Data;
using Provenance.Data.Entities;
using Provenance.Text.Diff;

namespace Provenance.Api.Translations;

/// <summary>Paragraphs <see cref="Start"/> … <see cref="Start"/>+<see cref="Count"/>−1, 1-based; an empty range sits before paragraph <see cref="Start"/>.</summary>
public sealed record ParagraphRange(int Start, int Count);

/// <summary>
/// A passage of the original that changed between the revision a translation renders and the original's published
/// revision. <see cref="TranslationParagraphs"/> and <see cref="TranslationText"/> are the translation's paragraphs at
/// the same positions, given only when the translation has as many paragraphs as the original it renders.
/// </summary>
public sealed record SourcePassageView(
    DiffOperationKind Kind,
    ParagraphRange RenderedParagraphs,
    ParagraphRange CurrentParagraphs,
    string RenderedText,
    string CurrentText,
    ParagraphRange? TranslationParagraphs,
    string? TranslationText);

/// <summary>
/// Which revision of the original-language text a translation's published text renders, and whether the original has
/// a newer published revision (then <see cref="NeedsReview"/> and the passages whose original changed).
/// </summary>
/// <param name="Positional">The translation has as many paragraphs as the original it renders, so each passage also names the translation's paragraphs at the same positions.</param>
public sealed record TranslationSourceView(
    long OriginalTranslationId,
    long RendersRevisionId,
    int RendersNumber,
    long? CurrentRevisionId,
    int? CurrentNumber,
    bool NeedsReview,
    bool Positional,
    IReadOnlyList<SourcePassageView> ChangedPassages);

/// <summary>
/// A translation names the revision of the original it renders; when the original is revised and published, the
/// passages whose original changed need review, as translation platforms mark strings whose source changed (ADR 0010).
/// </summary>
public static partial class SourceReview
{
    // Line level, no moves: which paragraphs changed is the question, not which words.
    private static readonly DiffOptions ParagraphsOnly = new() { Granularity = DiffGranularity.Line, Spans = false, DetectMoves = false };

    /// <summary>Checks that <paramref name="revisionId"/> may be the source of a text of kind <paramref name="kind"/> of the document; a 422 naming <paramref name="field"/> when not.</summary>
    public static async Task CheckAsync(ProvenanceDbContext db, long documentId, string kind, long revisionId, string field, CancellationToken ct)
    {
        if (string.Equals(kind, TranslationKinds.Original, StringComparison.Ordinal))
        {
            throw ProblemException.Validation(field, $"{field} names the original a translation renders; an original-language text renders none.");
        }

        var source = await db.Revisions.AsNoTracking()
            .Where(r => r.Id == revisionId)
            .Select(r => new { r.Status, r.Translation!.DocumentId, r.Translation.Kind })
            .FirstOrDefaultAsync(ct);
        if (source is null || source.DocumentId != documentId || !string.Equals(source.Kind, TranslationKinds.Original, StringComparison.Ordinal))
        {
            throw ProblemException.Validation(field,
                $"Revision {revisionId} is not a revision of an original-language text (kind \"original\") of document {documentId}.");
        }

        if (source.Status == RevisionStatus.Rejected)
        {
            throw ProblemException.Validation(field, $"Revision {revisionId} of the original was rejected; name one that was not.");
        }
    }

    /// <summary>The translations with <see cref="TranslationView.Source"/> filled in where their published revision names a source.</summary>
    public static async Task<List<TranslationView>> WithSourcesAsync(ProvenanceDbContext db, IReadOnlyList<TranslationView> translations, CancellationToken ct)
    {
        var published = translations.Select(t => t.CurrentRevisionId).OfType<long>().ToList();
        var claims = published.Count == 0 ? [] : await db.Revisions.AsNoTracking()
            .Where(r => published.Contains(r.Id) && r.SourceRevisionId != null)
            .ToDictionaryAsync(r => r.Id, r => r.SourceRevisionId!.Value, ct);
        if (claims.Count == 0)
        {
            return [.. translations];
        }

        var sourceIds = claims.Values.Distinct().ToList();
        var sources = await db.Revisions.AsNoTracking()
            .Where(r => sourceIds.Contains(r.Id))
            .Select(r => new SourceRow(r.Id, r.Number, r.TranslationId, r.Translation!.CurrentRevisionId,
                r.Translation.CurrentRevision == null ? null : r.Translation.CurrentRevision.Number))
            .ToDictionaryAsync(r => r.Id, ct);
        var stale = translations
            .Where(t => t.CurrentRevisionId is { } c && claims.ContainsKey(c) && sources[claims[c]].IsBehind)
            .ToList();
        var texts = stale.Count == 0 ? new Dictionary<long, string>() : await RevisionStore.GetTextsAsync(db,
            stale.SelectMany(t => new[] { t.CurrentRevisionId!.Value, claims[t.CurrentRevisionId!.Value], sources[claims[t.CurrentRevisionId!.Value]].CurrentId!.Value }).Distinct(),
            ct);

        return translations.Select(t =>
        {
            if (t.CurrentRevisionId is not { } current || !claims.TryGetValue(current, out var sourceId))
            {
                return t;
            }

            var s = sources[sourceId];
            var (positional, passages) = s.IsBehind ? Passages(texts[s.Id], texts[s.CurrentId!.Value], texts[current]) : (false, []);
            return t with
            {
                Source = new TranslationSourceView(s.TranslationId, s.Id, s.Number, s.CurrentId, s.CurrentNumber, s.IsBehind, positional, passages),
            };
        }).ToList();
    }

    /// <summary>
    /// The passages of <paramref name="rendered"/> that <paramref name="current"/> changed, by paragraph. Each paragraph
    /// is compared as one line with its whitespace collapsed, so the diff engine's line numbers are paragraph numbers
    /// and re-wrapping a paragraph is no change.
    /// </summary>
    internal static (bool Positional, List<SourcePassageView> Passages) Passages(string rendered, string current, string translation)
    {
        var (before, after, rendering) = (Paragraphs(rendered), Paragraphs(current), Paragraphs(translation));
        var diff = TextDiffer.Instance.Diff(Compared(before), Compared(after), ParagraphsOnly);
        var positional = rendering.Count == before.Count;
        var passages = diff.Operations
            .Where(o => o.Kind != DiffOperationKind.Equal)
            .Select(o => new SourcePassageView(
                o.Kind,
                new ParagraphRange(o.LeftStart, o.LeftCount),
                new ParagraphRange(o.RightStart, o.RightCount),
                Join(before, o.LeftStart, o.LeftCount),
                Join(after, o.RightStart, o.RightCount),
                positional ? new ParagraphRange(o.LeftStart, o.LeftCount) : null,
                positional ? Join(rendering, o.LeftStart, o.LeftCount) : null))
            .ToList();
        return (positional, passages);
    }

    /// <summary>Paragraphs as written: separated by blank lines, or one per line in a text without blank lines.</summary>
    internal static List<string> Paragraphs(string text)
    {
        // Blank lines before the first and after the last line (a final line feed) separate nothing.
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .SkipWhile(string.IsNullOrWhiteSpace).Reverse().SkipWhile(string.IsNullOrWhiteSpace).Reverse().ToList();
        if (!lines.Any(string.IsNullOrWhiteSpace))
        {
            return [.. lines.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Trim())];
        }

        var paragraphs = new List<string>();
        var block = new List<string>();
        foreach (var line in lines.Append(""))
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                block.Add(line.TrimEnd());
            }
            else if (block.Count > 0)
            {
                paragraphs.Add(string.Join('\n', block));
                block.Clear();
            }
        }

        return paragraphs;
    }

    private static string Compared(List<string> paragraphs) => string.Join('\n', paragraphs.Select(p => Whitespace().Replace(p, " ").Trim()));

    private static string Join(List<string> paragraphs, int start, int count) => string.Join("\n\n", paragraphs.Skip(start - 1).Take(count));

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    private sealed record SourceRow(long Id, int Number, long TranslationId, long? CurrentId, int? CurrentNumber)
    {
        /// <summary>The original has a published revision newer than the one rendered.</summary>
        public bool IsBehind => CurrentId is { } c && c != Id && CurrentNumber > Number;
    }
}
