using Provenance.Text.Diff;

namespace Provenance.Text.Alignment;

/// <summary>
/// Aligns two translations of one original paragraph to paragraph: a Gale–Church style dynamic programme over
/// beads (1:1, 1:2, 1:3, 2:1, 3:1, 1:0, 0:1) whose cost adds the Gale–Church length penalty, the lexical
/// overlap of content words, and agreement of anchors (numbers and names), which survive translation best.
/// </summary>
public static class TranslationAligner
{
    // Gale & Church (1993): variance of the length difference per character, for the same language c = 1.
    private const double LengthVariance = 6.8;
    private const double MaxLengthCost = 9.2; // -ln(1e-4): one bad length must not outweigh everything else.
    private const double LexicalWeight = 10;
    private const double AnchorWeight = 4;
    private const double SkipCost = 5;
    private const double MinPartContainment = 0.3;
    private const long MaxFullCells = 1_000_000;

    private static readonly (int Left, int Right, double Prior)[] Beads =
        [(1, 1, 0), (1, 2, 1.5), (2, 1, 1.5), (1, 3, 3), (3, 1, 3), (1, 0, SkipCost), (0, 1, SkipCost)];

    public static AlignmentResult Align(string left, string right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var l = Paragraph.Split(left);
        var r = Paragraph.Split(right);
        int n = l.Count, m = r.Count;

        // Long texts: only cells near the diagonal, as length-based aligners do, to stay O(n·band) in time and memory.
        var banded = n > 0 && m > 0 && (long)(n + 1) * (m + 1) > MaxFullCells;
        var band = Math.Max(100, 2 * Math.Abs(n - m));
        var lo = new int[n + 1];
        var cost = new double[n + 1][];
        var back = new byte[n + 1][];
        for (var i = 0; i <= n; i++)
        {
            var centre = banded ? (int)((long)i * m / n) : 0;
            lo[i] = banded ? Math.Max(0, centre - band) : 0;
            var hi = banded ? Math.Min(m, centre + band + 1) : m;
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

                for (byte b = 0; b < Beads.Length; b++)
                {
                    var (bl, br, prior) = Beads[b];
                    var previous = i < bl || j < br ? double.PositiveInfinity : Cost(cost, lo, i - bl, j - br);
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

        var beads = new List<(int I, int Bl, int J, int Br)>();
        for (int i = n, j = m; i > 0 || j > 0;)
        {
            var (bl, br, _) = Beads[back[i][j - lo[i]]];
            beads.Add((i - bl, bl, j - br, br));
            i -= bl;
            j -= br;
        }

        beads.Reverse();
        var budget = new CostBudget(DiffOptions.Default.MaxTokenPairs);
        var pairs = beads.Select(bead => Pair(l, bead.I, bead.Bl, r, bead.J, bead.Br, budget)).ToList();
        return new AlignmentResult
        {
            Pairs = pairs,
            LeftParagraphCount = n,
            RightParagraphCount = m,
            Bounded = banded || budget.Bounded,
        };
    }

    private static double Cost(double[][] cost, int[] lo, int i, int j)
    {
        var k = j - lo[i];
        return k < 0 || k >= cost[i].Length ? double.PositiveInfinity : cost[i][k];
    }

    private static double Match(List<Paragraph> l, int i, int bl, List<Paragraph> r, int j, int br)
    {
        var left = l.GetRange(i, bl);
        var right = r.GetRange(j, br);
        double l1 = left.Sum(p => p.Length), l2 = right.Sum(p => p.Length);
        var delta = (l2 - l1) / Math.Sqrt(Math.Max(l1, 1) * LengthVariance);
        var probability = 2 * (1 - NormalCdf(Math.Abs(delta)));
        var lengthCost = Math.Min(MaxLengthCost, -Math.Log(Math.Max(probability, 1e-300)));

        var lexical = Dice(Union(left, p => p.ContentWords), Union(right, p => p.ContentWords));
        var leftAnchors = Union(left, p => p.Numbers);
        leftAnchors.UnionWith(Union(left, p => p.Names));
        var rightAnchors = Union(right, p => p.Numbers);
        rightAnchors.UnionWith(Union(right, p => p.Names));
        var anchorCost = leftAnchors.Count + rightAnchors.Count == 0 ? 0 : AnchorWeight * (1 - Dice(leftAnchors, rightAnchors));
        return lengthCost + (LexicalWeight * (1 - lexical)) + anchorCost + Absorbed(left, right) + Absorbed(right, left);
    }

    /// <summary>
    /// Length alone lets a merged bead swallow a short unrelated paragraph ("TOP SECRET") for free; each part of a
    /// multi-paragraph side must share some content words with the other side, or pay as much as leaving it unmatched.
    /// </summary>
    private static double Absorbed(List<Paragraph> parts, List<Paragraph> other)
    {
        if (parts.Count < 2)
        {
            return 0;
        }

        var otherWords = Union(other, p => p.ContentWords);
        var penalty = 0.0;
        foreach (var part in parts)
        {
            var containment = part.ContentWords.Count == 0 ? 0 : (double)part.ContentWords.Count(otherWords.Contains) / part.ContentWords.Count;
            penalty += SkipCost * Math.Max(0, 1 - (containment / MinPartContainment));
        }

        return penalty;
    }

    private static AlignedPair Pair(List<Paragraph> l, int i, int bl, List<Paragraph> r, int j, int br, CostBudget budget)
    {
        var left = l.GetRange(i, bl);
        var right = r.GetRange(j, br);
        var leftText = string.Join("\n\n", left.Select(p => p.Text));
        var rightText = string.Join("\n\n", right.Select(p => p.Text));
        var kind = (bl, br) switch
        {
            (0, _) => AlignmentKind.RightOnly,
            (_, 0) => AlignmentKind.LeftOnly,
            (1, 1) => AlignmentKind.OneToOne,
            (1, _) => AlignmentKind.OneToMany,
            _ => AlignmentKind.ManyToOne,
        };

        var spans = bl == 0 ? SpanDiff.OneSided(rightText, DiffSpanKind.Inserted)
            : br == 0 ? SpanDiff.OneSided(leftText, DiffSpanKind.Deleted)
            : SpanDiff.Compare(leftText, rightText, DiffGranularity.Word, budget);
        var equal = spans.Where(s => s.Kind == DiffSpanKind.Equal).Sum(s => s.WordCount);
        var words = (2 * equal) + spans.Where(s => s.Kind != DiffSpanKind.Equal).Sum(s => s.WordCount);
        var leftWords = Union(left, p => p.AllWords);
        var rightWords = Union(right, p => p.AllWords);
        return new AlignedPair
        {
            Kind = kind,
            LeftParagraphs = Enumerable.Range(i, bl).ToList(),
            RightParagraphs = Enumerable.Range(j, br).ToList(),
            LeftText = leftText,
            RightText = rightText,
            Similarity = words == 0 ? 0 : Math.Round(2.0 * equal / words, 4),
            Spans = spans,
            DifferingNumbers = bl == 0 || br == 0 ? [] : OneSided(Union(left, p => p.Numbers), Union(right, p => p.Numbers), leftWords, rightWords),
            DifferingNames = bl == 0 || br == 0 ? [] : OneSided(Union(left, p => p.Names), Union(right, p => p.Names), leftWords, rightWords),
        };
    }

    /// <summary>Anchors of one side that appear nowhere in the other side's words (a name may open a sentence there).</summary>
    private static List<DifferingAnchor> OneSided(HashSet<string> left, HashSet<string> right, HashSet<string> leftWords, HashSet<string> rightWords) =>
        [
            .. left.Where(a => !rightWords.Contains(a)).Order(StringComparer.Ordinal).Select(a => new DifferingAnchor(a, AlignmentSide.Left)),
            .. right.Where(a => !leftWords.Contains(a)).Order(StringComparer.Ordinal).Select(a => new DifferingAnchor(a, AlignmentSide.Right)),
        ];

    private static HashSet<string> Union(List<Paragraph> paragraphs, Func<Paragraph, HashSet<string>> set)
    {
        var union = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in paragraphs)
        {
            union.UnionWith(set(p));
        }

        return union;
    }

    private static double Dice(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count + b.Count == 0)
        {
            return 0;
        }

        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var common = small.Count(large.Contains);
        return 2.0 * common / (a.Count + b.Count);
    }

    /// <summary>Standard normal CDF (Abramowitz–Stegun 26.2.17, error below 7.5e-8).</summary>
    private static double NormalCdf(double x)
    {
        var t = 1 / (1 + (0.2316419 * Math.Abs(x)));
        var d = 0.3989422804014327 * Math.Exp(-x * x / 2);
        var tail = d * t * (0.319381530 + (t * (-0.356563782 + (t * (1.781477937 + (t * (-1.821255978 + (t * 1.330274429))))))));
        return x >= 0 ? 1 - tail : tail;
    }
}
