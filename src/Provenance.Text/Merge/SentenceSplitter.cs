using System.Collections.Frozen;

namespace Provenance.Text.Merge;

/// <summary>
/// Splits text into sentence units that concatenate back to the input exactly: each unit carries the
/// whitespace after its terminator, and a newline always closes a unit.
/// Tuned for archival translations: initials ("R. Kennedy", "N.S. Khrushchev", "A. A. Gromyko"),
/// "U.S.", "Mr.", dates like "24.X.62" and the editorial doubt mark "[?]" do not end a sentence.
/// </summary>
internal static class SentenceSplitter
{
    private static readonly FrozenSet<string> Abbreviations = new[]
    {
        "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Col", "Lt", "Capt", "Adm", "Sgt", "Gov", "Sen", "Rep",
        "St", "Jr", "Sr", "No", "Nos", "Vol", "vol", "p", "pp", "cf", "vs", "ed", "eds", "trans", "approx",
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static List<string> Split(string text)
    {
        var units = new List<string>();
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                i++;
                units.Add(text[start..i]);
                start = i;
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

            units.Add(text[start..next]);
            start = next;
            i = next;
        }

        if (start < text.Length)
        {
            units.Add(text[start..]);
        }

        return units;
    }

    private static bool IsSentenceEnd(string text, int first, int end, int after)
    {
        // "24.X.62", "N.S.", "spokenOn": a terminator glued to the next word is not an end.
        if (after < text.Length && !char.IsWhiteSpace(text[after]))
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

            var length = first - wordStart;
            if (length == 1 && (char.IsUpper(text[wordStart]) || (wordStart > 0 && text[wordStart - 1] == '.')))
            {
                return false;
            }

            if (length > 0 && Abbreviations.Contains(text[wordStart..first]))
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

    private static bool IsCloser(char c) => c is '"' or '\'' or ')' or ']' or '»' or '”' or '’';
}
