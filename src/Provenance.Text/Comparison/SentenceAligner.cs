using Provenance.Text.Diff;

namespace Provenance.Text.Comparison;

/// <summary>Sentences <c>[LeftStart, LeftStart + LeftCount)</c> of one text render <c>[RightStart, …)</c> of the other.</summary>
internal readonly record struct Bead(int LeftStart, int LeftCount, int RightStart, int RightCount);

/// <summary>
/// Aligns the sentences of two texts, whatever their paragraphing: a Gale–Church dynamic programme over beads
/// (1:1, 1:2, 2:1, 2:2, 1:3, 3:1, 1:0, 0:1) whose cost adds the Gale–Church length penalty, the overlap of
/// content words, and the agreement of anchors (numbers, months, quoted words, names).
/// Bounded: at most <see cref="MaxCells"/> cells of the programme are filled; beyond that only a band around
/// the diagonal is searched (as length-based aligners do) and the answer says it was bounded.
/// </summary>
internal static class SentenceAligner
{
    public const long MaxCells = 400_000;

    // Gale & Church (1993): variance of the length difference per character.
    private const double LengthVariance = 6.8;
    private const double MaxLengthCost = 9.2; // -ln(1e-4): one bad length must not outweigh everything else.
    private const double LexicalWeight = 10;
    private const double AnchorWeight = 4;
    public const double SkipCost = 5;
    private const double MinPartContainment = 0.5;

    private static readonly (int Left, int Right, double Prior)[] Shapes =
        [(1, 1, 0), (1, 2, 1.5), (2, 1, 1.5), (2, 2, 3), (1, 3, 3), (3, 1, 3), (1, 0, SkipCost), (0, 1, SkipCost)];

    /// <remarks>Gale–Church's length ratio is 1: both texts are translations into one language, where an estimate
    /// would be skewed by an omitted passage.</remarks>
    public static List<Bead> Align(List<Segment> leftSegments, List<Segment> rightSegments, out bool bounded)
    {
        var ids = new Interner();
        var l = Prepare(leftSegments, ids);
        var r = Prepare(rightSegments, ids);
        int n = leftSegments.Count, m = rightSegments.Count;

        bounded = n > 0 && m > 0 && (long)(n + 1) * (m + 1) > MaxCells;
        // The band is as wide as the bound allows, and never narrower than the three sentences one bead can take.
        var band = bounded ? (int)Math.Max(3, MaxCells / (2L * (n + 1))) : 0;
        var lo = new int[n + 1];
        var cost = new double[n + 1][];
        var back = new byte[n + 1][];
        for (var i = 0; i <= n; i++)
        {
            var centre = bounded ? (int)((long)i * m / n) : 0;
            lo[i] = bounded ? Math.Max(0, centre - band) : 0;
            var hi = bounded ? Math.Min(m, centre + band) : m;
            cost[i] = new double[hi - lo[i] + 1];
            back[i] = new byte[hi - lo[i] + 1];
            Array.Fill(cost[i], double.PositiveInfinity);
        }

        cost[0][0] = 0;
        for (var i = 0; i <= n; i++)
        {
            for (var j = lo[i]; j < lo[i] + cost[i].Length; j++)
            {
                if (i == 0 && j == 0)
                {
                    continue;
                }

                for (byte b = 0; b < Shapes.Length; b++)
                {
                    var (bl, br, prior) = Shapes[b];
                    if (i < bl || j < br)
                    {
                        continue;
                    }

                    var previous = Cost(cost, lo, i - bl, j - br);
                    if (double.IsPositiveInfinity(previous))
                    {
                        continue;
                    }

                    var total = previous + prior + (bl == 0 || br == 0 ? 0 : Match(l, i - bl, bl, r, j - br, br));
                    if (total < cost[i][j - lo[i]])
                    {
                        cost[i][j - lo[i]] = total;
                        back[i][j - lo[i]] = b;
                    }
                }
            }
        }

        var beads = new List<Bead>();
        for (int i = n, j = m; i > 0 || j > 0;)
        {
            var (bl, br, _) = Shapes[back[i][j - lo[i]]];
            beads.Add(new Bead(i - bl, bl, j - br, br));
            i -= bl;
            j -= br;
        }

        beads.Reverse();
        return beads;
    }

    private static double Cost(double[][] cost, int[] lo, int i, int j)
    {
        var k = j - lo[i];
        return k < 0 || k >= cost[i].Length ? double.PositiveInfinity : cost[i][k];
    }

    /// <summary>Features of one run of sentences as sorted word ids, so that overlaps are merges, not set look-ups.</summary>
    private sealed record Features(int Length, int[] Content, int[] Words, int[] Anchors);

    /// <summary>Runs of 1, 2 and 3 sentences from every start: <c>runs[k - 1][i]</c> covers sentences i..i+k-1.</summary>
    private static Features[][] Prepare(List<Segment> segments, Interner ids)
    {
        var single = segments.Select(s => new Features(s.Length, Ids(s.ContentWords, ids), Ids(s.Words, ids), Ids(s.Anchors, ids))).ToArray();
        var runs = new Features[3][];
        runs[0] = single;
        for (var k = 1; k < 3; k++)
        {
            runs[k] = new Features[Math.Max(0, single.Length - k)];
            for (var i = 0; i + k < single.Length; i++)
            {
                var (a, b) = (runs[k - 1][i], single[i + k]);
                runs[k][i] = new Features(a.Length + b.Length, Union(a.Content, b.Content), Union(a.Words, b.Words), Union(a.Anchors, b.Anchors));
            }
        }

        return runs;
    }

    private static int[] Ids(HashSet<string> words, Interner ids) => [.. words.Select(ids.Id).Order()];

    /// <summary>Cost of pairing these sentences of the two sides.</summary>
    private static double Match(Features[][] l, int i, int bl, Features[][] r, int j, int br)
    {
        var (left, right) = (l[bl - 1][i], r[br - 1][j]);
        var delta = (right.Length - left.Length) / Math.Sqrt(Math.Max(left.Length, 1) * LengthVariance);
        var probability = 2 * (1 - NormalCdf(Math.Abs(delta)));
        var lengthCost = Math.Min(MaxLengthCost, -Math.Log(Math.Max(probability, 1e-300)));

        var contentTotal = left.Content.Length + right.Content.Length;
        var lexical = contentTotal == 0 ? 0 : 2.0 * TextSimilarity.Common(left.Content, right.Content) / contentTotal;

        // Share of either side's anchors found among the other side's words: a name in capitals, or opening a
        // sentence, is still found. No anchors on either side costs nothing.
        var anchors = left.Anchors.Length + right.Anchors.Length;
        var anchorCost = anchors == 0 ? 0
            : AnchorWeight * (1 - ((double)(TextSimilarity.Common(left.Anchors, right.Words) + TextSimilarity.Common(right.Anchors, left.Words)) / anchors));

        return lengthCost + (LexicalWeight * (1 - lexical)) + anchorCost + Absorbed(l[0], i, bl, right.Content) + Absorbed(r[0], j, br, left.Content);
    }

    /// <summary>
    /// Length alone lets a merged bead swallow a short unrelated sentence (a heading, "Recto") for free; each part of
    /// a several-sentence side must share some content words with the other side, or pay as much as leaving it unmatched.
    /// </summary>
    private static double Absorbed(Features[] parts, int start, int count, int[] otherWords)
    {
        if (count < 2)
        {
            return 0;
        }

        var penalty = 0.0;
        for (var k = start; k < start + count; k++)
        {
            var content = parts[k].Content;
            var containment = content.Length == 0 ? 0 : (double)TextSimilarity.Common(content, otherWords) / content.Length;
            penalty += SkipCost * Math.Max(0, 1 - (containment / MinPartContainment));
        }

        return penalty;
    }

    /// <summary>The sorted union of two sorted sets of ids.</summary>
    private static int[] Union(int[] a, int[] b) => [.. a.Union(b).Order()];

    public static HashSet<string> Union(List<Segment> segments, Func<Segment, HashSet<string>> set) =>
        segments.SelectMany(set).ToHashSet(StringComparer.Ordinal);

    /// <summary>Standard normal CDF (Abramowitz–Stegun 26.2.17, error below 7.5e-8).</summary>
    private static double NormalCdf(double x)
    {
        var t = 1 / (1 + (0.2316419 * Math.Abs(x)));
        var d = 0.3989422804014327 * Math.Exp(-x * x / 2);
        var tail = d * t * (0.319381530 + (t * (-0.356563782 + (t * (1.781477937 + (t * (-1.821255978 + (t * 1.330274429))))))));
        return x >= 0 ? 1 - tail : tail;
    }
}
