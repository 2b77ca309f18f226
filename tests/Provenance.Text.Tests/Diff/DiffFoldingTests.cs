using CsCheck;
using Provenance.Text.Diff;
using Provenance.Text.Tokens;

namespace Provenance.Text.Tests.Diff;

public class DiffFoldingTests
{
    private static readonly Gen<int> Context = Gen.Int[0, 3];

    [Fact]
    public void Folded_operations_unfold_to_both_texts_and_keep_every_change()
    {
        Gen.Select(Generators.Pair, Context).Sample((pair, context) =>
        {
            var diff = TextDiffer.Instance.Diff(pair.Left, pair.Right);
            var folded = DiffFolding.Operations(diff.Operations, context);
            Assert.Equal(Unfold(folded, pair.Left, left: true), TextNormalizer.Normalize(pair.Left));
            Assert.Equal(Unfold(folded, pair.Right, left: false), TextNormalizer.Normalize(pair.Right));
            Assert.Equal(diff.Operations.Where(o => o.Kind != DiffOperationKind.Equal), folded.Where(o => o.Kind != DiffOperationKind.Equal));
            foreach (var op in folded.Where(o => o.Folded))
            {
                Assert.True(op.LeftCount > 1);
                Assert.Equal(string.Empty, op.LeftText);
            }
        }, iter: 300);
    }

    [Fact]
    public void Folded_rows_stand_for_the_rows_they_replace()
    {
        Gen.Select(Generators.Pair, Context).Sample((pair, context) =>
        {
            var diff = TextDiffer.Instance.Diff(pair.Left, pair.Right);
            var folded = DiffFolding.Rows(diff.Rows, context);
            Assert.Equal(diff.Rows.Count, folded.Sum(r => r.Folded ?? 1));
            Assert.Equal(diff.Rows.Where(r => r.Kind != DiffOperationKind.Equal), folded.Where(r => r.Kind != DiffOperationKind.Equal));
            var expanded = new List<int?>();
            foreach (var row in folded)
            {
                var count = row.Folded ?? 1;
                for (var k = 0; k < count; k++)
                {
                    expanded.Add(row.Left is null ? null : row.Left.Line + k);
                }
            }

            Assert.Equal(diff.Rows.Select(r => r.Left?.Line), expanded);
        }, iter: 300);
    }

    [Fact]
    public void Folding_keeps_context_lines_next_to_a_change()
    {
        var left = string.Concat(Enumerable.Range(1, 20).Select(i => $"line {i}\n"));
        var right = left.Replace("line 10\n", "line ten\n", StringComparison.Ordinal);
        var folded = DiffFolding.Operations(TextDiffer.Instance.Diff(left, right).Operations, 2);
        Assert.Equal(
            [(true, 1, 7), (false, 8, 2), (false, 10, 1), (false, 11, 2), (true, 13, 8)],
            folded.Select(o => (o.Folded, o.LeftStart, o.LeftCount)));
        Assert.Equal("line 8\nline 9\n", folded[1].LeftText);
        Assert.Equal("line 11\nline 12\n", folded[3].LeftText);
    }

    [Fact]
    public void Without_spans_the_operations_are_the_same_blocks()
    {
        Generators.Pair.Sample((left, right) =>
        {
            var lines = new DiffOptions { Granularity = DiffGranularity.Line, DetectMoves = false };
            var full = TextDiffer.Instance.Diff(left, right, lines);
            var bare = TextDiffer.Instance.Diff(left, right, lines with { Spans = false });
            Assert.Equal(
                full.Operations.Select(o => (o.Kind, o.LeftStart, o.LeftCount, o.RightStart, o.RightCount, o.LeftText, o.RightText)),
                bare.Operations.Select(o => (o.Kind, o.LeftStart, o.LeftCount, o.RightStart, o.RightCount, o.LeftText, o.RightText)));
            Assert.All(bare.Operations, o => Assert.Empty(o.Spans));
        }, iter: 300);
    }

    /// <summary>One side's text, with folded stretches filled back in from that side's lines.</summary>
    private static string Unfold(IReadOnlyList<DiffOperation> operations, string text, bool left)
    {
        var lines = Tokenizer.Lines(TextNormalizer.Normalize(text)).Select(t => t.Text).ToArray();
        return string.Concat(operations.Select(o => !o.Folded
            ? (left ? o.LeftText : o.RightText)
            : string.Concat(lines.Skip((left ? o.LeftStart : o.RightStart) - 1).Take(left ? o.LeftCount : o.RightCount))));
    }
}
