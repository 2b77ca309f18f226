using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;

namespace Provenance.Text.Comparison;

/// <summary>One thing the comparison normalization ignored in a text, and how often.</summary>
/// <param name="Step">Stable name: <c>typography</c>, <c>ocr-noise</c>, <c>transliteration-marks</c>,
/// <c>editorial-brackets</c>, <c>hyphenation</c>, <c>reflow</c>, <c>case-folding</c>.</param>
public sealed record NormalizationStep(string Step, int Count, string Detail);

/// <summary>
/// A text prepared for comparing only (stored texts stay as they are): every character of <see cref="Text"/>
/// knows the raw character it came from (<see cref="SourceIndex"/>), so differences found here are shown on the
/// raw text. Paragraphs are separated by one line feed; lines inside a paragraph are joined.
/// </summary>
public sealed class ComparisonText
{
    private ComparisonText()
    {
    }

    public required string Raw { get; init; }

    public required string Text { get; init; }

    /// <summary>For each character of <see cref="Text"/>, the index in <see cref="Raw"/> it stands for.</summary>
    public required int[] SourceIndex { get; init; }

    public required IReadOnlyList<NormalizationStep> Steps { get; init; }

    /// <summary>The raw text has (almost) no lower-case letters, as teletype and telegram texts: its capitals say nothing about names.</summary>
    [JsonIgnore]
    public required bool AllCapitals { get; init; }

    /// <summary><see cref="Text"/> before case folding, character for character: where sentences end is read from its capitals.</summary>
    internal string Cased { get; private init; } = "";

    /// <summary>Raw index where normalized position <paramref name="position"/> starts (the raw end for the text's end).</summary>
    public int RawAt(int position) => position < SourceIndex.Length ? SourceIndex[position] : Raw.Length;

    public static ComparisonText Prepare(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        raw = TextNormalizer.Normalize(raw);
        var counts = new Counts();
        var allCapitals = IsAllCapitals(raw);
        var chars = Characters(raw, counts);
        var (text, map, wrapWidth) = Lines(chars, allCapitals, counts);

        // Case folding last: the line rules above read capitals (a lower-case line start continues a sentence).
        var folded = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var lower = char.ToLowerInvariant(c);
            counts.Folded += lower != c ? 1 : 0;
            folded.Append(lower);
        }

        var steps = new List<NormalizationStep>();
        Add("typography", counts.Typography, "curly quotes, guillemets, dashes (and -- ), ellipses, ligatures and odd spaces written one way");
        Add("ocr-noise", counts.Noise, "replacement characters, control and zero-width characters, stray ¬ at line ends dropped");
        Add("transliteration-marks", counts.Marks, "diacritics on Latin letters (ā, ṭ) and ʿ ʾ half rings ignored");
        Add("editorial-brackets", counts.Brackets, "square brackets of editors' reconstructions and insertions ignored; the words inside are compared");
        Add("hyphenation", counts.Hyphenation, "words broken with a hyphen at a line end joined");
        Add("reflow", counts.Reflow, wrapWidth > 0
            ? $"hard-wrapped lines (about {wrapWidth} characters wide) and sentences broken across lines joined into paragraphs"
            : "sentences broken across lines or blank lines joined");
        Add("case-folding", counts.Folded, allCapitals ? "letters compared without case; this text is in capitals throughout" : "letters compared without case");
        return new ComparisonText { Raw = raw, Text = folded.ToString(), SourceIndex = map, Steps = steps, AllCapitals = allCapitals, Cased = text };

        void Add(string name, int count, string detail)
        {
            if (count > 0)
            {
                steps.Add(new NormalizationStep(name, count, detail));
            }
        }
    }

    private sealed class Counts
    {
        public int Typography;
        public int Noise;
        public int Marks;
        public int Hyphenation;
        public int Reflow;
        public int Folded;
        public int Brackets;
    }

    private static bool IsAllCapitals(string raw)
    {
        var upper = raw.Count(char.IsUpper);
        return upper >= 20 && raw.Count(char.IsLower) * 50 < upper;
    }

    /// <summary>Character rules: typographic variants, recognizable OCR noise, transliteration marks.</summary>
    private static List<(char C, int Source)> Characters(string raw, Counts counts)
    {
        var output = new List<(char, int)>(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            switch (c)
            {
                case '\n':
                    output.Add((c, i));
                    continue;
                case '\t':
                    output.Add((' ', i));
                    continue;
                case '\uFFFD' or '\u00AD' or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF':
                    counts.Noise++;
                    continue;
                case '¬' when NextIsLineEnd(raw, i):
                    counts.Noise++;
                    output.Add(('-', i));
                    continue;
                case '‘' or '’' or '‚' or '‛' or '′' or '`' or '´':
                    counts.Typography++;
                    output.Add(('\'', i));
                    continue;
                case '“' or '”' or '„' or '‟' or '″' or '«' or '»' or '〝' or '〞':
                    counts.Typography++;
                    output.Add(('"', i));
                    continue;
                case '‐' or '‑' or '‒' or '–' or '—' or '―' or '−' or '⸺' or '⸻':
                    counts.Typography++;
                    output.Add(('-', i));
                    continue;
                case '-' when i + 1 < raw.Length && raw[i + 1] == '-':
                    // Typewriter and teletype dash "--".
                    counts.Typography++;
                    output.Add(('-', i));
                    while (i + 1 < raw.Length && raw[i + 1] == '-') { i++; }
                    continue;
                case '…':
                    counts.Typography++;
                    output.AddRange([('.', i), ('.', i), ('.', i)]);
                    continue;
                case 'ﬀ' or 'ﬁ' or 'ﬂ' or 'ﬃ' or 'ﬄ' or 'ﬅ' or 'ﬆ' or 'ſ':
                    counts.Typography++;
                    foreach (var part in c == 'ſ' ? "s" : c.ToString().Normalize(NormalizationForm.FormKC))
                    {
                        output.Add((part, i));
                    }

                    continue;
                case 'ʾ' or 'ʿ' or 'ʻ' or 'ʼ':
                    counts.Marks++;
                    continue;
                case '[' or ']':
                    // Editorial brackets ("hon[o]rs", "[God]"): the words inside are compared, the brackets are not.
                    counts.Brackets++;
                    continue;
            }

            if (char.IsControl(c))
            {
                counts.Noise++;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                counts.Typography += c == ' ' ? 0 : 1;
                output.Add((' ', i));
                continue;
            }

            if (IsLatin(c) && c > '\u007F')
            {
                var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
                if (decomposed.Length > 1)
                {
                    counts.Marks++;
                    foreach (var part in decomposed)
                    {
                        if (CharUnicodeInfo.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark)
                        {
                            output.Add((part, i));
                        }
                    }

                    continue;
                }
            }

            output.Add((c, i));
        }

        return output;
    }

    private static bool NextIsLineEnd(string text, int i) => text.AsSpan(i + 1).TrimStart(" \t") is var rest && (rest.IsEmpty || rest[0] == '\n');

    private static bool IsLatin(char c) => c is >= '\u00C0' and <= '\u024F' or >= '\u1E00' and <= '\u1EFF';

    /// <summary>
    /// Line rules: hyphenated line ends joined; a line break inside a paragraph joined when the text is hard-wrapped
    /// and the line runs to the wrap width, or when the sentence visibly goes on (no sentence end before it, a
    /// lower-case letter or digit after it). Every other line break, and every run of blank lines, ends a paragraph.
    /// </summary>
    private static (string Text, int[] Map, int WrapWidth) Lines(List<(char C, int Source)> chars, bool allCapitals, Counts counts)
    {
        var lines = new List<(int Start, int End, bool BlankBefore)>();
        var blank = false;
        for (int start = 0, i = 0; i <= chars.Count; i++)
        {
            if (i == chars.Count || chars[i].C == '\n')
            {
                int s = start, e = i;
                while (s < e && chars[s].C == ' ') { s++; }
                while (e > s && chars[e - 1].C == ' ') { e--; }
                if (s == e)
                {
                    blank = true;
                }
                else
                {
                    lines.Add((s, e, blank && lines.Count > 0));
                    blank = false;
                }

                start = i + 1;
            }
        }

        var wrapWidth = WrapWidth(lines.Select(l => l.End - l.Start).ToList());
        var text = new StringBuilder(chars.Count);
        var map = new List<int>(chars.Count);
        for (var k = 0; k < lines.Count; k++)
        {
            var (start, end, _) = lines[k];
            if (k > 0)
            {
                var (previousStart, previousEnd, _) = lines[k - 1];
                var indented = start > 0 && chars[start - 1].C == ' ' && !lines[k].BlankBefore;
                var separator = Break(chars, previousStart, previousEnd, start, lines[k].BlankBefore, indented, wrapWidth, allCapitals);
                if (separator == LineBreak.Hyphenated)
                {
                    counts.Hyphenation++;
                    // Drop the hyphen that was already written.
                    text.Length--;
                    map.RemoveAt(map.Count - 1);
                }
                else if (separator == LineBreak.Joined)
                {
                    counts.Reflow++;
                    text.Append(' ');
                    map.Add(chars[previousEnd].Source);
                }
                else
                {
                    text.Append('\n');
                    map.Add(chars[previousEnd].Source);
                }
            }

            var space = -1;
            for (var i = start; i < end; i++)
            {
                var (c, source) = chars[i];
                if (c == ' ')
                {
                    space = space < 0 ? source : space;
                    continue;
                }

                if (space >= 0)
                {
                    text.Append(' ');
                    map.Add(space);
                    space = -1;
                }

                text.Append(c);
                map.Add(source);
            }
        }

        return (text.ToString(), [.. map], wrapWidth);
    }

    private enum LineBreak
    {
        Paragraph,
        Joined,
        Hyphenated,
    }

    private static LineBreak Break(List<(char C, int Source)> chars, int previousStart, int previousEnd, int start, bool blankBefore, bool indented, int wrapWidth, bool allCapitals)
    {
        var last = chars[previousEnd - 1].C;
        var first = chars[start].C;
        var continues = char.IsLower(first) || char.IsDigit(first) || (allCapitals && char.IsLetter(first));
        if (!blankBefore && last == '-' && previousEnd - previousStart >= 2 && char.IsLetter(chars[previousEnd - 2].C) && char.IsLetter(first)
            && (char.IsLower(first) || allCapitals))
        {
            return LineBreak.Hyphenated;
        }

        var endsSentence = EndsSentence(chars, previousStart, previousEnd);
        if (indented && !blankBefore)
        {
            return LineBreak.Paragraph;
        }

        if (wrapWidth > 0 && !blankBefore)
        {
            var full = previousEnd - previousStart >= wrapWidth * 0.75;
            return full || (!endsSentence && continues) ? LineBreak.Joined : LineBreak.Paragraph;
        }

        // A sentence that runs over a line break, or a blank line (manuscript line by line, a page break), goes on in lower case.
        return !endsSentence && (char.IsLower(first) || char.IsDigit(first)) ? LineBreak.Joined : LineBreak.Paragraph;
    }

    private static bool EndsSentence(List<(char C, int Source)> chars, int start, int end)
    {
        var i = end - 1;
        while (i > start && chars[i].C is '"' or '\'' or ')' or ']' or '}')
        {
            i--;
        }

        return chars[i].C is '.' or '!' or '?' or ':' or ';';
    }

    /// <summary>
    /// The width a text was hard-wrapped at, or 0: at least five lines, and most lines that are followed by
    /// another line of the same paragraph end within a few characters of one width (typewriter, teletype, OCR).
    /// </summary>
    private static int WrapWidth(List<int> lengths)
    {
        if (lengths.Count < 5)
        {
            return 0;
        }

        var sorted = lengths.Order().ToList();
        var width = sorted[(int)(sorted.Count * 0.9)];
        if (width is < 30 or > 110)
        {
            return 0;
        }

        var near = lengths.Count(l => l >= width * 0.8 && l <= width * 1.1);
        return near * 2 >= lengths.Count ? width : 0;
    }
}
