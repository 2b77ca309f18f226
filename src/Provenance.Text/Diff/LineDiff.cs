namespace Provenance.Text.Diff;

/// <summary>
/// Line-level diff with a cost cap. Ranges too expensive for the exact diff are first split on lines that occur
/// exactly once on each side (patience-diff anchors, O(n log n)), as git's patience diff does; what is still too
/// expensive becomes one delete+insert block.
/// </summary>
internal static class LineDiff
{
    private const int MaxAnchorDepth = 8;

    public static List<ChangeBlock> Diff(string[] left, string[] right, CostBudget budget)
    {
        var interner = new Interner();
        var (a, b) = interner.Ids(left, right);
        var blocks = new List<ChangeBlock>();
        var anchored = false;
        DiffRange(a, 0, a.Length, b, 0, b.Length, budget, blocks, 0, ref anchored);
        blocks = ParagraphRealignment.Realign(Join(blocks, a, b), left, right, a, b);

        // Anchoring on unique lines is no cap when it still found a shortest edit script: a line that occurs k
        // times more on one side must be deleted or inserted k times by any diff.
        if (anchored && EditCount(blocks) > LowerBound(a, b, interner.Count))
        {
            budget.Bound("line diff exceeded the cost cap; lines were aligned on lines unique to both sides");
        }

        return blocks;
    }

    private static void DiffRange(
        int[] a, int ls, int le, int[] b, int rs, int re, CostBudget budget, List<ChangeBlock> blocks, int depth, ref bool anchored)
    {
        var (prefix, suffix) = SequenceDiff.CommonEnds(a.AsSpan(ls, le - ls), b.AsSpan(rs, re - rs));
        ls += prefix;
        rs += prefix;
        le -= suffix;
        re -= suffix;
        int n = le - ls, m = re - rs;
        if (n == 0 && m == 0)
        {
            return;
        }

        if (n == 0 || m == 0)
        {
            blocks.Add(new ChangeBlock(ls, n, rs, m));
            return;
        }

        if (SequenceDiff.EstimateCost(n, m) <= budget.MaxPairs)
        {
            blocks.AddRange(SequenceDiff.Diff(a, ls, le, b, rs, re, long.MaxValue, out _)!);
            return;
        }

        var anchors = depth < MaxAnchorDepth ? UniqueAnchors(a, ls, le, b, rs, re) : [];
        if (anchors.Count == 0)
        {
            budget.Bound("line diff exceeded the cost cap; a changed region is shown as one deletion and insertion");
            blocks.Add(new ChangeBlock(ls, n, rs, m));
            return;
        }

        anchored = true;
        int pl = ls, pr = rs;
        foreach (var (l, r) in anchors)
        {
            DiffRange(a, pl, l, b, pr, r, budget, blocks, depth + 1, ref anchored);
            pl = l + 1;
            pr = r + 1;
        }

        DiffRange(a, pl, le, b, pr, re, budget, blocks, depth + 1, ref anchored);
    }

    /// <summary>
    /// Slides a run of lines deleted (or inserted) only along the equal lines around it, as git's diff compacts
    /// change groups, until it touches the change before or after it, and then joins the two. Among diffs of equal
    /// size this picks the one where two paragraphs merged into one, or one split in two, is a single change: the
    /// blank line between them is what a shortest diff may keep equal on either side.
    /// </summary>
    internal static List<ChangeBlock> Join(List<ChangeBlock> blocks, int[] a, int[] b)
    {
        var joined = new List<ChangeBlock>(blocks.Count);
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (block.LeftCount > 0 && block.RightCount > 0)
            {
                joined.Add(block);
                continue;
            }

            var deletion = block.RightCount == 0;
            var (lines, start, count) = deletion ? (a, block.LeftStart, block.LeftCount) : (b, block.RightStart, block.RightCount);
            var previousEnd = joined.Count == 0 ? 0 : joined[^1].LeftStart + joined[^1].LeftCount;
            var above = block.LeftStart - previousEnd;
            if (joined.Count > 0 && Slides(lines, start - 1, start + count - 1, -1, above))
            {
                var previous = joined[^1];
                joined[^1] = deletion ? previous with { LeftCount = previous.LeftCount + count } : previous with { RightCount = previous.RightCount + count };
                continue;
            }

            var below = i + 1 < blocks.Count ? blocks[i + 1].LeftStart - (block.LeftStart + block.LeftCount) : 0;
            if (i + 1 < blocks.Count && Slides(lines, start, start + count, 1, below))
            {
                var next = blocks[i + 1];
                blocks[i + 1] = deletion
                    ? next with { LeftStart = next.LeftStart - count, LeftCount = next.LeftCount + count }
                    : next with { RightStart = next.RightStart - count, RightCount = next.RightCount + count };
                continue;
            }

            joined.Add(block);
        }

        return joined;
    }

    /// <summary>True when <paramref name="steps"/> lines from <paramref name="from"/> equal those from <paramref name="to"/>, stepping by <paramref name="step"/>.</summary>
    private static bool Slides(int[] lines, int from, int to, int step, int steps)
    {
        for (var k = 0; k < steps; k++)
        {
            if (lines[from + (k * step)] != lines[to + (k * step)])
            {
                return false;
            }
        }

        return true;
    }

    private static long EditCount(List<ChangeBlock> blocks)
    {
        long count = 0;
        foreach (var block in blocks)
        {
            count += block.LeftCount + block.RightCount;
        }

        return count;
    }

    private static long LowerBound(int[] a, int[] b, int ids)
    {
        var balance = new int[ids];
        foreach (var id in a)
        {
            balance[id]++;
        }

        foreach (var id in b)
        {
            balance[id]--;
        }

        long bound = 0;
        foreach (var d in balance)
        {
            bound += Math.Abs(d);
        }

        return bound;
    }

    /// <summary>Longest increasing run of lines that occur once in each range, as (left, right) indexes.</summary>
    private static List<(int Left, int Right)> UniqueAnchors(int[] a, int ls, int le, int[] b, int rs, int re)
    {
        var counts = new Dictionary<int, (int Left, int Right, int RightIndex)>();
        for (var i = ls; i < le; i++)
        {
            ref var c = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, a[i], out _);
            c.Left++;
        }

        for (var j = rs; j < re; j++)
        {
            ref var c = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrNullRef(counts, b[j]);
            if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref c))
            {
                c.Right++;
                c.RightIndex = j;
            }
        }

        var pairs = new List<(int Left, int Right)>();
        for (var i = ls; i < le; i++)
        {
            var c = counts[a[i]];
            if (c.Left == 1 && c.Right == 1)
            {
                pairs.Add((i, c.RightIndex));
            }
        }

        return LongestIncreasing(pairs);
    }

    /// <summary>Patience sorting: longest subsequence with increasing right index, O(k log k).</summary>
    private static List<(int Left, int Right)> LongestIncreasing(List<(int Left, int Right)> pairs)
    {
        var tails = new List<int>();
        var previous = new int[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            int lo = 0, hi = tails.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (pairs[tails[mid]].Right < pairs[i].Right)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            previous[i] = lo > 0 ? tails[lo - 1] : -1;
            if (lo == tails.Count)
            {
                tails.Add(i);
            }
            else
            {
                tails[lo] = i;
            }
        }

        var result = new List<(int Left, int Right)>(tails.Count);
        for (var k = tails.Count == 0 ? -1 : tails[^1]; k >= 0; k = previous[k])
        {
            result.Add(pairs[k]);
        }

        result.Reverse();
        return result;
    }
}
