using DiffPlex;

namespace Provenance.Text.Merge;

/// <summary>One changed region between two sequences: base[BaseStart..BaseEnd) became other[OtherStart..OtherEnd).</summary>
internal readonly record struct Hunk(int BaseStart, int BaseCount, int OtherStart, int OtherCount)
{
    public int BaseEnd => BaseStart + BaseCount;

    public int OtherEnd => OtherStart + OtherCount;
}

/// <summary>
/// Diffs two already-split sequences (lines, sentences, words) with DiffPlex, comparing pieces ordinally.
/// The common prefix and suffix are trimmed first so that a small edit in a long text hashes only the middle.
/// </summary>
internal static class SequenceDiff
{
    // DiffPlex diffs strings through a chunker; these two keys tell the chunker which prepared side to return.
    private const string OldKey = "old";
    private const string NewKey = "new";

    public static List<Hunk> Diff(IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        var shorter = Math.Min(before.Count, after.Count);
        var prefix = 0;
        while (prefix < shorter && string.Equals(before[prefix], after[prefix], StringComparison.Ordinal))
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < shorter - prefix
               && string.Equals(before[before.Count - 1 - suffix], after[after.Count - 1 - suffix], StringComparison.Ordinal))
        {
            suffix++;
        }

        var beforeCount = before.Count - prefix - suffix;
        var afterCount = after.Count - prefix - suffix;
        var hunks = new List<Hunk>();
        if (beforeCount == 0 && afterCount == 0)
        {
            return hunks;
        }

        if (beforeCount == 0 || afterCount == 0)
        {
            hunks.Add(new Hunk(prefix, beforeCount, prefix, afterCount));
            return hunks;
        }

        var chunker = new PreparedChunker(Slice(before, prefix, beforeCount), Slice(after, prefix, afterCount));
        var result = Differ.Instance.CreateDiffs(OldKey, NewKey, ignoreWhiteSpace: false, ignoreCase: false, chunker);
        foreach (var block in result.DiffBlocks)
        {
            hunks.Add(new Hunk(block.DeleteStartA + prefix, block.DeleteCountA, block.InsertStartB + prefix, block.InsertCountB));
        }

        return hunks;
    }

    /// <summary>Number of pieces the two sequences share in their longest common subsequence.</summary>
    public static int CommonCount(IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        var removed = 0;
        foreach (var hunk in Diff(before, after))
        {
            removed += hunk.BaseCount;
        }

        return before.Count - removed;
    }

    public static string[] Slice(IReadOnlyList<string> source, int start, int count)
    {
        var slice = new string[count];
        for (var i = 0; i < count; i++)
        {
            slice[i] = source[start + i];
        }

        return slice;
    }

    private sealed class PreparedChunker(string[] oldPieces, string[] newPieces) : IChunker
    {
        public IReadOnlyList<string> Chunk(string text) => ReferenceEquals(text, OldKey) ? oldPieces : newPieces;
    }
}
