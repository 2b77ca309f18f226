using System.Text;
using Provenance.Text.Diff;

namespace Provenance.Text.Comparison;

/// <summary>
/// Compares two translations of one original as a reader would: both are normalized for comparing
/// (<see cref="ComparisonText"/>), cut into sentences, the sentences aligned by length and anchors
/// (<see cref="SentenceAligner"/>), and each aligned passage diffed word by word. Stateless and thread-safe.
/// </summary>
public static class TranslationComparer
{
    /// <summary>A one-sided run before anything both texts share, at most this long, is a header.</summary>
    private const int MaxHeaderLength = 400;

    private static readonly string[] NoteNames = ["translator's note", "translator’s note", "editor's note"];

    public static ComparisonResult Compare(string left, string right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var l = Side.Of(left);
        var r = Side.Of(right);
        var beads = Aligned(l, r, out var bounded);
        var firstMatch = beads.FindIndex(b => b.LeftCount > 0 && b.RightCount > 0);
        var lastMatch = beads.FindLastIndex(b => b.LeftCount > 0 && b.RightCount > 0);
        var pairs = new List<ComparedPair>(beads.Count);
        var budget = new CostBudget(DiffOptions.Default.MaxTokenPairs);
        for (var k = 0; k < beads.Count; k++)
        {
            var pair = Pair(l, r, beads[k], budget, ref bounded);
            pairs.Add(pair.OneSided is null ? pair : pair with { OneSided = Classify(pair, firstMatch < 0 || k < firstMatch || k > lastMatch) });
        }

        return new ComparisonResult
        {
            Pairs = pairs,
            LeftParagraphCount = l.Paragraphs,
            RightParagraphCount = r.Paragraphs,
            LeftSegmentCount = l.Segments.Count,
            RightSegmentCount = r.Segments.Count,
            Normalization = new ComparisonNormalization(l.Text.Steps, r.Text.Steps),
            Bounded = bounded,
        };
    }

    /// <summary>A text prepared for comparing and cut into sentences.</summary>
    internal sealed class Side
    {
        private Side(ComparisonText text)
        {
            Text = text;
            Segments = Segment.Split(text);
            Paragraphs = Segments.Count == 0 ? 0 : Segments[^1].Paragraph + 1;
        }

        public ComparisonText Text { get; }

        public List<Segment> Segments { get; }

        public int Paragraphs { get; }

        public static Side Of(string raw) => new(ComparisonText.Prepare(raw));

        public (int Start, int End) Normalized(int first, int count) => (Segments[first].Start, Segments[first + count - 1].End);

        /// <summary>The normalized text of sentences <paramref name="first"/>.. (what is compared).</summary>
        public string Compared(int first, int count) => count == 0 ? "" : Text.Text[Normalized(first, count).Start..Normalized(first, count).End];

        /// <summary>The raw text of sentences <paramref name="first"/>.., its line breaks joined (what is read).</summary>
        public string Display(int first, int count)
        {
            if (count == 0)
            {
                return "";
            }

            var (start, end) = Normalized(first, count);
            var (rawStart, rawEnd) = RawRange(start, end);
            return Readable(Text.Raw[rawStart..rawEnd]);
        }

        /// <summary>The raw range of a normalized one, with the editorial brackets the normalization dropped at its ends.</summary>
        private (int Start, int End) RawRange(int start, int end)
        {
            int rawStart = Text.RawAt(start), rawEnd = Text.SourceIndex[end - 1] + 1;
            while (rawStart > 0 && Text.Raw[rawStart - 1] == '[') { rawStart--; }
            while (rawEnd < Text.Raw.Length && Text.Raw[rawEnd] == ']') { rawEnd++; }
            return (rawStart, rawEnd);
        }

        /// <summary>
        /// Cuts the raw passage of normalized range <c>[start, end)</c> where <paramref name="spans"/> (of the
        /// normalized text) change, so the reader sees the raw words marked by what differs after normalization.
        /// </summary>
        public List<DiffSpan> RawSpans(int start, int end, IEnumerable<DiffSpan> spans)
        {
            var cuts = new List<(DiffSpanKind Kind, bool Editorial, int RawStart)>();
            var (rawStart, rawEnd) = RawRange(start, end);
            var position = start;
            foreach (var span in spans)
            {
                if (span.Text.Length == 0)
                {
                    continue;
                }

                cuts.Add((span.Kind, span.Editorial, cuts.Count == 0 ? rawStart : Text.RawAt(Math.Min(position, end - 1))));
                position += span.Text.Length;
            }

            var result = new List<DiffSpan>(cuts.Count);
            var written = new StringBuilder();
            for (var k = 0; k < cuts.Count; k++)
            {
                var to = k + 1 < cuts.Count ? cuts[k + 1].RawStart : rawEnd;
                var text = Readable(Text.Raw[cuts[k].RawStart..Math.Max(cuts[k].RawStart, to)], trim: false);
                if (written.Length == 0 || written[^1] == ' ')
                {
                    text = text.TrimStart();
                }

                if (k == cuts.Count - 1)
                {
                    text = text.TrimEnd();
                }

                if (text.Length == 0)
                {
                    continue;
                }

                written.Append(text);
                DiffSpan.Append(result, cuts[k].Kind, text, cuts[k].Editorial);
            }

            return result;
        }
    }

    internal static List<Bead> Aligned(Side l, Side r, out bool bounded)
    {
        var beads = SentenceAligner.Align(l.Segments, r.Segments, out bounded);
        // Runs of unmatched sentences on one side are one omitted (or added) passage.
        var merged = new List<Bead>(beads.Count);
        foreach (var bead in beads)
        {
            if (merged.Count > 0 && merged[^1] is var last
                && ((bead.RightCount == 0 && last.RightCount == 0) || (bead.LeftCount == 0 && last.LeftCount == 0)))
            {
                merged[^1] = new Bead(last.LeftStart, last.LeftCount + bead.LeftCount, last.RightStart, last.RightCount + bead.RightCount);
            }
            else
            {
                merged.Add(bead);
            }
        }

        return merged;
    }

    private static ComparedPair Pair(Side l, Side r, Bead bead, CostBudget budget, ref bool bounded)
    {
        var leftSegments = l.Segments.GetRange(bead.LeftStart, bead.LeftCount);
        var rightSegments = r.Segments.GetRange(bead.RightStart, bead.RightCount);
        var kind = (bead.LeftCount, bead.RightCount) switch
        {
            (0, _) => PairKind.RightOnly,
            (_, 0) => PairKind.LeftOnly,
            (1, 1) => PairKind.OneToOne,
            (1, _) => PairKind.OneToMany,
            (_, 1) => PairKind.ManyToOne,
            _ => PairKind.ManyToMany,
        };

        var leftText = l.Display(bead.LeftStart, bead.LeftCount);
        var rightText = r.Display(bead.RightStart, bead.RightCount);
        var pair = new ComparedPair
        {
            Kind = kind,
            OneSided = kind is PairKind.LeftOnly or PairKind.RightOnly ? OneSidedKind.Passage : null,
            LeftParagraphs = leftSegments.Select(s => s.Paragraph).Distinct().ToList(),
            RightParagraphs = rightSegments.Select(s => s.Paragraph).Distinct().ToList(),
            LeftSegments = Enumerable.Range(bead.LeftStart, bead.LeftCount).ToList(),
            RightSegments = Enumerable.Range(bead.RightStart, bead.RightCount).ToList(),
            LeftText = leftText,
            RightText = rightText,
            Similarity = 0,
            Spans = [],
            LeftSpans = leftText.Length == 0 ? [] : [new DiffSpan(DiffSpanKind.Deleted, leftText, false)],
            RightSpans = rightText.Length == 0 ? [] : [new DiffSpan(DiffSpanKind.Inserted, rightText, false)],
            DifferingNumbers = [],
            DifferingNames = [],
        };
        if (kind is PairKind.LeftOnly or PairKind.RightOnly)
        {
            return pair;
        }

        var (leftStart, leftEnd) = l.Normalized(bead.LeftStart, bead.LeftCount);
        var (rightStart, rightEnd) = r.Normalized(bead.RightStart, bead.RightCount);
        var (spans, similarity, diffBounded) = WordDiff.Compare(l.Text.Text[leftStart..leftEnd], r.Text.Text[rightStart..rightEnd], budget);
        bounded |= diffBounded;
        var leftSpans = l.RawSpans(leftStart, leftEnd, spans.Where(s => s.Kind != DiffSpanKind.Inserted));
        var rightSpans = r.RawSpans(rightStart, rightEnd, spans.Where(s => s.Kind != DiffSpanKind.Deleted));
        return pair with
        {
            LeftText = string.Concat(leftSpans.Select(s => s.Text)),
            RightText = string.Concat(rightSpans.Select(s => s.Text)),
            Similarity = Math.Round(similarity, 4),
            Spans = spans,
            LeftSpans = leftSpans,
            RightSpans = rightSpans,
            DifferingNumbers = Differing(leftSegments, rightSegments, s => s.Numbers),
            DifferingNames = Differing(leftSegments, rightSegments, s => s.Names),
        };
    }

    /// <summary>
    /// Anchors of one side that appear nowhere among the other side's normalized words: a name in capitals, or
    /// opening a sentence, or with other diacritics is the same name; "1,000" is 1000.
    /// </summary>
    private static List<DifferingAnchor> Differing(List<Segment> left, List<Segment> right, Func<Segment, Dictionary<string, string>> anchors)
    {
        var leftWords = SentenceAligner.Union(left, s => s.Words);
        var rightWords = SentenceAligner.Union(right, s => s.Words);
        return
        [
            .. OneSide(left, rightWords, ComparedSide.Left),
            .. OneSide(right, leftWords, ComparedSide.Right),
        ];

        IEnumerable<DifferingAnchor> OneSide(List<Segment> side, HashSet<string> otherWords, ComparedSide name) => side
            .SelectMany(anchors)
            .Where(a => !otherWords.Contains(a.Key))
            .Select(a => a.Value)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(a => new DifferingAnchor(a, name));
    }

    private static OneSidedKind Classify(ComparedPair pair, bool edge)
    {
        var text = pair.Kind == PairKind.LeftOnly ? pair.LeftText : pair.RightText;
        var trimmed = text.Trim();
        if (trimmed.Length > 1 && ((trimmed[0] == '[' && trimmed[^1] == ']') || (trimmed[0] == '{' && trimmed[^1] == '}'))
            || trimmed.StartsWith("note", StringComparison.OrdinalIgnoreCase)
            || NoteNames.Any(name => trimmed.Contains(name, StringComparison.OrdinalIgnoreCase)))
        {
            return OneSidedKind.Note;
        }

        return edge && trimmed.Length <= MaxHeaderLength ? OneSidedKind.Header : OneSidedKind.Passage;
    }

    /// <summary>A raw passage as read: words broken at line ends rejoined, line breaks and runs of spaces as one space.</summary>
    internal static string Readable(string raw, bool trim = true)
    {
        var text = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c is '-' or '¬' && i > 0 && char.IsLetter(raw[i - 1]) && NextLineStartsWithLetter(raw, i, out var next))
            {
                i = next - 1;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                // A run of whitespace is one space; at the start only when the passage is not trimmed.
                if (text.Length > 0 ? text[^1] != ' ' : !trim)
                {
                    text.Append(' ');
                }

                continue;
            }

            text.Append(c);
        }

        return trim ? text.ToString().Trim() : text.ToString();
    }

    private static bool NextLineStartsWithLetter(string raw, int i, out int next)
    {
        next = i + 1;
        while (next < raw.Length && raw[next] is ' ' or '\t') { next++; }
        if (next >= raw.Length || raw[next] != '\n')
        {
            return false;
        }

        next++;
        while (next < raw.Length && raw[next] is ' ' or '\t') { next++; }
        // As the normalization's rule: a lower-case continuation, or a text in capitals.
        return next < raw.Length && (char.IsLower(raw[next]) || (char.IsUpper(raw[i - 1]) && char.IsUpper(raw[next])));
    }
}
