using System.Collections.Frozen;

namespace Provenance.Text.Merge;

/// <summary>
/// The one sentence splitter, used by merge, blame and the comparison of translations. Units concatenate back to
/// the input exactly: each carries the whitespace after its terminator, and a newline always closes a unit.
/// Tuned for archival translations: initials ("R. Kennedy", "N.S. Khrushchev", "A. A. Gromyko"), abbreviations
/// ("U.S.", "Mr.", "cf. fol. 2"), dates like "24.X.62", an ellipsis for lost text, and the editorial doubt mark
/// "[?]" do not end a sentence.
/// </summary>
internal static class SentenceSplitter
{
    // Compared without case: the comparison splits texts that may be in capitals throughout.
    private static readonly FrozenSet<string> Abbreviations = new[]
    {
        "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "capt", "adm", "sgt", "gov", "sen", "rep", "st", "jr", "sr",
        "no", "nos", "vol", "p", "pp", "cf", "vs", "viz", "ibid", "ed", "eds", "tr", "trans", "rev", "fol", "fols", "mss",
        "ca", "approx", "dept", "ltd", "inc", "co", "gmt", "alt",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static List<string> Split(string text)
    {
        var units = new List<string>();
        var start = 0;
        foreach (var end in Ends(text))
        {
            units.Add(text[start..end]);
            start = end;
        }

        return units;
    }

    /// <summary>Where each unit of <see cref="Split"/> ends (exclusive), in order; the last one is the text's length.</summary>
    public static List<int> Ends(string text)
    {
        var ends = new List<int>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                ends.Add(++i);
                continue;
            }

            if (!IsTerminator(c))
            {
                i++;
                continue;
            }

            var end = i;
            while (end < text.Length && IsTerminator(text[end]))
            {
                end++;
            }

            var after = end;
            while (after < text.Length && IsCloser(text[after]))
            {
                after++;
            }

            if (!IsSentenceEnd(text, i, end, after))
            {
                i = after;
                continue;
            }

            var next = after;
            while (next < text.Length && text[next] != '\n' && char.IsWhiteSpace(text[next]))
            {
                next++;
            }

            if (next < text.Length && text[next] == '\n')
            {
                next++;
            }

            ends.Add(next);
            i = next;
        }

        if (ends.Count == 0 ? text.Length > 0 : ends[^1] < text.Length)
        {
            ends.Add(text.Length);
        }

        return ends;
    }

    private static bool IsSentenceEnd(string text, int first, int end, int after)
    {
        // "24.X.62", "N.S.", "spokenOn": a terminator glued to the next word is not an end; nor is "..." (lost text).
        if ((after < text.Length && !char.IsWhiteSpace(text[after])) || text.AsSpan(first, end - first).Count('.') > 1)
        {
            return false;
        }

        var single = end - first == 1;
        if (single && text[first] is '?' or '!' && first > 0 && text[first - 1] == '['
            && end < text.Length && text[end] == ']')
        {
            return false;
        }

        if (single && text[first] == '.')
        {
            var wordStart = first;
            while (wordStart > 0 && char.IsLetter(text[wordStart - 1]))
            {
                wordStart--;
            }

            // An initial, or an abbreviation.
            if (first - wordStart == 1 || (first > wordStart && Abbreviations.Contains(text[wordStart..first])))
            {
                return false;
            }
        }

        // A lower-case continuation means an abbreviation we do not know, or a quote inside a sentence.
        var next = after;
        while (next < text.Length && text[next] != '\n' && char.IsWhiteSpace(text[next]))
        {
            next++;
        }

        return next >= text.Length || !char.IsLower(text[next]);
    }

    private static bool IsTerminator(char c) => c is '.' or '?' or '!' or '…';

    private static bool IsCloser(char c) => c is '"' or '\'' or ')' or ']' or '}' or '»' or '”' or '’';
}
