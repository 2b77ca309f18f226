using DiffPlex;

namespace Provenance.Text.Diff;

/// <summary>A run of tokens deleted from the left and/or inserted on the right (DiffPlex's DiffBlock, immutable).</summary>
internal readonly record struct ChangeBlock(int LeftStart, int LeftCount, int RightStart, int RightCount);

/// <summary>Collects why a diff was made coarser than the exact one.</summary>
internal sealed class CostBudget(long maxPairs)
{
    private readonly List<string> _reasons = [];

    public long MaxPairs { get; } = maxPairs;

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

internal static class SequenceDiff
{
    /// <summary>
    /// Worst-case work of DiffPlex's Myers diff on n and m tokens: its D loop visits up to ((n+m)/2)² diagonals,
    /// even when n×m is small (one line against a thousand).
    /// </summary>
    public static long EstimateCost(int n, int m)
    {
        var sum = (long)n + m;
        return sum * sum / 4;
    }

    /// <summary>
    /// Exact token diff through DiffPlex when affordable, otherwise the differing middle as one block.
    /// <paramref name="leftText"/> must chunk to exactly <paramref name="left"/> (checked).
    /// </summary>
    public static List<ChangeBlock> Diff(
        string leftText, string[] left, string rightText, string[] right, IChunker chunker, long maxPairs, out bool capped)
    {
        capped = false;
        var prefix = 0;
        while (prefix < left.Length && prefix < right.Length && string.Equals(left[prefix], right[prefix], StringComparison.Ordinal))
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < left.Length - prefix && suffix < right.Length - prefix
            && string.Equals(left[^(suffix + 1)], right[^(suffix + 1)], StringComparison.Ordinal))
        {
            suffix++;
        }

        var n = left.Length - prefix - suffix;
        var m = right.Length - prefix - suffix;
        if (n == 0 && m == 0)
        {
            return [];
        }

        if (n == 0 || m == 0)
        {
            return [new ChangeBlock(prefix, n, prefix, m)];
        }

        if (EstimateCost(n, m) > maxPairs)
        {
            capped = true;
            return [new ChangeBlock(prefix, n, prefix, m)];
        }

        var result = Differ.Instance.CreateDiffs(leftText, rightText, ignoreWhiteSpace: false, ignoreCase: false, chunker);
        if (result.PiecesOld.Count != left.Length || result.PiecesNew.Count != right.Length)
        {
            throw new InvalidOperationException("The chunker and the tokenizer disagree on the token sequence.");
        }

        var blocks = new List<ChangeBlock>(result.DiffBlocks.Count);
        foreach (var b in result.DiffBlocks)
        {
            blocks.Add(new ChangeBlock(b.DeleteStartA, b.DeleteCountA, b.InsertStartB, b.InsertCountB));
        }

        return blocks;
    }
}
