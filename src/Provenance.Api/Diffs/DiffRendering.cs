using System.Text.Json.Serialization;
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
    string? BoundedReason);

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

        // Rows are projected only when asked for; folding drops the text of long unchanged stretches.
        IReadOnlyList<DiffOperation>? operations = query.View switch
        {
            DiffView.SideBySide => null,
            DiffView.Compact => TextsOnce(diff.Operations),
            _ => diff.Operations,
        };
        IReadOnlyList<DiffRow>? rows = query.View is DiffView.Full or DiffView.SideBySide ? diff.Rows : null;
        if (query.Collapse is { } keep)
        {
            operations = operations is null ? null : DiffFolding.Operations(operations, keep);
            rows = rows is null ? null : DiffFolding.Rows(rows, keep);
        }

        var response = new DiffResponse(leftSide, rightSide, diff.Granularity, operations, rows, diff.Stats, diff.Bounded, diff.BoundedReason);
        return TypedResults.Json(response, DiffJsonContext.Api.DiffResponse);
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
