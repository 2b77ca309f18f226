namespace Provenance.Text.Diff;

/// <summary>
/// Line-level diff: the bounded sequence diff of the lines (<see cref="SequenceDiff"/>), compacted (<see cref="Join"/>)
/// and with the paragraphs of fully changed stretches re-paired (<see cref="ParagraphRealignment"/>).
/// </summary>
internal static class LineDiff
{
    /// <param name="a">The ids of the left lines (equal lines, equal ids), <paramref name="b"/> of the right, <paramref name="ids"/> distinct in all.</param>
    public static List<ChangeBlock> Diff(string[] left, string[] right, int[] a, int[] b, int ids, TextSimilarity.LineBags bags, CostBudget budget)
    {
        var blocks = SequenceDiff.Diff(a, b, ids, budget, "line diff");
        return ParagraphRealignment.Realign(Join(blocks, a, b), left, right, a, b, bags, budget);
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
            // It slides up when the equal lines above it equal its own last lines, down when those below equal its first.
            if (joined.Count > 0 && lines.AsSpan(start - above, above).SequenceEqual(lines.AsSpan(start + count - above, above)))
            {
                var previous = joined[^1];
                joined[^1] = deletion ? previous with { LeftCount = previous.LeftCount + count } : previous with { RightCount = previous.RightCount + count };
                continue;
            }

            var below = i + 1 < blocks.Count ? blocks[i + 1].LeftStart - (block.LeftStart + block.LeftCount) : 0;
            if (i + 1 < blocks.Count && lines.AsSpan(start, below).SequenceEqual(lines.AsSpan(start + count, below)))
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
}
