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
/// True when this page's one operation alone covers more lines than a page: its <c>rows</c> are left out (the
/// operations and their spans still hold every text), so even a single huge change stays one modest answer.
/// </param>
public sealed record DiffPage(int Offset, int Count, int Total, int? NextOffset, bool RowsOmitted = false);

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

        var (pageOperations, page) = Page(diff.Operations, query.Offset, limits.MaxLinesPerPage);
        var shown = page is null ? diff : new DiffResult { Granularity = diff.Granularity, Operations = pageOperations };

        // Rows are projected only when asked for; folding drops the text of long unchanged stretches.
        IReadOnlyList<DiffOperation>? operations = query.View switch
        {
            DiffView.SideBySide => null,
            DiffView.Compact => TextsOnce(shown.Operations),
            _ => shown.Operations,
        };
        var rowsOmitted = page is not null && LineCount(shown.Operations) > limits.MaxLinesPerPage;
        if (rowsOmitted)
        {
            page = page! with { RowsOmitted = true };
        }

        IReadOnlyList<DiffRow>? rows = (query.View is DiffView.Full or DiffView.SideBySide) && !rowsOmitted ? shown.Rows : null;
        if (query.Collapse is { } keep)
        {
            operations = operations is null ? null : DiffFolding.Operations(operations, keep);
            rows = rows is null ? null : DiffFolding.Rows(rows, keep);
        }

        var response = new DiffResponse(leftSide, rightSide, diff.Granularity, operations, rows, diff.Stats, diff.Bounded, diff.BoundedReason) { Page = page };
        return TypedResults.Json(response, DiffJsonContext.Api.DiffResponse);
    }

    /// <summary>
    /// The whole operations when they cover at most <paramref name="maxLines"/> lines (rows); otherwise the page of
    /// whole operations from <paramref name="offset"/> that fits (at least one), so no view of a huge diff is huge.
    /// </summary>
    private static (IReadOnlyList<DiffOperation> Operations, DiffPage? Page) Page(IReadOnlyList<DiffOperation> all, int offset, int maxLines)
    {
        if (offset == 0 && LineCount(all) <= maxLines)
        {
            return (all, null);
        }

        if (offset >= all.Count)
        {
            throw ProblemException.Validation("offset", $"offset is past the last operation ({all.Count} in all).");
        }

        var end = offset + 1;
        for (var lines = Lines(all[offset]); end < all.Count && lines + Lines(all[end]) <= maxLines; end++)
        {
            lines += Lines(all[end]);
        }

        return ([.. all.Skip(offset).Take(end - offset)], new DiffPage(offset, end - offset, all.Count, end < all.Count ? end : null));
    }

    private static long Lines(DiffOperation operation) => Math.Max(operation.LeftCount, operation.RightCount);

    private static long LineCount(IReadOnlyList<DiffOperation> operations) => operations.Sum(Lines);

    /// <summary>
    /// <c>view=compact</c>: every text is sent once. Changed, moved, deleted and inserted operations leave their texts
    /// empty, since their spans hold them (equal + deleted spans give the left text, equal + inserted the right);
    /// equal operations keep <c>leftText</c> only, the same as their right text. About half the bytes of the inline
    /// view when most paragraphs changed.
    /// </summary>
    private static List<DiffOperation> TextsOnce(IReadOnlyList<DiffOperation> operations) =>
        [.. operations.Select(o => o with { LeftText = o.Kind == DiffOperationKind.Equal ? o.LeftText : string.Empty, RightText = string.Empty })];
}
