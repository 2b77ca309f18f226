using Provenance.Text.Diff;

namespace Provenance.Text.Comparison;

/// <summary>
/// The comparison's one call into the text engine: a word diff of two normalized passages, and its similarity.
/// </summary>
internal static class WordDiff
{
    private static readonly DiffOptions Options = new() { Granularity = DiffGranularity.Word, DetectMoves = false };

    /// <summary><paramref name="budget"/>, when given, is shared by all passages of one comparison, so their total work is capped.</summary>
    public static (List<DiffSpan> Spans, double Similarity, bool Bounded) Compare(string left, string right, CostBudget? budget = null)
    {
        // One line each: the passages were reflowed, and the engine diffs lines before words.
        var result = TextDiffer.Instance.Diff(left.Replace('\n', ' '), right.Replace('\n', ' '), Options, budget ?? new CostBudget(Options.MaxTokenPairs));
        var spans = result.Operations.SelectMany(op => op.Kind switch
        {
            DiffOperationKind.Equal => [new DiffSpan(DiffSpanKind.Equal, op.LeftText, false)],
            DiffOperationKind.Deleted => [new DiffSpan(DiffSpanKind.Deleted, op.LeftText, false)],
            DiffOperationKind.Inserted => [new DiffSpan(DiffSpanKind.Inserted, op.RightText, false)],
            _ => op.Spans,
        }).ToList();

        return (spans, left.Length + right.Length == 0 ? 1 : result.Stats.Similarity, result.Bounded);
    }
}
