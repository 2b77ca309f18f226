using System.Runtime.InteropServices;

namespace Provenance.Text.Diff;

/// <summary>
/// A run of tokens deleted from the left and/or inserted on the right: the one block type of every diff, merge,
/// blame and revision delta (left is the base or older side).
/// </summary>
internal readonly record struct ChangeBlock(int LeftStart, int LeftCount, int RightStart, int RightCount)
{
    public int LeftEnd => LeftStart + LeftCount;

    public int RightEnd => RightStart + RightCount;

    /// <summary>
    /// Every position of a diff of <paramref name="leftCount"/> against <paramref name="rightCount"/> pieces, in
    /// both-sides order, as (left, right, block): an equal pair has block −1; inside a block its deleted pieces
    /// (right −1) come before its inserted ones (left −1).
    /// </summary>
    public static IEnumerable<(int Left, int Right, int Block)> Walk(List<ChangeBlock> blocks, int leftCount, int rightCount)
    {
        int l = 0, r = 0;
        for (var b = 0; b <= blocks.Count; b++)
        {
            // After the last block, the equal pieces to the end.
            var block = b < blocks.Count ? blocks[b] : new ChangeBlock(leftCount, 0, rightCount, 0);
            for (; l < block.LeftStart; l++, r++)
            {
                yield return (l, r, -1);
            }

            for (; l < block.LeftEnd; l++)
            {
                yield return (l, -1, b);
            }

            for (; r < block.RightEnd; r++)
            {
                yield return (-1, r, b);
            }
        }
    }
}

/// <summary>Collects why a diff was made coarser than the exact one, and the work left for token diffs.</summary>
internal sealed class CostBudget(long maxPairs)
{
    private readonly List<string> _reasons = [];

    public long MaxPairs { get; } = maxPairs;

    /// <summary>Work left for all word (char, line) comparisons of one diff together.</summary>
    public long TokenWorkLeft { get; set; } = maxPairs;

    /// <summary>
    /// Work left for all sequence diffs (lines, sentences) and paragraph pairings of one entry point together: a
    /// blame of many revisions or a merge of many regions runs many, each within the cap, so they share this too.
    /// </summary>
    public long SequenceWorkLeft { get; set; } = 4 * maxPairs;

    public bool Bounded => _reasons.Count > 0;

    public string? Reason => _reasons.Count == 0 ? null : string.Join("; ", _reasons);

    public void Bound(string reason)
    {
        // Many blocks can hit the same cap; one line per kind of fallback keeps the reason readable.
        if (_reasons.Count < 8 && !_reasons.Contains(reason, StringComparer.Ordinal))
        {
            _reasons.Add(reason);
        }
    }
}

/// <summary>
/// The one sequence seam, in the manner of git's xdiff: <b>prepare</b> (intern pieces to ids, trim common ends,
/// discard pieces with no match on the other side), <b>diff</b> (an exact LCS by bit-parallel rows, m·⌈n/64⌉
/// steps whatever the number of changes, without inexact speed heuristics) within a cost cap, and beyond the cap
/// split on pieces unique to both sides (patience anchors) or answer the differing middle as one block. Compaction and moves are the line diff's (<see cref="LineDiff"/>, <see cref="MoveDetector"/>).
/// Used by the text diff, the three-way merge, blame and revision deltas.
/// </summary>
internal static class SequenceDiff
{
    private const int MaxAnchorDepth = 8;

    /// <summary>Bounded diff of two sequences of strings (lines, sentences, words), compared ordinally.</summary>
    public static List<ChangeBlock> Diff(IReadOnlyList<string> left, IReadOnlyList<string> right, CostBudget budget, string what)
    {
        var interner = new Interner();
        return Diff(interner.Ids(left), interner.Ids(right), interner.Count, budget, what);
    }

    /// <summary>
    /// Bounded diff of two id sequences (ids below <paramref name="ids"/>): exact while a range's worst case fits
    /// the cap; otherwise split on ids unique to both sides of it, and what is still too large becomes one block.
    /// Calls <see cref="CostBudget.Bound"/> (naming <paramref name="what"/>) only when the answer may be longer than
    /// the shortest one.
    /// </summary>
    public static List<ChangeBlock> Diff(int[] a, int[] b, int ids, CostBudget budget, string what) =>
        Diff(a, 0, a.Length, b, 0, b.Length, budget, what, ids);

    /// <summary>
    /// Bounded diff of <c>a[ls..le)</c> against <c>b[rs..re)</c>, blocks in absolute indexes. Given the whole
    /// sequences and their <paramref name="ids"/>, an anchored answer that is still shortest is not called bounded.
    /// </summary>
    public static List<ChangeBlock> Diff(int[] a, int ls, int le, int[] b, int rs, int re, CostBudget budget, string what, int ids = 0)
    {
        var blocks = new List<ChangeBlock>();
        var anchored = false;
        DiffRange(a, ls, le, b, rs, re, budget, blocks, 0, what, ref anchored);

        // Anchoring on unique pieces is no cap when it still found a shortest edit script: a piece that occurs k
        // times more on one side must be deleted or inserted k times by any diff.
        if (anchored && (ids == 0 || EditCount(blocks) > LowerBound(a, b, ids)))
        {
            budget.Bound($"{what} exceeded the cost cap; it was aligned on pieces unique to both sides");
        }

        return blocks;
    }

    private static void DiffRange(
        int[] a, int ls, int le, int[] b, int rs, int re, CostBudget budget, List<ChangeBlock> blocks, int depth, string what, ref bool anchored)
    {
        var (prefix, suffix) = CommonEnds(a.AsSpan(ls, le - ls), b.AsSpan(rs, re - rs));
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

        if (EstimateCost(n, m) <= budget.MaxPairs && budget.SequenceWorkLeft > 0)
        {
            var exact = Diff(a, ls, le, b, rs, re, budget.SequenceWorkLeft, out var work);
            budget.SequenceWorkLeft -= work;
            if (exact is not null)
            {
                blocks.AddRange(exact);
                return;
            }
        }

        var anchors = depth < MaxAnchorDepth ? UniqueAnchors(a, ls, le, b, rs, re) : [];
        if (anchors.Count == 0)
        {
            budget.Bound($"{what} exceeded the cost cap; a changed region is shown as one deletion and insertion");
            blocks.Add(new ChangeBlock(ls, n, rs, m));
            return;
        }

        anchored = true;
        int pl = ls, pr = rs;
        foreach (var (l, r) in anchors)
        {
            DiffRange(a, pl, l, b, pr, r, budget, blocks, depth + 1, what, ref anchored);
            pl = l + 1;
            pr = r + 1;
        }

        DiffRange(a, pl, le, b, pr, re, budget, blocks, depth + 1, what, ref anchored);
    }

    private static long EditCount(List<ChangeBlock> blocks) => blocks.Sum(b => (long)b.LeftCount + b.RightCount);

    private static long LowerBound(int[] a, int[] b, int ids)
    {
        var balance = new int[ids];
        Array.ForEach(a, id => balance[id]++);
        Array.ForEach(b, id => balance[id]--);
        return balance.Sum(d => (long)Math.Abs(d));
    }

    /// <summary>Longest increasing run of ids that occur once in each range, as (left, right) indexes.</summary>
    private static List<(int Left, int Right)> UniqueAnchors(int[] a, int ls, int le, int[] b, int rs, int re)
    {
        var left = a[ls..le].CountBy(id => id).Where(c => c.Value == 1).Select(c => c.Key).ToHashSet();
        var right = new Dictionary<int, int>(); // id → its only index in b, or -1 when repeated
        for (var j = rs; j < re; j++)
        {
            if (left.Contains(b[j]))
            {
                right[b[j]] = right.ContainsKey(b[j]) ? -1 : j;
            }
        }

        var pairs = new List<(int Left, int Right)>();
        for (var i = ls; i < le; i++)
        {
            if (right.TryGetValue(a[i], out var j) && j >= 0)
            {
                pairs.Add((i, j));
            }
        }

        return LongestIncreasing(pairs);
    }

    /// <summary>Patience sorting: longest subsequence with increasing right index, O(k log k).</summary>
    private static List<(int Left, int Right)> LongestIncreasing(List<(int Left, int Right)> pairs)
    {
        var tails = new List<int>(); // the smallest right index that ends an increasing run of each length
        var ends = new List<int>(); // the pair at each of those ends
        var previous = new int[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            // Right indexes are distinct (each belongs to one unique piece), so the search never finds one.
            var length = ~tails.BinarySearch(pairs[i].Right);
            previous[i] = length > 0 ? ends[length - 1] : -1;
            if (length == tails.Count)
            {
                tails.Add(pairs[i].Right);
                ends.Add(i);
            }
            else
            {
                (tails[length], ends[length]) = (pairs[i].Right, i);
            }
        }

        var result = new List<(int Left, int Right)>(ends.Count);
        for (var k = ends.Count == 0 ? -1 : ends[^1]; k >= 0; k = previous[k])
        {
            result.Add(pairs[k]);
        }

        result.Reverse();
        return result;
    }

    /// <summary>
    /// Token pairs a comparison of n against m tokens is charged against the cap: ((n+m)/2)², the worst case of an
    /// O((n+m)·D) diff such as git's, and at least the n×m cells of the LCS table the exact diff works on.
    /// </summary>
    public static long EstimateCost(int n, int m)
    {
        var sum = (long)n + m;
        return sum * sum / 4;
    }

    /// <summary>Tokens equal at both ends, which every diff keeps.</summary>
    public static (int Prefix, int Suffix) CommonEnds(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        var prefix = a.CommonPrefixLength(b);
        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)])
        {
            suffix++;
        }

        return (prefix, suffix);
    }

    /// <summary>
    /// Exact diff of <paramref name="a"/>[aStart..aEnd) against <paramref name="b"/>[bStart..bEnd), blocks in
    /// absolute indexes; null, with nothing spent on its rows, when they would take more than
    /// <paramref name="workLimit"/> steps (the steps taken are <paramref name="work"/>).
    /// </summary>
    public static List<ChangeBlock>? Diff(int[] a, int aStart, int aEnd, int[] b, int bStart, int bEnd, long workLimit, out long work)
    {
        // The pieces as symbols numbered in a's order (−1 for a piece a lacks), one hash lookup each.
        var symbols = new Dictionary<int, int>();
        var left = new int[aEnd - aStart];
        for (var i = aStart; i < aEnd; i++)
        {
            ref var symbol = ref CollectionsMarshal.GetValueRefOrAddDefault(symbols, a[i], out var seen);
            symbol = seen ? symbol : symbols.Count - 1;
            left[i - aStart] = symbol;
        }

        var inRight = new bool[symbols.Count];
        var right = new int[bEnd - bStart];
        for (var j = bStart; j < bEnd; j++)
        {
            var symbol = right[j - bStart] = symbols.GetValueOrDefault(b[j], -1);
            if (symbol >= 0)
            {
                inRight[symbol] = true;
            }
        }

        // A piece with no match on the other side is in no common subsequence: leaving it out keeps the diff
        // minimal while shrinking the table, as GNU diff and git's xdiff do (a paragraph edited in many places
        // leaves only the unchanged lines, and blank lines, to compare). Kept pieces by index in their range.
        int[] keptA = [.. Enumerable.Range(0, left.Length).Where(i => inRight[left[i]])];
        int[] keptB = [.. Enumerable.Range(0, right.Length).Where(j => right[j] >= 0)];
        work = left.Length + right.Length;

        // The rows' work is known before they are computed: past the limit nothing is spent on them.
        var rowsWork = (long)keptB.Length * ((keptA.Length + 63) >> 6);
        if (work + rowsWork > workLimit)
        {
            return null;
        }

        work += rowsWork;
        var (deleted, inserted) = Rows(Array.ConvertAll(keptA, i => left[i]), Array.ConvertAll(keptB, j => right[j]), symbols.Count);
        var equal = EqualPairs(deleted, inserted).Select(p => (aStart + keptA[p.Left], bStart + keptB[p.Right]));
        return Blocks(equal, aStart, aEnd, bStart, bEnd);
    }

    /// <summary>
    /// A shortest edit script of two arrays, as the pieces it deletes and inserts, from the rows of the textbook
    /// LCS table held 64 cells to a machine word (the bit-parallel LCS of Allison and Dix, as Hyyrö writes it): a
    /// zero bit i of row j says the LCS of a[..i+1] and b[..j] is one longer than that of a[..i]. Its work is the
    /// words of the rows, m·⌈n/64⌉, whatever the number of changes; its memory as many words.
    /// </summary>
    private static (bool[] Deleted, bool[] Inserted) Rows(int[] a, int[] b, int symbols)
    {
        int n = a.Length, m = b.Length, w = (n + 63) >> 6;
        var (deleted, inserted) = (new bool[n], new bool[m]);
        var masks = new ulong[symbols * w]; // per symbol (below symbols), the bits of its positions in a
        for (var i = 0; i < n; i++)
        {
            masks[(a[i] * w) + (i >> 6)] |= 1UL << i;
        }

        var rows = new ulong[(m + 1) * w];
        rows.AsSpan(0, w).Fill(ulong.MaxValue);
        for (var j = 0; j < m; j++)
        {
            var row = rows.AsSpan(j * w, w);
            var next = rows.AsSpan((j + 1) * w, w);
            var mask = masks.AsSpan(b[j] * w, w);
            ulong carry = 0;
            for (var k = 0; k < w; k++)
            {
                // row' = (row + u) | (row − u) with u = row & mask: the sum carries across words; the difference clears u.
                var u = row[k] & mask[k];
                var sum = row[k] + u;
                var total = sum + carry;
                carry = (sum < u || total < carry) ? 1UL : 0UL;
                next[k] = total | (row[k] & ~u);
            }
        }

        // Back from the end: equal pieces are always on a shortest path, so they are matched first (as a diagonal
        // is followed as far as it goes); otherwise a[i−1] is dropped when that keeps the LCS, else b[j−1] inserted.
        for (int i = n, j = m; i > 0 || j > 0;)
        {
            if (i > 0 && j > 0 && a[i - 1] == b[j - 1])
            {
                (i, j) = (i - 1, j - 1);
            }
            else if (j == 0 || (i > 0 && ((rows[(j * w) + ((i - 1) >> 6)] >> (i - 1)) & 1) != 0))
            {
                deleted[--i] = true;
            }
            else
            {
                inserted[--j] = true;
            }
        }

        return (deleted, inserted);
    }

    /// <summary>(left, right) indexes of the pieces a diff keeps equal, in order.</summary>
    private static IEnumerable<(int Left, int Right)> EqualPairs(bool[] deleted, bool[] inserted)
    {
        int i = 0, j = 0;
        while (i < deleted.Length && j < inserted.Length)
        {
            if (deleted[i])
            {
                i++;
            }
            else if (inserted[j])
            {
                j++;
            }
            else
            {
                yield return (i++, j++);
            }
        }
    }

    /// <summary>The change blocks between the given equal pairs (absolute indexes, in order): one per gap.</summary>
    private static List<ChangeBlock> Blocks(IEnumerable<(int Left, int Right)> equalPairs, int aStart, int aEnd, int bStart, int bEnd)
    {
        var blocks = new List<ChangeBlock>();
        int pl = aStart, pr = bStart;
        foreach (var (l, r) in equalPairs)
        {
            if (l > pl || r > pr)
            {
                blocks.Add(new ChangeBlock(pl, l - pl, pr, r - pr));
            }

            (pl, pr) = (l + 1, r + 1);
        }

        if (aEnd > pl || bEnd > pr)
        {
            blocks.Add(new ChangeBlock(pl, aEnd - pl, pr, bEnd - pr));
        }

        return blocks;
    }
}
