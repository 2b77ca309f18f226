using System.Runtime.InteropServices;
using Provenance.Text.Tokens;

namespace Provenance.Text.Diff;

/// <summary>
/// A lower bound of the word-bag similarity (Dice) of a deleted left line and an inserted right line, given by
/// their line indexes: the caller's word diff of the pair keeps equal words that both bags hold.
/// </summary>
internal delegate double InPlaceSimilarity(int leftLine, int rightLine);

/// <summary>
/// Pairs a deleted and an inserted paragraph (line) from different blocks when their word bags are alike
/// (Dice ≥ threshold), as wikidiff2's moved-paragraph detection does. Consecutive moved lines whose partners are
/// also consecutive share one move id.
/// </summary>
/// <remarks>
/// Like wikidiff2, a deleted and an inserted line of one region that are alike are an edit in place, not a move:
/// they are paired first, in an order-keeping alignment, and never offered as move candidates; lines whose
/// partner would cross other pairs are left over. The rest are joined by an index over their rarest
/// words (prefix filtering, as in set-similarity joins), which finds every pair at or above the threshold without
/// visiting all deleted × inserted pairs.
/// </remarks>
internal static class MoveDetector
{
    private const string CapReason = "move detection exceeded the cost cap; some moved paragraphs may show as deletion and insertion";

    /// <summary>Regions up to this many deleted × inserted lines compare every pair in place; larger ones in order.</summary>
    private const int InPlacePairs = 64;

    private const int LookAhead = 4;

    /// <summary>Most deleted plus inserted lines with words that are searched for moves.</summary>
    private const int MaxLines = 50_000;

    /// <summary>Move detection may spend this fraction (1/n) of the cost cap.</summary>
    private const int MoveWorkShare = 16;

    public static void Pair(
        List<LineAtom> atoms, string[] leftLines, string[] rightLines, TextSimilarity.LineBags bags, double threshold, CostBudget budget,
        InPlaceSimilarity similarity)
    {
        // Moves pair lines of different blocks: with fewer than two blocks there is nothing to pair.
        var blocks = atoms.Where(a => a.Kind != LineAtomKind.Equal).Select(a => a.Block).Distinct().Take(2).Count();
        if (blocks < 2)
        {
            return;
        }

        // Blocks apart only by blank lines are one region: a diff may shift blank lines so that a paragraph's
        // deletion and its edited insertion land in neighbouring blocks, which is still an edit in place.
        var lines = new List<Line>();
        var blockLines = atoms.Where(a => a.Kind != LineAtomKind.Equal).GroupBy(a => a.Block)
            .ToDictionary(g => g.Key, g => (Deleted: g.Count(a => a.Kind == LineAtomKind.Deleted), Inserted: g.Count(a => a.Kind == LineAtomKind.Inserted)));

        var region = 0;
        for (var i = 0; i < atoms.Count; i++)
        {
            var a = atoms[i];
            if (a.Kind == LineAtomKind.Equal)
            {
                if (!string.IsNullOrWhiteSpace(leftLines[a.Left]))
                {
                    region++;
                }
            }
            else
            {
                var deleted = a.Kind == LineAtomKind.Deleted;
                var index = deleted ? a.Left : a.Right;
                if (Tokenizer.HasWords(deleted ? leftLines[index] : rightLines[index]))
                {
                    lines.Add(new Line(i, index, region, deleted, bags, a.Block, blockLines[a.Block] == (1, 1)));
                }
            }
        }

        // Beyond some tens of thousands of changed lines (prose has a few thousand paragraphs per megabyte) the
        // lines are not data a reader follows moves in; their bags and pairings alone would cost seconds.
        if (lines.Count > MaxLines)
        {
            budget.Bound($"more than {MaxLines} changed lines; moves were not looked for");
            return;
        }

        long work = 0;
        var inPlace = PairInPlace(lines, threshold, similarity, ref work);
        // Each candidate pair is kept until all are ranked, so the join's work (and so its memory) has its own cap.
        var maxWork = Math.Max(1, budget.MaxPairs / MoveWorkShare);
        var candidates = Join(lines, inPlace, threshold, maxWork, ref work);
        if (work > maxWork)
        {
            budget.Bound(CapReason);
        }

        Assign(atoms, candidates);
    }

    /// <summary>Marks lines that are alike to a line on the other side in their own region.</summary>
    private static bool[] PairInPlace(List<Line> lines, double threshold, InPlaceSimilarity lowerBound, ref long work)
    {
        var paired = new bool[lines.Count];
        var start = 0;
        while (start < lines.Count)
        {
            var end = start;
            while (end < lines.Count && lines[end].Region == lines[start].Region)
            {
                end++;
            }

            var deleted = new List<int>();
            var inserted = new List<int>();
            for (var i = start; i < end; i++)
            {
                (lines[i].Deleted ? deleted : inserted).Add(i);
            }

            if (EditedInOrder(lines, deleted, inserted, threshold, lowerBound))
            {
                // Each paragraph edited where it stands: every line is paired, whatever pairing the rules below find.
                for (var i = start; i < end; i++)
                {
                    paired[i] = true;
                }

                start = end;
                continue;
            }

            // A paragraph changed for one paragraph (a block of one line each side) and alike to it is an edit in
            // place without word bags. Such pairs keep their order, so the lines between two of them can only pair
            // with each other: each such gap is paired by word bags on its own.
            deleted.Clear();
            inserted.Clear();
            for (var i = start; i < end; i++)
            {
                if (lines[i].OneForOne && i + 1 < end && lines[i].Deleted && lines[i + 1].Block == lines[i].Block
                    && lowerBound(lines[i].Index, lines[i + 1].Index) >= threshold)
                {
                    PairByBags(lines, deleted, inserted, threshold, paired, ref work);
                    deleted.Clear();
                    inserted.Clear();
                    paired[i] = paired[i + 1] = true;
                    i++;
                    continue;
                }

                (lines[i].Deleted ? deleted : inserted).Add(i);
            }

            PairByBags(lines, deleted, inserted, threshold, paired, ref work);
            start = end;
        }

        return paired;
    }

    private static void PairByBags(List<Line> lines, List<int> deleted, List<int> inserted, double threshold, bool[] paired, ref long work)
    {
        if (deleted.Count == 0 || inserted.Count == 0)
        {
            return;
        }

        if (deleted.Count * inserted.Count <= InPlacePairs)
        {
            // Edits in place keep their order; a pair that would cross another is a move, left to the join below.
            long pairWork = 0;
            foreach (var (d, n) in ParagraphRealignment.MonotoneMatching(
                deleted.Count, inserted.Count, (i, j) => TextSimilarity.Dice(lines[deleted[i]].Bag, lines[inserted[j]].Bag, ref pairWork), threshold))
            {
                paired[deleted[d]] = paired[inserted[n]] = true;
            }

            work += pairWork;
            return;
        }

        // In order, each deleted line takes the first alike inserted line a few places ahead.
        var next = 0;
        foreach (var d in deleted)
        {
            for (var k = next; k < Math.Min(inserted.Count, next + LookAhead); k++)
            {
                if (TextSimilarity.Dice(lines[d].Bag, lines[inserted[k]].Bag, ref work) >= threshold)
                {
                    paired[d] = paired[inserted[k]] = true;
                    next = k + 1;
                    break;
                }
            }
        }
    }

    /// <summary>
    /// True when the k-th deleted line and the k-th inserted line are alike for every k, decided by a lower bound
    /// of their similarity (<see cref="InPlaceSimilarity"/>) without building word bags: the usual region of
    /// paragraphs edited in place.
    /// </summary>
    private static bool EditedInOrder(List<Line> lines, List<int> deleted, List<int> inserted, double threshold, InPlaceSimilarity lowerBound) =>
        deleted.Count == inserted.Count && deleted.Zip(inserted).All(p => lowerBound(lines[p.First].Index, lines[p.Second].Index) >= threshold);

    /// <summary>
    /// Every (deleted, inserted) pair of different regions with Dice ≥ threshold, as atom indexes. With words ordered
    /// rarest first, two bags of overlap ≥ α share a word among each one's first |bag| − α + 1 (the prefix), and
    /// Dice ≥ t needs overlap ≥ t·|bag|/(2 − t); so only prefixes are indexed and probed.
    /// </summary>
    private static List<(double Similarity, int Deleted, int Inserted)> Join(
        List<Line> lines, bool[] inPlace, double threshold, long maxWork, ref long work)
    {
        var candidates = new List<(double Similarity, int Deleted, int Inserted)>();
        var open = Enumerable.Range(0, lines.Count).Where(i => !inPlace[i]).ToList();
        if (!open.Any(i => lines[i].Deleted) || open.All(i => lines[i].Deleted))
        {
            return candidates;
        }

        // A repeated word is one element per occurrence: (word, k) for its k-th occurrence in the line. Any fixed
        // order of elements works; elements on one side only come first (they match nothing and use up prefix
        // room), then the rarest, so the probed postings stay short.
        var counts = new Dictionary<long, (int Deleted, int Inserted)>();
        foreach (var i in open)
        {
            foreach (var key in Elements(lines[i].Bag))
            {
                ref var c = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _);
                c = lines[i].Deleted ? (c.Deleted + 1, c.Inserted) : (c.Deleted, c.Inserted + 1);
            }
        }

        var keys = counts.Keys.ToArray();
        var order = Array.ConvertAll(keys, k => counts[k] is var c && (c.Deleted == 0 || c.Inserted == 0) ? -1L : c.Deleted + (long)c.Inserted);
        Array.Sort(order, keys);
        var rank = new Dictionary<long, int>(keys.Length);
        for (var r = 0; r < keys.Length; r++)
        {
            rank[keys[r]] = r;
        }

        var index = new List<int>?[keys.Length];
        var prefixes = new List<(int Line, int[] Prefix)>();
        foreach (var i in open)
        {
            var ranks = Elements(lines[i].Bag).Select(k => rank[k]).ToArray();
            Array.Sort(ranks);
            var required = Math.Max(1, (int)Math.Ceiling((threshold * ranks.Length / (2 - threshold)) - 1e-9));
            var prefix = ranks[..(ranks.Length - required + 1)];
            work += ranks.Length;
            if (lines[i].Deleted)
            {
                prefixes.Add((i, prefix));
            }
            else
            {
                foreach (var r in prefix)
                {
                    (index[r] ??= []).Add(i);
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
                var postings = index[key];
                if (postings is null)
                {
                    continue;
                }

                work += postings.Count;
                foreach (var n in postings)
                {
                    var y = lines[n];
                    // Lines of one region left unpaired by the order-keeping pairing crossed other pairs: moves too.
                    if (seen[n] == d)
                    {
                        continue;
                    }

                    seen[n] = d;
                    // Dice ≤ 2·min/(a+b): paragraphs of too different length never reach the threshold.
                    if (y.Bag.Length < x.Bag.Length * minRatio || x.Bag.Length < y.Bag.Length * minRatio)
                    {
                        continue;
                    }

                    var similarity = TextSimilarity.Dice(x.Bag, y.Bag, ref work);
                    if (similarity >= threshold)
                    {
                        candidates.Add((similarity, x.Atom, y.Atom));
                    }

                    // A word held by thousands of lines has a posting list as long: stop inside it, not after it.
                    if (work > maxWork)
                    {
                        return candidates;
                    }
                }
            }
        }

        return candidates;
    }

    private static IEnumerable<long> Elements(int[] bag)
    {
        var occurrence = 0;
        for (var i = 0; i < bag.Length; i++)
        {
            occurrence = i > 0 && bag[i - 1] == bag[i] ? occurrence + 1 : 0;
            yield return ((long)bag[i] << 32) | (uint)occurrence;
        }
    }

    private static void Assign(List<LineAtom> atoms, List<(double Similarity, int Deleted, int Inserted)> candidates)
    {
        // Most alike first; ties in line order.
        candidates.Sort((x, y) => (y.Similarity, x.Deleted, x.Inserted).CompareTo((x.Similarity, y.Deleted, y.Inserted)));
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
            moveId += d == previous.Deleted + 1 && n == previous.Inserted + 1 ? 0 : 1;

            span[d].Kind = LineAtomKind.MoveFrom;
            span[d].MoveId = moveId;
            span[n].Kind = LineAtomKind.MoveTo;
            span[n].MoveId = moveId;
            previous = (d, n);
        }
    }

    /// <summary>
    /// A deleted or inserted line with words; <see cref="Atom"/> indexes the atom list, <see cref="Index"/> the
    /// lines of its side, <see cref="Block"/> the line diff's change block it is in; <see cref="OneForOne"/> when
    /// that block is one line on each side.
    /// </summary>
    private sealed record Line(int Atom, int Index, int Region, bool Deleted, TextSimilarity.LineBags Bags, int Block, bool OneForOne)
    {
        /// <summary>Built on first use (most paragraphs edited in place are paired without it), once for the whole diff.</summary>
        public int[] Bag => Bags.Of(Deleted, Index);
    }
}
