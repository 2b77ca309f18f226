using CsCheck;
using Provenance.Text.Diff;
using Provenance.Text.Merge;

namespace Provenance.Text.Tests.Diff;

/// <summary>
/// The one sequence seam against a plain reference: a textbook LCS table on small random inputs. Within the cost
/// cap the seam's edit script is a shortest one; under any cap it rebuilds the right side and says when it is coarse.
/// </summary>
public class SequenceSeamTests
{
    // Few distinct pieces, so sequences share many and repeat some: the hard case for a diff.
    private static readonly Gen<string[]> Pieces = Gen.Int[0, 5].Select(i => "p" + i).Array[0, 24];

    [Fact]
    public void Within_the_cap_the_edit_script_is_as_short_as_the_textbook_lcs_says()
    {
        Gen.Select(Pieces, Pieces).Sample(
            (a, b) =>
            {
                var budget = new CostBudget(16_000_000);
                var blocks = SequenceDiff.Diff(a, b, budget, "test");
                Assert.Equal(b, Apply(a, b, blocks));
                Assert.Equal(a.Length + b.Length - (2 * TextbookLcs(a, b)), blocks.Sum(x => x.LeftCount + x.RightCount));
                Assert.False(budget.Bounded);
            },
            iter: 2000);
    }

    [Fact]
    public void Sequences_many_machine_words_long_get_a_shortest_script()
    {
        // The exact diff holds 64 pieces to a machine word: rows of one to eleven words, carries across them.
        var token = Gen.Int[0, 7];
        foreach (var (length, iter) in new[] { (token.Array[0, 300], 300), (token.Array[520, 700], 12) })
        {
            Gen.Select(length, length).Sample(
                (a, b) =>
                {
                    var blocks = SequenceDiff.Diff(a, 0, a.Length, b, 0, b.Length, long.MaxValue, out _)!;
                    var (left, right) = (Array.ConvertAll(a, x => "p" + x), Array.ConvertAll(b, x => "p" + x));
                    Assert.Equal(right, Apply(left, right, blocks));
                    Assert.Equal(a.Length + b.Length - (2 * TextbookLcs(left, right)), blocks.Sum(x => x.LeftCount + x.RightCount));
                },
                iter: iter);
        }
    }

    [Fact]
    public void Under_a_tiny_cap_the_answer_still_rebuilds_and_says_it_may_be_coarse()
    {
        Gen.Select(Pieces, Pieces).Sample(
            (a, b) =>
            {
                var budget = new CostBudget(3);
                var blocks = SequenceDiff.Diff(a, b, budget, "test");
                Assert.Equal(b, Apply(a, b, blocks));
                var edits = blocks.Sum(x => x.LeftCount + x.RightCount);
                Assert.True(edits == a.Length + b.Length - (2 * TextbookLcs(a, b)) || budget.Bounded);
            },
            iter: 2000);
    }

    [Fact]
    public void A_merge_of_random_line_edits_keeps_every_change_of_a_side_the_other_left_alone()
    {
        // Head edits only lines below the middle, the submission only lines above it: a clean merge of both.
        Gen.Select(Pieces, Pieces, Pieces).Sample(
            (top, middle, bottom) =>
            {
                var baseText = Text([.. top, "middle", .. bottom]);
                var head = Text([.. top, "middle", .. middle]);
                var submitted = Text([.. middle, "middle", .. bottom]);
                var result = ThreeWayMerge.Merge(baseText, head, submitted);
                Assert.True(result.IsClean);
                Assert.Equal(Text([.. middle, "middle", .. middle]), result.MergedText);
            },
            iter: 500);
    }

    private static string Text(string[] lines) => string.Concat(lines.Select(l => l + "\n"));

    private static string[] Apply(string[] a, string[] b, List<ChangeBlock> blocks)
    {
        var result = new List<string>();
        var position = 0;
        foreach (var block in blocks)
        {
            Assert.True(block.LeftStart >= position, "blocks are in order and do not overlap");
            result.AddRange(a[position..block.LeftStart]);
            result.AddRange(b[block.RightStart..block.RightEnd]);
            position = block.LeftEnd;
        }

        result.AddRange(a[position..]);
        return [.. result];
    }

    private static int TextbookLcs(string[] a, string[] b)
    {
        var table = new int[a.Length + 1, b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                table[i, j] = a[i - 1] == b[j - 1] ? table[i - 1, j - 1] + 1 : Math.Max(table[i - 1, j], table[i, j - 1]);
            }
        }

        return table[a.Length, b.Length];
    }
}
