using System.Globalization;
using Provenance.Text.Merge;

namespace Provenance.Text.Comparison;

/// <summary>
/// One sentence of a <see cref="ComparisonText"/> with what the aligner scores: its length, its words, and its
/// anchors (numbers, months, quoted words and names), which survive translation best.
/// </summary>
internal sealed class Segment
{
    // Not "may" (the verb outnumbers the month).
    private static readonly Dictionary<string, string> Months = new(StringComparer.Ordinal)
    {
        ["january"] = "1", ["jan"] = "1", ["february"] = "2", ["feb"] = "2", ["march"] = "3", ["april"] = "4", ["apr"] = "4",
        ["june"] = "6", ["jun"] = "6", ["july"] = "7", ["jul"] = "7", ["august"] = "8", ["aug"] = "8",
        ["september"] = "9", ["sep"] = "9", ["sept"] = "9", ["october"] = "10", ["oct"] = "10", ["november"] = "11",
        ["nov"] = "11", ["december"] = "12", ["dec"] = "12",
    };

    private Segment(ComparisonText source, int start, int end, int paragraph)
    {
        Start = start;
        End = end;
        Paragraph = paragraph;
        Text = source.Text[start..end];
        var quoted = false;
        var first = true;
        var previous = ' ';
        for (var i = start; i < end;)
        {
            var c = source.Text[i];
            if (c == '"')
            {
                quoted = !quoted;
            }

            if (!char.IsLetterOrDigit(c))
            {
                if (!char.IsWhiteSpace(c))
                {
                    previous = c;
                }

                i++;
                continue;
            }

            var wordEnd = WordEnd(source.Text, i, end);
            var word = source.Text[i..wordEnd];
            var number = char.IsDigit(word[0]);
            var key = number ? Number(word) : word;
            Words.Add(key);
            WordCount++;
            if (number)
            {
                Anchors.Add(key);
                Numbers.TryAdd(key, word);
            }
            else if (Months.TryGetValue(word, out var month))
            {
                Words.Add("month:" + month);
                Anchors.Add("month:" + month);
            }
            else
            {
                if (word.Length >= 4)
                {
                    ContentWords.Add(word);
                }

                if (quoted && word.Length >= 3)
                {
                    Anchors.Add(word);
                }

                // A capital after the sentence start marks a name, unless the whole text is in capitals. A period
                // inside a sentence follows an initial or an abbreviation ("N.S. Khrushchev", "Mr. David").
                var raw = source.Raw[source.RawAt(i)..(source.RawAt(wordEnd - 1) + 1)];
                if (!source.AllCapitals && !first && previous is not ('!' or '?' or ':' or '"' or '(' or '-')
                    && word.Length >= 2 && char.IsUpper(raw[0]))
                {
                    Anchors.Add(word);
                    Names.TryAdd(word, raw);
                }
            }

            first = false;
            previous = ' ';
            i = wordEnd;
        }
    }

    /// <summary>Position in <see cref="ComparisonText.Text"/>.</summary>
    public int Start { get; }

    public int End { get; }

    /// <summary>0-based paragraph of the normalized text.</summary>
    public int Paragraph { get; }

    /// <summary>Normalized text (folded, reflowed).</summary>
    public string Text { get; }

    public int Length => Text.Length;

    public int WordCount { get; }

    /// <summary>Every normalized word, numbers without separators, months also as <c>month:N</c>.</summary>
    public HashSet<string> Words { get; } = new(StringComparer.Ordinal);

    /// <summary>Words of four letters or more: short words are mostly function words that blur unrelated sentences.</summary>
    public HashSet<string> ContentWords { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Anchors { get; } = new(StringComparer.Ordinal);

    /// <summary>Number key → the number as written.</summary>
    public Dictionary<string, string> Numbers { get; } = new(StringComparer.Ordinal);

    /// <summary>Folded name → the name as written in the raw text.</summary>
    public Dictionary<string, string> Names { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Sentences of every paragraph, by the one sentence splitter over the text before case folding (a lower-case
    /// continuation does not end a sentence); a paragraph end always ends a sentence.
    /// </summary>
    public static List<Segment> Split(ComparisonText text)
    {
        var segments = new List<Segment>();
        var (s, paragraph, start) = (text.Text, 0, 0);
        foreach (var end in SentenceSplitter.Ends(text.Cased))
        {
            int from = start, to = end;
            while (from < to && s[from] == ' ') { from++; }
            while (to > from && s[to - 1] is ' ' or '\n') { to--; }
            if (to > from)
            {
                segments.Add(new Segment(text, from, to, paragraph));
            }

            paragraph += s[end - 1] == '\n' ? 1 : 0;
            start = end;
        }

        return segments;
    }

    private static int WordEnd(string s, int i, int end)
    {
        var j = i;
        while (j < end)
        {
            if (char.IsLetterOrDigit(s[j]) || CharUnicodeInfo.GetUnicodeCategory(s[j]) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                j++;
            }
            else if (j + 1 < end && char.IsLetterOrDigit(s[j + 1]) && j > i
                && (s[j] == '\'' || (s[j] is ',' or '.' && char.IsDigit(s[j - 1]) && char.IsDigit(s[j + 1]))))
            {
                j += 2; // "don't", "1,000", "3.5"
            }
            else
            {
                break;
            }
        }

        return j;
    }

    /// <summary>"1,000" and "1000" are one number.</summary>
    private static string Number(string word) => word.Replace(",", "", StringComparison.Ordinal);
}
