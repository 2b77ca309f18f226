using Provenance.Text.Diff;

namespace Provenance.Api.Diffs;

/// <summary>One side of a revision diff.</summary>
public sealed record DiffSide(long RevisionId, long TranslationId, int Number, string Sha256);

/// <summary>The JSON diff: the text engine's result plus, for revisions, which two were compared.</summary>
public sealed record DiffResponse(
    DiffSide? Left,
    DiffSide? Right,
    DiffGranularity Granularity,
    IReadOnlyList<DiffOperation> Operations,
    IReadOnlyList<DiffRow> Rows,
    DiffStats Stats,
    bool Bounded,
    string? BoundedReason);

internal static class DiffRendering
{
    /// <summary>Diffs two texts and answers in the requested format.</summary>
    public static IResult Render(string left, string right, DiffQuery query, DiffLimits limits, DiffSide? leftSide, DiffSide? rightSide,
        string leftLabel, string rightLabel)
    {
        var options = new DiffOptions
        {
            Granularity = query.Format == DiffFormat.Unified ? DiffGranularity.Line : query.Granularity,
            Context = query.Context,
            MaxTokenPairs = limits.MaxTokenPairs,
            DetectMoves = query.Format != DiffFormat.Unified,
        };
        var diff = TextDiffer.Instance.Diff(left, right, options);
        return query.Format switch
        {
            DiffFormat.Unified => TypedResults.Text(UnifiedDiffWriter.Write(diff, leftLabel, rightLabel, query.Context), "text/x-diff; charset=utf-8"),
            DiffFormat.Html => TypedResults.Text(HtmlDiffRenderer.Render(diff), "text/html; charset=utf-8"),
            _ => TypedResults.Ok(new DiffResponse(leftSide, rightSide, diff.Granularity, diff.Operations, diff.Rows, diff.Stats, diff.Bounded, diff.BoundedReason)),
        };
    }
}
