using System.Runtime.InteropServices;
using Provenance.Text.Tokens;

namespace Provenance.Text.Diff;

/// <summary>
/// Pairs a deleted and an inserted paragraph (line) from different blocks when their word bags are alike
/// (Dice ≥ threshold), as wikidiff2's moved-paragraph detection does. Consecutive moved lines whose partners are
/// also consecutive share one move id.
/// </summary>
/// <remarks>
/// Like wikidiff2, a deleted and an inserted line of one block that are alike are an edit in place, not a move:
/// they are paired first and never offered as move candidates. The rest are joined by an index over their rarest
/// words (prefix filtering, as in set-similarity joins), which finds every pair at or above the threshold without
/// visiting all deleted × inserted pairs.
/// </remarks>
internal static class MoveDetector
{
    private const string CapReason = "move detection exceeded the cost cap; some moved paragraphs may show as deletion and insertion";

    /// <summary>Blocks up to this many deleted × inserted lines compare every pair in place; larger ones by position.</summary>
    private const int InPlacePairs = 64;

    public static void Pair(List<LineAtom> atoms, string[] leftLines, string[] rightLines, double threshold, CostBudget budget)
    {
        // Moves pair lines of different blocks: with fewer than two blocks there is nothing to pair.
        var blocks = atoms.Where(a => a.Kind != LineAtomKind.Equal).Select(a => a.Block).Distinct().Take(2).Count();
        if (blocks < 2)
        {
            return;
        }

        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = new List<Line>();
        for (var i = 0; i < atoms.Count; i++)
        {
            var a = atoms[i];
            if (a.Kind is LineAtomKind.Deleted or LineAtomKind.Inserted)
            {
                var deleted = a.Kind == LineAtomKind.Deleted;
                var bag = Bag(deleted ? leftLines[a.Left] : rightLines[a.Right], words);
                if (bag.Length > 0)
                {
                    lines.Add(new Line(i, a.Block, deleted, bag));
                }
            }
        }

        long work = 0;
        var inPlace = PairInPlace(lines, threshold, ref work);
        var candidates = Join(lines, inPlace, threshold, budget.MaxPairs, ref work);
        if (work > budget.MaxPairs)
        {
            budget.Bound(CapReason);
        }

        Assign(atoms, candidates);
    }

    /// <summary>Sorted word ids of a line, repeated words repeated, so a merge counts the multiset overlap.</summary>
    private static int[] Bag(string line, Dictionary<string, int> words)
    {
        var lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
        var bag = new List<int>();
        var scanner = new Tokenizer.WordScanner(line);
        while (scanner.Next(out var start, out var end, out var kind))
        {
            if (kind is TokenKind.Word or TokenKind.Number)
            {
                var word = line.AsSpan(start, end - start);
                if (!lookup.TryGetValue(word, out var id))
                {
                    id = words.Count;
                    lookup[word] = id;
                }

                bag.Add(id);
            }
        }

        var array = bag.ToArray();
        Array.Sort(array);
        return array;
    }

    /// <summary>Marks lines that are alike to a line on the other side of their own block.</summary>
    private static bool[] PairInPlace(List<Line> lines, double threshold, ref long work)
    {
        var paired = new bool[lines.Count];
        var start = 0;
        while (start < lines.Count)
        {
            var end = start;
            while (end < lines.Count && lines[end].Block == lines[start].Block)
            {
                end++;
            }

            // Atoms list a block's deletions before its insertions.
            var split = start;
            while (split < end && lines[split].Deleted)
            {
                split++;
            }

            int deleted = split - start, inserted = end - split;
            if (deleted > 0 && inserted > 0)
            {
                if (deleted * inserted <= InPlacePairs)
                {
                    var alike = new List<(double Similarity, int Deleted, int Inserted)>();
                    for (var d = start; d < split; d++)
                    {
                        for (var n = split; n < end; n++)
                        {
                            var similarity = Dice(lines[d].Bag, lines[n].Bag, ref work);
                            if (similarity >= threshold)
                            {
                                alike.Add((similarity, d, n));
                            }
                        }
                    }

                    alike.Sort(BySimilarity);
                    foreach (var (_, d, n) in alike)
                    {
                        if (!paired[d] && !paired[n])
                        {
                            paired[d] = paired[n] = true;
                        }
                    }
                }
                else
                {
                    for (var k = 0; k < Math.Min(deleted, inserted); k++)
                    {
                        if (Dice(lines[start + k].Bag, lines[split + k].Bag, ref work) >= threshold)
                        {
                            paired[start + k] = paired[split + k] = true;
                        }
                    }
                }
            }

            start = end;
        }

        return paired;
    }

    /// <summary>
    /// Every (deleted, inserted) pair of different blocks with Dice ≥ threshold, as atom indexes. With words ordered
    /// rarest first, two bags of overlap ≥ α share a word among each one's first |bag| − α + 1 (the prefix), and
    /// Dice ≥ t needs overlap ≥ t·|bag|/(2 − t); so only prefixes are indexed and probed.
    /// </summary>
    private static List<(double Similarity, int Deleted, int Inserted)> Join(
        List<Line> lines, bool[] inPlace, double threshold, long maxWork, ref long work)
    {
        var candidates = new List<(double Similarity, int Deleted, int Inserted)>();
        var open = new List<int>();
        bool anyDeleted = false, anyInserted = false;
        for (var i = 0; i < lines.Count; i++)
        {
            if (!inPlace[i])
            {
                open.Add(i);
                anyDeleted |= lines[i].Deleted;
                anyInserted |= !lines[i].Deleted;
            }
        }

        if (!anyDeleted || !anyInserted)
        {
            return candidates;
        }

        // A repeated word is one element per occurrence: (word, k) for its k-th occurrence in the line.
        var frequency = new Dictionary<long, int>();
        foreach (var i in open)
        {
            foreach (var key in Elements(lines[i].Bag))
            {
                CollectionsMarshal.GetValueRefOrAddDefault(frequency, key, out _)++;
            }
        }

        var index = new Dictionary<long, List<int>>();
        var prefixes = new Dictionary<int, long[]>();
        foreach (var i in open)
        {
            var elements = Elements(lines[i].Bag).ToArray();
            Array.Sort(elements, (x, y) => frequency[x] != frequency[y] ? frequency[x].CompareTo(frequency[y]) : x.CompareTo(y));
            var required = Math.Max(1, (int)Math.Ceiling((threshold * elements.Length / (2 - threshold)) - 1e-9));
            var prefix = elements[..(elements.Length - required + 1)];
            work += elements.Length;
            if (lines[i].Deleted)
            {
                prefixes[i] = prefix;
            }
            else
            {
                foreach (var key in prefix)
                {
                    ref var postings = ref CollectionsMarshal.GetValueRefOrAddDefault(index, key, out _);
                    (postings ??= []).Add(i);
                }
            }
        }

        var minRatio = threshold / (2 - threshold);
        var seen = new int[lines.Count];
        Array.Fill(seen, -1);
        foreach (var (d, prefix) in prefixes)
        {
            var x = lines[d];
            foreach (var key in prefix)
            {
                if (!index.TryGetValue(key, out var postings))
                {
                    continue;
                }

                work += postings.Count;
                foreach (var n in postings)
                {
                    var y = lines[n];
                    if (seen[n] == d || y.Block == x.Block)
                    {
                        continue;
                    }

                    seen[n] = d;
                    // Dice ≤ 2·min/(a+b): paragraphs of too different length never reach the threshold.
                    if (y.Bag.Length < x.Bag.Length * minRatio || x.Bag.Length < y.Bag.Length * minRatio)
                    {
                        continue;
                    }

                    var similarity = Dice(x.Bag, y.Bag, ref work);
                    if (similarity >= threshold)
                    {
                        candidates.Add((similarity, x.Atom, y.Atom));
                    }
                }

                if (work > maxWork)
                {
                    return candidates;
                }
            }
        }

        return candidates;
    }

    private static IEnumerable<long> Elements(int[] bag)
    {
        for (var i = 0; i < bag.Length; i++)
        {
            var occurrence = i > 0 && bag[i - 1] == bag[i] ? 1 : 0;
            for (var k = i - 1; k > 0 && bag[k - 1] == bag[i]; k--)
            {
                occurrence++;
            }

            yield return ((long)bag[i] << 32) | (uint)occurrence;
        }
    }

    private static void Assign(List<LineAtom> atoms, List<(double Similarity, int Deleted, int Inserted)> candidates)
    {
        candidates.Sort(BySimilarity);
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

    private static int BySimilarity((double Similarity, int Deleted, int Inserted) x, (double Similarity, int Deleted, int Inserted) y) =>
        y.Similarity != x.Similarity
            ? y.Similarity.CompareTo(x.Similarity)
            : x.Deleted != y.Deleted ? x.Deleted.CompareTo(y.Deleted) : x.Inserted.CompareTo(y.Inserted);

    /// <summary>2 × multiset overlap / total words, by merging two sorted bags.</summary>
    private static double Dice(int[] a, int[] b, ref long work)
    {
        work += a.Length + b.Length;
        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                common++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return 2.0 * common / (a.Length + b.Length);
    }

    /// <summary>A deleted or inserted line with words; <see cref="Atom"/> indexes the atom list.</summary>
    private sealed record Line(int Atom, int Block, bool Deleted, int[] Bag);
}
