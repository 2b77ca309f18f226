namespace Provenance.Text.Diff;

/// <summary>
/// Re-pairs paragraphs inside a stretch where every paragraph changed. There a line diff can match only the blank
/// lines between paragraphs, so it pairs paragraphs by position: when one side has a paragraph more, or one moved,
/// every paragraph after that point would be shown against another's new text. Such a stretch (paragraph counts
/// differ, or a paragraph is unlike its positional partner) is aligned here by word similarity (dynamic
/// programming, as translations are aligned); aligned paragraphs become one-for-one changes, the others deletions
/// and insertions (a moved paragraph is then paired as a move), and the blank lines between are diffed again.
/// </summary>
internal static class ParagraphRealignment
{
    /// <summary>Word similarity (Dice) below which two paragraphs are not taken for versions of one another.</summary>
    private const double MinSimilarity = 0.3;

    /// <summary>Largest middle of a stretch aligned, in paragraph pairs compared; larger ones keep the line diff's pairing.</summary>
    private const long MaxPairs = 40_000;

    /// <summary>A line diff's blocks re-paired; <paramref name="leftIds"/> and <paramref name="rightIds"/> are its ids of the lines.</summary>
    public static List<ChangeBlock> Realign(
        List<ChangeBlock> blocks, string[] left, string[] right, int[] leftIds, int[] rightIds, TextSimilarity.LineBags bags, CostBudget budget)
    {
        var result = new List<ChangeBlock>(blocks.Count);
        for (int first = 0, end; first < blocks.Count; first = end)
        {
            // A stretch: blocks with nothing but blank lines equal between them.
            end = first + 1;
            while (end < blocks.Count && OnlyBlankBetween(blocks[end - 1], blocks[end], left))
            {
                end++;
            }

            var (ls, le) = (blocks[first].LeftStart, blocks[end - 1].LeftEnd);
            var (rs, re) = (blocks[first].RightStart, blocks[end - 1].RightEnd);
            var leftParagraphs = Paragraphs(left, ls, le);
            var rightParagraphs = Paragraphs(right, rs, re);
            var (head, tail) = EditedInPlaceAtEnds(left, leftParagraphs, right, rightParagraphs);
            var leftMiddle = leftParagraphs[head..(leftParagraphs.Count - tail)];
            var rightMiddle = rightParagraphs[head..(rightParagraphs.Count - tail)];
            if (leftParagraphs.Count == 0 || rightParagraphs.Count == 0 || (long)leftMiddle.Count * rightMiddle.Count > MaxPairs
                || (leftMiddle.Count == rightMiddle.Count && PairedByPosition(left, leftMiddle, right, rightMiddle, bags))
                || !Affordable(budget))
            {
                result.AddRange(blocks.Skip(first).Take(end - first));
                continue;
            }

            // Paragraphs paired by position at either end of the stretch stay so; only the middle is aligned.
            List<(int Left, int Right)> anchors = [.. leftParagraphs.Take(head).Zip(rightParagraphs.Take(head))];
            anchors.AddRange(Align(leftMiddle, rightMiddle, bags, budget));
            anchors.AddRange(leftParagraphs.TakeLast(tail).Zip(rightParagraphs.TakeLast(tail)));
            int pl = ls, pr = rs;
            foreach (var (l, r) in anchors)
            {
                AddSegment(result, leftIds, pl, l, rightIds, pr, r, budget);

                // A coarse (cost-capped) block can hold lines that are the same on both sides: those stay equal.
                if (leftIds[l] != rightIds[r])
                {
                    result.Add(new ChangeBlock(l, 1, r, 1));
                }

                (pl, pr) = (l + 1, r + 1);
            }

            AddSegment(result, leftIds, pl, le, rightIds, pr, re, budget);
        }

        return result;
    }

    /// <summary>Stretches are aligned while the diff's shared work lasts; the rest keep the line diff's pairing.</summary>
    private static bool Affordable(CostBudget budget)
    {
        if (budget.SequenceWorkLeft > 0)
        {
            return true;
        }

        budget.Bound("paragraph realignment exceeded the cost cap; some changed paragraphs are paired by position");
        return false;
    }

    /// <summary>
    /// How many paragraphs, from the start and then from the end of a stretch, are plainly edited in place: they
    /// share their common ends with the paragraph at their place on the other side and are about as long. Only the
    /// paragraphs between need aligning; a merged or split paragraph (twice as long as one of its parts) is left
    /// to the alignment, which pairs it with its last part, so the other parts group with it into one change.
    /// </summary>
    private static (int Head, int Tail) EditedInPlaceAtEnds(string[] left, List<int> leftParagraphs, string[] right, List<int> rightParagraphs)
    {
        var head = leftParagraphs.Zip(rightParagraphs).TakeWhile(p => EditedInPlace(left[p.First], right[p.Second])).Count();
        var tail = Enumerable.Reverse(leftParagraphs).Zip(Enumerable.Reverse(rightParagraphs))
            .Take(Math.Min(leftParagraphs.Count, rightParagraphs.Count) - head)
            .TakeWhile(p => EditedInPlace(left[p.First], right[p.Second])).Count();
        return (head, tail);
    }

    private static bool EditedInPlace(string left, string right) =>
        4 * Math.Abs(left.Length - right.Length) <= Math.Max(left.Length, right.Length) && SharesEnds(left, right);

    private static bool SharesEnds(string left, string right)
    {
        var (head, tail) = SpanDiff.CommonEnds(left, right);
        return 10 * (head + tail) >= Math.Min(left.Length, right.Length);
    }

    /// <summary>True when each paragraph shares its ends with, or is alike in words to, the one at its place on the other side.</summary>
    private static bool PairedByPosition(string[] left, List<int> leftParagraphs, string[] right, List<int> rightParagraphs, TextSimilarity.LineBags bags)
    {
        long work = 0;
        return leftParagraphs.Zip(rightParagraphs).All(p =>
            SharesEnds(left[p.First], right[p.Second]) || TextSimilarity.Dice(bags.Of(true, p.First), bags.Of(false, p.Second), ref work) >= MinSimilarity);
    }

    private static bool OnlyBlankBetween(ChangeBlock previous, ChangeBlock next, string[] left) =>
        Paragraphs(left, previous.LeftEnd, next.LeftStart).Count == 0;

    private static List<int> Paragraphs(string[] lines, int start, int end) =>
        [.. Enumerable.Range(start, end - start).Where(line => !string.IsNullOrWhiteSpace(lines[line]))];

    /// <summary>The order-keeping pairing of paragraphs with the largest total similarity, as (left line, right line).</summary>
    private static List<(int Left, int Right)> Align(List<int> leftParagraphs, List<int> rightParagraphs, TextSimilarity.LineBags bags, CostBudget budget)
    {
        var leftBags = leftParagraphs.Select(line => bags.Of(true, line)).ToArray();
        var rightBags = rightParagraphs.Select(line => bags.Of(false, line)).ToArray();
        long work = 0;
        var pairs = MonotoneMatching(leftBags.Length, rightBags.Length, (i, j) => TextSimilarity.Dice(leftBags[i], rightBags[j], ref work), MinSimilarity);
        budget.SequenceWorkLeft -= work;
        return [.. pairs.Select(p => (leftParagraphs[p.Left], rightParagraphs[p.Right]))];
    }

    /// <summary>
    /// The pairs (i, j), increasing in both, with the largest total similarity among pairs at least
    /// <paramref name="minimum"/> alike: an alignment that never crosses, so what it leaves over crossed (moved).
    /// </summary>
    internal static List<(int Left, int Right)> MonotoneMatching(int n, int m, Func<int, int, double> similarity, double minimum)
    {
        var score = new double[n + 1, m + 1];
        var alike = new double[n, m];
        for (var i = 1; i <= n; i++)
        {
            for (var j = 1; j <= m; j++)
            {
                var s = alike[i - 1, j - 1] = similarity(i - 1, j - 1);
                var paired = s >= minimum ? score[i - 1, j - 1] + s : double.MinValue;
                score[i, j] = Math.Max(paired, Math.Max(score[i - 1, j], score[i, j - 1]));
            }
        }

        var pairs = new List<(int Left, int Right)>();
        for (int i = n, j = m; i > 0 && j > 0;)
        {
            if (alike[i - 1, j - 1] >= minimum && score[i, j] == score[i - 1, j - 1] + alike[i - 1, j - 1])
            {
                pairs.Add((i - 1, j - 1));
                i--;
                j--;
            }
            else if (score[i, j] == score[i - 1, j])
            {
                i--;
            }
            else
            {
                j--;
            }
        }

        pairs.Reverse();
        return pairs;
    }

    /// <summary>The lines between two anchors (blank lines and unpaired paragraphs), diffed line by line.</summary>
    private static void AddSegment(List<ChangeBlock> result, int[] leftIds, int ls, int le, int[] rightIds, int rs, int re, CostBudget budget)
    {
        if (le > ls || re > rs)
        {
            // The line diff's own ids: the lines are not hashed again, and the blocks come in absolute line numbers.
            foreach (var block in SequenceDiff.Diff(leftIds, ls, le, rightIds, rs, re, budget, "paragraph realignment"))
            {
                // Lines deleted (inserted) right after a paragraph paired with the first part of a join (split), the
                // blank line between the parts included, are that same change: the join shows as the break removed.
                if (result.Count > 0 && result[^1] is var previous && previous.LeftEnd == block.LeftStart && previous.RightEnd == block.RightStart)
                {
                    result[^1] = previous with { LeftCount = previous.LeftCount + block.LeftCount, RightCount = previous.RightCount + block.RightCount };
                    continue;
                }

                result.Add(block);
            }
        }
    }
}
