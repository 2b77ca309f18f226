using Provenance.Text.Diff;

namespace Provenance.Text.Merge;

/// <summary>
/// One region of a three-way merge over base rows [BaseStart, BaseStart + BaseCount).
/// <see cref="Merged"/> is null when head and submitted changed the region differently.
/// </summary>
internal sealed record Diff3Block(
    int BaseStart,
    int BaseCount,
    IReadOnlyList<string> Base,
    IReadOnlyList<string> Head,
    IReadOnlyList<string> Submitted,
    IReadOnlyList<string>? Merged);

/// <summary>
/// diff3 over any split of text (lines, sentences). Changes from the two sides conflict only when their base
/// ranges truly overlap, or when both insert at the same point; edits to neighbouring rows merge, because in
/// our texts a row is a whole paragraph and neighbouring paragraphs are independent.
/// </summary>
/// <remarks>
/// DiffPlex's ThreeWayDiffer pairs changes only when both start at the same base row, so a partial overlap
/// is lost; this sweep grows a region until no change from either side crosses its edges.
/// </remarks>
internal static class Diff3
{
    public static List<Diff3Block> Merge(
        IReadOnlyList<string> baseRows, IReadOnlyList<string> headRows, IReadOnlyList<string> submittedRows, CostBudget budget)
    {
        var headHunks = SequenceDiff.Diff(baseRows, headRows, budget, "merge diff");
        var submittedHunks = SequenceDiff.Diff(baseRows, submittedRows, budget, "merge diff");
        var blocks = new List<Diff3Block>();
        int h = 0, s = 0, position = 0, headDelta = 0, submittedDelta = 0;

        while (h < headHunks.Count || s < submittedHunks.Count)
        {
            var takeHead = s >= submittedHunks.Count || (h < headHunks.Count && Precedes(headHunks[h], submittedHunks[s]));
            var first = takeHead ? headHunks[h] : submittedHunks[s];
            int regionStart = first.LeftStart, regionEnd = first.LeftEnd;
            int headFrom = h, submittedFrom = s;
            (h, s) = takeHead ? (h + 1, s) : (h, s + 1);

            var grown = true;
            while (grown)
            {
                grown = false;
                while (h < headHunks.Count && Overlaps(headHunks[h], regionStart, regionEnd))
                {
                    regionEnd = Math.Max(regionEnd, headHunks[h++].LeftEnd);
                    grown = true;
                }

                while (s < submittedHunks.Count && Overlaps(submittedHunks[s], regionStart, regionEnd))
                {
                    regionEnd = Math.Max(regionEnd, submittedHunks[s++].LeftEnd);
                    grown = true;
                }
            }

            if (position < regionStart)
            {
                blocks.Add(Unchanged(baseRows, position, regionStart - position));
            }

            var baseSide = Slice(baseRows, regionStart, regionEnd - regionStart);
            var headSide = SideOf(baseRows, headRows, headHunks, headFrom, h, regionStart, regionEnd, ref headDelta);
            var submittedSide = SideOf(baseRows, submittedRows, submittedHunks, submittedFrom, s, regionStart, regionEnd, ref submittedDelta);
            IReadOnlyList<string>? merged =
                headFrom == h ? submittedSide
                : submittedFrom == s ? headSide
                : headSide.SequenceEqual(submittedSide, StringComparer.Ordinal) ? headSide
                : null;
            blocks.Add(new Diff3Block(regionStart, regionEnd - regionStart, baseSide, headSide, submittedSide, merged));
            position = regionEnd;
        }

        if (position < baseRows.Count)
        {
            blocks.Add(Unchanged(baseRows, position, baseRows.Count - position));
        }

        return blocks;
    }

    // An insertion sorts before a change starting at the same row, so it is emitted first.
    private static bool Precedes(ChangeBlock a, ChangeBlock b) =>
        a.LeftStart != b.LeftStart ? a.LeftStart < b.LeftStart : a.LeftCount == 0 || b.LeftCount != 0;

    private static bool Overlaps(ChangeBlock hunk, int regionStart, int regionEnd) =>
        (hunk.LeftStart < regionEnd && regionStart < hunk.LeftEnd)
        || (hunk.LeftCount == 0 && regionStart == regionEnd && hunk.LeftStart == regionStart);

    // Rows outside a side's hunks are unchanged there, so region edges map through the running offset.
    private static string[] SideOf(
        IReadOnlyList<string> baseRows, IReadOnlyList<string> sideRows, List<ChangeBlock> hunks, int from, int to,
        int regionStart, int regionEnd, ref int delta)
    {
        if (from == to)
        {
            return Slice(baseRows, regionStart, regionEnd - regionStart);
        }

        var start = regionStart + delta;
        delta += hunks[from..to].Sum(hunk => hunk.RightCount - hunk.LeftCount);

        return Slice(sideRows, start, regionEnd + delta - start);
    }

    private static Diff3Block Unchanged(IReadOnlyList<string> baseRows, int start, int count)
    {
        var rows = Slice(baseRows, start, count);
        return new Diff3Block(start, count, rows, rows, rows, rows);
    }

    private static string[] Slice(IReadOnlyList<string> source, int start, int count) => [.. source.Skip(start).Take(count)];
}
