using System.Runtime.InteropServices;
using Provenance.Text.Tokens;

namespace Provenance.Text.Diff;

/// <summary>
/// Pairs a deleted and an inserted paragraph (line) from different blocks when their word bags are alike
/// (Dice ≥ threshold), as wikidiff2's moved-paragraph detection does. Consecutive moved lines whose partners are
/// also consecutive share one move id.
/// </summary>
internal static class MoveDetector
{
    public static void Pair(List<LineAtom> atoms, string[] leftLines, string[] rightLines, double threshold, CostBudget budget)
    {
        // Moves pair lines of different blocks: with fewer than two blocks there is nothing to pair.
        var blocks = atoms.Where(a => a.Kind != LineAtomKind.Equal).Select(a => a.Block).Distinct().Take(2).Count();
        if (blocks < 2)
        {
            return;
        }

        var deleted = new List<(int Atom, Dictionary<string, int> Bag, int Words)>();
        var inserted = new List<(int Atom, Dictionary<string, int> Bag, int Words)>();
        for (var i = 0; i < atoms.Count; i++)
        {
            var a = atoms[i];
            if (a.Kind == LineAtomKind.Deleted)
            {
                Add(deleted, i, leftLines[a.Left]);
            }
            else if (a.Kind == LineAtomKind.Inserted)
            {
                Add(inserted, i, rightLines[a.Right]);
            }
        }

        if (deleted.Count == 0 || inserted.Count == 0)
        {
            return;
        }

        // Dice ≤ 2·min/(a+b): paragraphs of too different length can never reach the threshold, so only
        // inserted paragraphs in the length window are visited (sorted by word count).
        var minRatio = threshold / (2 - threshold);
        inserted.Sort((x, y) => x.Words.CompareTo(y.Words));
        var candidates = new List<(double Similarity, int Deleted, int Inserted)>();
        long work = 0;
        foreach (var d in deleted)
        {
            var block = atoms[d.Atom].Block;
            var first = FirstWithAtLeast(inserted, (int)Math.Ceiling(d.Words * minRatio));
            for (var k = first; k < inserted.Count && inserted[k].Words * minRatio <= d.Words; k++)
            {
                var n = inserted[k];
                work += Math.Min(d.Bag.Count, n.Bag.Count) + 1;
                if (work > budget.MaxPairs)
                {
                    budget.Bound("move detection exceeded the cost cap; some moved paragraphs may show as deletion and insertion");
                    goto Assign;
                }

                if (atoms[n.Atom].Block == block)
                {
                    continue;
                }

                var similarity = Dice(d.Bag, d.Words, n.Bag, n.Words);
                if (similarity >= threshold)
                {
                    candidates.Add((similarity, d.Atom, n.Atom));
                }
            }
        }

    Assign:
        candidates.Sort((x, y) => y.Similarity != x.Similarity
            ? y.Similarity.CompareTo(x.Similarity)
            : x.Deleted != y.Deleted ? x.Deleted.CompareTo(y.Deleted) : x.Inserted.CompareTo(y.Inserted));
        var pairs = new List<(int Deleted, int Inserted)>();
        var span = CollectionsMarshal.AsSpan(atoms);
        foreach (var (_, d, n) in candidates)
        {
            if (span[d].Partner >= 0 || span[n].Partner >= 0)
            {
                continue;
            }

            span[d].Partner = span[n].Right;
            span[n].Partner = span[d].Left;
            pairs.Add((d, n));
        }

        pairs.Sort((x, y) => x.Deleted.CompareTo(y.Deleted));
        var moveId = 0;
        (int Deleted, int Inserted) previous = (-2, -2);
        foreach (var (d, n) in pairs)
        {
            var continues = d == previous.Deleted + 1 && n == previous.Inserted + 1;
            if (!continues)
            {
                moveId++;
            }

            span[d].Kind = LineAtomKind.MoveFrom;
            span[d].MoveId = moveId;
            span[n].Kind = LineAtomKind.MoveTo;
            span[n].MoveId = moveId;
            previous = (d, n);
        }
    }

    private static int FirstWithAtLeast(List<(int Atom, Dictionary<string, int> Bag, int Words)> sorted, int words)
    {
        int lo = 0, hi = sorted.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid].Words < words)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static void Add(List<(int Atom, Dictionary<string, int> Bag, int Words)> list, int atom, string line)
    {
        var bag = new Dictionary<string, int>(StringComparer.Ordinal);
        var words = 0;
        foreach (var t in Tokenizer.Words(line))
        {
            if (t.IsWord)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(bag, t.Text, out _)++;
                words++;
            }
        }

        if (words > 0)
        {
            list.Add((atom, bag, words));
        }
    }

    private static double Dice(Dictionary<string, int> a, int aWords, Dictionary<string, int> b, int bWords)
    {
        if (a.Count > b.Count)
        {
            (a, b) = (b, a);
        }

        var common = 0;
        foreach (var (word, count) in a)
        {
            if (b.TryGetValue(word, out var other))
            {
                common += Math.Min(count, other);
            }
        }

        return 2.0 * common / (aWords + bWords);
    }
}
