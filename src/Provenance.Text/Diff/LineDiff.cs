using Provenance.Text.Tokens;

namespace Provenance.Text.Diff;

/// <summary>
/// Line-level diff with a cost cap. Too expensive ranges are first split on lines that occur exactly once on
/// each side (patience-diff anchors, O(n log n)), as git's heuristics do; what is still too expensive
/// becomes one delete+insert block.
/// </summary>
internal static class LineDiff
{
    private const int MaxAnchorDepth = 8;

    public static List<ChangeBlock> Diff(string[] left, string[] right, CostBudget budget)
    {
        var blocks = new List<ChangeBlock>();
        DiffRange(left, 0, left.Length, right, 0, right.Length, budget, blocks, 0);
        return blocks;
    }

    private static void DiffRange(
        string[] left, int ls, int le, string[] right, int rs, int re, CostBudget budget, List<ChangeBlock> blocks, int depth)
    {
        while (ls < le && rs < re && string.Equals(left[ls], right[rs], StringComparison.Ordinal))
        {
            ls++;
            rs++;
        }

        while (ls < le && rs < re && string.Equals(left[le - 1], right[re - 1], StringComparison.Ordinal))
        {
            le--;
            re--;
        }

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
            var l = left[ls..le];
            var r = right[rs..re];
            var found = SequenceDiff.Diff(string.Concat(l), l, string.Concat(r), r, LineTokenChunker.Instance, budget.MaxPairs, out _);
            foreach (var b in found)
            {
                blocks.Add(b with { LeftStart = b.LeftStart + ls, RightStart = b.RightStart + rs });
            }

            return;
        }

        var anchors = depth < MaxAnchorDepth ? UniqueAnchors(left, ls, le, right, rs, re) : [];
        if (anchors.Count == 0)
        {
            budget.Bound("line diff exceeded the cost cap; a changed region is shown as one deletion and insertion");
            blocks.Add(new ChangeBlock(ls, n, rs, m));
            return;
        }

        budget.Bound("line diff exceeded the cost cap; lines were aligned on lines unique to both sides");
        int pl = ls, pr = rs;
        foreach (var (a, b) in anchors)
        {
            DiffRange(left, pl, a, right, pr, b, budget, blocks, depth + 1);
            pl = a + 1;
            pr = b + 1;
        }

        DiffRange(left, pl, le, right, pr, re, budget, blocks, depth + 1);
    }

    /// <summary>Longest increasing run of lines that occur once in each range, as (left, right) indexes.</summary>
    private static List<(int Left, int Right)> UniqueAnchors(string[] left, int ls, int le, string[] right, int rs, int re)
    {
        var counts = new Dictionary<string, (int Left, int LeftIndex, int Right, int RightIndex)>(StringComparer.Ordinal);
        for (var i = ls; i < le; i++)
        {
            counts.TryGetValue(left[i], out var c);
            counts[left[i]] = (c.Left + 1, i, c.Right, c.RightIndex);
        }

        for (var j = rs; j < re; j++)
        {
            if (counts.TryGetValue(right[j], out var c))
            {
                counts[right[j]] = (c.Left, c.LeftIndex, c.Right + 1, j);
            }
        }

        var pairs = new List<(int Left, int Right)>();
        for (var i = ls; i < le; i++)
        {
            var c = counts[left[i]];
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
