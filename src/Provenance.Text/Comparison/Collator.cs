namespace Provenance.Text.Comparison;

/// <summary>One text to collate: a translation's id, how to call it, and its text.</summary>
public sealed record CollationInput(long TranslationId, string Label, string Text);

/// <summary>
/// N-way collation in the manner of CollateX's variant table: every other witness is aligned sentence by sentence
/// with the first (the base), and the table is cut wherever all those alignments agree on a boundary, so each row
/// holds one passage as every witness reads it. A passage that some witnesses have and the base lacks gets a row of
/// its own where all alignments agree, and joins its neighbour's row otherwise. Cost: one bounded sentence alignment
/// per witness after the first, and one capped word diff per pair of witnesses per row.
/// </summary>
public static class Collator
{
    public static Collation Collate(IReadOnlyList<CollationInput> witnesses)
    {
        ArgumentNullException.ThrowIfNull(witnesses);
        ArgumentOutOfRangeException.ThrowIfLessThan(witnesses.Count, 2);
        var sides = witnesses.Select(w => TranslationComparer.Side.Of(w.Text)).ToList();
        var baseSide = sides[0];
        var n = baseSide.Segments.Count;
        var bounded = false;
        var alignments = new List<List<Bead>>();
        for (var w = 1; w < sides.Count; w++)
        {
            alignments.Add(TranslationComparer.Aligned(baseSide, sides[w], out var b));
            bounded |= b;
        }

        // A base position is a cut when every alignment has a bead starting there or is inside a run of base
        // sentences it left out (reads nothing on either side), and not all of them are inside such a run: a witness
        // that shares little with the base must not merge the rows all the others agree on, and a passage every
        // other witness left out stays one row.
        var starts = alignments.Select(a => a.Where(b => b.LeftCount > 0).Select(b => b.LeftStart).ToHashSet()).ToList();
        var leftOut = alignments.Select(a => a.Where(b => b.LeftCount > 1 && b.RightCount == 0)
            .SelectMany(b => Enumerable.Range(b.LeftStart + 1, b.LeftCount - 1)).ToHashSet()).ToList();
        var cuts = Enumerable.Range(0, n + 1).Where(p => p == 0 || p == n
            || (starts.Any(s => s.Contains(p)) && starts.Zip(leftOut).All(a => a.First.Contains(p) || a.Second.Contains(p)))).ToList();
        var rows = new List<(int BaseStart, int BaseEnd, bool Insertion)>();
        for (var k = 0; k < cuts.Count; k++)
        {
            var p = cuts[k];
            if (alignments.Any(a => a.Any(b => b.LeftCount == 0 && b.LeftStart == p)))
            {
                rows.Add((p, p, true));
            }

            if (k + 1 < cuts.Count)
            {
                rows.Add((p, cuts[k + 1], false));
            }
        }

        var segments = new List<CollationSegment>(rows.Count);
        foreach (var (baseStart, baseEnd, insertion) in rows)
        {
            var ranges = new List<(int Start, int Count)> { (baseStart, baseEnd - baseStart) };
            foreach (var alignment in alignments)
            {
                var inRow = alignment.Where(b => insertion
                    ? b.LeftCount == 0 && b.LeftStart == baseStart
                    : (b.LeftCount > 0 && b.LeftStart >= baseStart && b.LeftStart < baseEnd)
                      || (b.LeftCount == 0 && b.LeftStart > baseStart && b.LeftStart < baseEnd)).ToList();
                ranges.Add(inRow.Count == 0 ? (0, 0) : (inRow[0].RightStart, inRow.Sum(b => b.RightCount)));
            }

            segments.Add(Row(witnesses, sides, ranges, ref bounded));
        }

        return new Collation
        {
            Witnesses = witnesses.Select((w, k) => new CollationWitness(w.TranslationId, w.Label) { Normalization = sides[k].Text.Steps }).ToList(),
            Segments = segments,
            Bounded = bounded,
        };
    }

    private static CollationSegment Row(IReadOnlyList<CollationInput> witnesses, List<TranslationComparer.Side> sides, List<(int Start, int Count)> ranges, ref bool bounded)
    {
        var compared = ranges.Select((range, w) => sides[w].Compared(range.Start, range.Count).Replace('\n', ' ')).ToList();
        var readings = ranges.Select((range, w) => new CollationReading(witnesses[w].TranslationId, sides[w].Display(range.Start, range.Count))).ToList();

        double total = 0;
        var pairs = 0;
        for (var a = 0; a < compared.Count; a++)
        {
            for (var b = a + 1; b < compared.Count; b++)
            {
                if (compared[a].Length == 0 && compared[b].Length == 0)
                {
                    continue;
                }

                pairs++;
                if (compared[a].Length > 0 && compared[b].Length > 0)
                {
                    var (_, similarity, diffBounded) = WordDiff.Compare(compared[a], compared[b]);
                    bounded |= diffBounded;
                    total += similarity;
                }
            }
        }

        var groups = compared.Select((text, w) => (text, w)).GroupBy(x => x.text, StringComparer.Ordinal)
            .Select(g => (IReadOnlyList<int>)g.Select(x => x.w).ToList()).OrderBy(g => g[0]).ToList();
        return new CollationSegment(readings, pairs == 0 ? 1 : Math.Round(total / pairs, 4)) { Groups = groups };
    }
}
