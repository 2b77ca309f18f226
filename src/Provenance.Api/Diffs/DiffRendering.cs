using System.Text.Json.Serialization;
using Provenance.Api.Hosting;
using Provenance.Text.Diff;

namespace Provenance.Api.Diffs;

/// <summary>One side of a revision diff.</summary>
public sealed record DiffSide(long RevisionId, long TranslationId, int Number, string Sha256);

/// <summary>
/// The JSON diff: the text engine's result plus, for revisions, which two were compared. <c>view=inline</c> leaves
/// out <see cref="Rows"/>, <c>view=side-by-side</c> leaves out <see cref="Operations"/>, <c>view=compact</c> is inline
/// with changed and moved texts sent in their spans only.
/// </summary>
public sealed record DiffResponse(
    DiffSide? Left,
    DiffSide? Right,
    DiffGranularity Granularity,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<DiffOperation>? Operations,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyList<DiffRow>? Rows,
    DiffStats Stats,
    bool Bounded,
    string? BoundedReason)
{
    /// <summary>Set when the diff is larger than one answer: which operations this one holds.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DiffPage? Page { get; init; }
}

/// <summary>
/// One page of a large diff: operations [Offset, Offset + Count) of <see cref="Total"/> (rows are those of these
/// operations); ask again with <c>offset=</c><see cref="NextOffset"/> for the next, null on the last page.
/// </summary>
/// <param name="RowsOmitted">
/// True when this page's one operation alone is larger than a page: its <c>rows</c> are left out, and its texts are
/// sent once, in its spans (<paramref name="TextsInSpans"/>, as <c>view=compact</c>), so even a single huge change
/// stays one modest answer.
/// </param>
public sealed record DiffPage(int Offset, int Count, int Total, int? NextOffset, bool RowsOmitted = false, bool TextsInSpans = false);

internal static class DiffRendering
{
    /// <summary>Diffs two texts and answers in the requested format.</summary>
    public static IResult Render(string left, string right, DiffQuery query, DiffLimits limits, DiffSide? leftSide, DiffSide? rightSide,
        string leftLabel, string rightLabel)
    {
        var unified = query.Format == DiffFormat.Unified;
        var options = new DiffOptions
        {
            Granularity = unified ? DiffGranularity.Line : query.Granularity,
            MaxTokenPairs = limits.MaxTokenPairs,
            DetectMoves = !unified,

            // A unified diff is lines only: no word-level work at all.
            Spans = !unified,
        };
        var diff = TextDiffer.Instance.Diff(left, right, options);
        switch (query.Format)
        {
            case DiffFormat.Unified:
                return TypedResults.Text(UnifiedDiffWriter.Write(diff, leftLabel, rightLabel, query.Context), "text/x-diff; charset=utf-8");
            case DiffFormat.Html:
                return TypedResults.Text(HtmlDiffRenderer.Render(diff), "text/html; charset=utf-8");
        }

        var (pageOperations, page) = Page(diff.Operations, query.Offset, limits);
        var shown = page is null ? diff : new DiffResult { Granularity = diff.Granularity, Operations = pageOperations };
        var (bounded, boundedReason) = (diff.Bounded, diff.BoundedReason);

        // One operation larger than a page is sent alone and smaller: without rows, every text once (in its spans),
        // and with its spans merged down to a page's worth; the unified format has all of its lines.
        var oversize = page is not null && (LineCount(shown.Operations) > limits.MaxLinesPerPage || Weight(shown.Operations[0]) > limits.MaxCharactersPerPage);
        if (oversize)
        {
            var op = shown.Operations[0];
            var coarse = op.Spans.Count > limits.MaxSpansPerPage;
            var texts = TextsOnce([coarse ? op with { Spans = Coarsen(op.Spans, limits.MaxSpansPerPage) } : op]);
            shown = new DiffResult { Granularity = diff.Granularity, Operations = texts };
            page = page! with { RowsOmitted = true, TextsInSpans = true };
            if (coarse)
            {
                const string reason = "an operation with more spans than a page holds has them merged into coarser ones; format=unified has all its lines";
                (bounded, boundedReason) = (true, boundedReason is null ? reason : $"{boundedReason}; {reason}");
            }
        }

        // Rows are projected only when asked for; folding drops the text of long unchanged stretches.
        IReadOnlyList<DiffOperation>? operations = query.View switch
        {
            DiffView.SideBySide => null,
            DiffView.Compact => TextsOnce(shown.Operations),
            _ => shown.Operations,
        };
        IReadOnlyList<DiffRow>? rows = (query.View is DiffView.Full or DiffView.SideBySide) && !oversize ? shown.Rows : null;
        if (query.Collapse is { } keep)
        {
            operations = operations is null ? null : DiffFolding.Operations(operations, keep);
            rows = rows is null ? null : DiffFolding.Rows(rows, keep);
        }

        var response = new DiffResponse(leftSide, rightSide, diff.Granularity, operations, rows, diff.Stats, bounded, boundedReason) { Page = page };
        return TypedResults.Json(response, DiffJsonContext.Api.DiffResponse);
    }

    /// <summary>
    /// The whole operations when they fit one page; otherwise the page of whole operations from
    /// <paramref name="offset"/> that fits (at least one), so no view of a huge diff is huge.
    /// </summary>
    private static (IReadOnlyList<DiffOperation> Operations, DiffPage? Page) Page(IReadOnlyList<DiffOperation> all, int offset, DiffLimits limits)
    {
        if (offset == 0 && LineCount(all) <= limits.MaxLinesPerPage && all.Sum(Weight) <= limits.MaxCharactersPerPage)
        {
            return (all, null);
        }

        if (offset >= all.Count)
        {
            throw ProblemException.Validation("offset", $"offset is past the last operation ({all.Count} in all).");
        }

        var end = offset + 1;
        var (lines, weight) = (Lines(all[offset]), Weight(all[offset]));
        for (; end < all.Count && lines + Lines(all[end]) <= limits.MaxLinesPerPage && weight + Weight(all[end]) <= limits.MaxCharactersPerPage; end++)
        {
            lines += Lines(all[end]);
            weight += Weight(all[end]);
        }

        return ([.. all.Skip(offset).Take(end - offset)], new DiffPage(offset, end - offset, all.Count, end < all.Count ? end : null));
    }

    private static long Lines(DiffOperation operation) => Math.Max(operation.LeftCount, operation.RightCount);

    private static long LineCount(IReadOnlyList<DiffOperation> operations) => operations.Sum(Lines);

    /// <summary>What an operation adds to an answer, in characters: its texts and spans, and JSON's keys around each span and row.</summary>
    private static long Weight(DiffOperation operation)
    {
        const int perSpan = 48, perRow = 96;
        long weight = operation.LeftText.Length + operation.RightText.Length + (Lines(operation) * perRow);
        foreach (var span in operation.Spans)
        {
            weight += span.Text.Length + perSpan;
        }

        return weight;
    }

    /// <summary>
    /// At most <paramref name="max"/> spans that give the same two texts: consecutive spans are grouped, and a group
    /// with a change becomes one deletion of its left text and one insertion of its right text.
    /// </summary>
    private static List<DiffSpan> Coarsen(IReadOnlyList<DiffSpan> spans, int max)
    {
        var group = (int)Math.Ceiling(2.0 * spans.Count / max);
        var coarse = new List<DiffSpan>(max);
        for (var start = 0; start < spans.Count; start += group)
        {
            var part = spans.Skip(start).Take(group).ToList();
            if (part.All(s => s.Kind == DiffSpanKind.Equal))
            {
                coarse.Add(new DiffSpan(DiffSpanKind.Equal, string.Concat(part.Select(s => s.Text)), false));
                continue;
            }

            var left = string.Concat(part.Where(s => s.Kind != DiffSpanKind.Inserted).Select(s => s.Text));
            var right = string.Concat(part.Where(s => s.Kind != DiffSpanKind.Deleted).Select(s => s.Text));
            coarse.AddRange(new[] { new DiffSpan(DiffSpanKind.Deleted, left, false), new DiffSpan(DiffSpanKind.Inserted, right, false) }.Where(s => s.Text.Length > 0));
        }

        return coarse;
    }

    /// <summary>
    /// <c>view=compact</c>: every text is sent once. Changed, moved, deleted and inserted operations leave their texts
    /// empty, since their spans hold them (equal + deleted spans give the left text, equal + inserted the right);
    /// equal operations keep <c>leftText</c> only, the same as their right text. About half the bytes of the inline
    /// view when most paragraphs changed.
    /// </summary>
    private static List<DiffOperation> TextsOnce(IReadOnlyList<DiffOperation> operations) =>
        [.. operations.Select(o => o with { LeftText = o.Kind == DiffOperationKind.Equal ? o.LeftText : string.Empty, RightText = string.Empty })];
}
