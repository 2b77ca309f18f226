namespace Provenance.Import;

/// <summary>Recognizes the short header lines of archival documents: classification, copy number, handling.</summary>
public static class MarkingRules
{
    private static readonly HashSet<string> Phrases = new(StringComparer.OrdinalIgnoreCase)
    {
        "top secret", "secret", "confidential", "strictly secret", "strictly confidential", "restricted", "personal",
        "urgent", "very urgent", "immediate", "priority", "making copies prohibited", "copying prohibited",
        "copying forbidden", "not for publication", "not for the press", "special file", "of special importance",
        "for official use only", "eyes only", "personal and confidential", "personal and secret", "secret and personal",
        "declassified", "draft", "unofficial translation", "only copy", "single copy", "limited distribution",
        "совершенно секретно", "секретно", "особой важности", "особая папка", "лично", "срочно", "весьма срочно",
        "не для печати", "снятие копий запрещается", "копирование запрещено", "строго секретно", "для служебного пользования",
    };

    private static readonly string[] CopyWords = ["copy no", "copy nº", "copy №", "copy #", "copy", "ex.", "экз.", "экз", "экземпляр", "копия"];

    public static bool IsMarking(string line)
    {
        var text = line.Trim().TrimEnd('.', ' ');
        if (text.Length is 0 or > 60)
        {
            return false;
        }

        if (Phrases.Contains(text) || IsCopyNumber(text))
        {
            return true;
        }

        // "TOP SECRET - SPECIAL FILE", "Secret, Urgent"
        var parts = text.Split(['-', '–', '—', ',', '/'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 1 && parts.All(p => Phrases.Contains(p.TrimEnd('.')) || IsCopyNumber(p));
    }

    /// <summary>
    /// Markings run into the start of a one-line text, as the PDF export writes them ("TOP SECRET Making Copies
    /// Prohibited Copy No. 1 Telegram …"): the longest marking at each word, while there is one. The first must be
    /// written in capitals (a classification stamp), so a text that opens "Secret talks were …" keeps its words.
    /// </summary>
    public static (List<string> Markings, string Remainder) Leading(string text)
    {
        var markings = new List<string>();
        var words = text.Split(' ');
        var at = 0;
        while (at < words.Length - 1)
        {
            var taken = 0;
            for (var count = Math.Min(5, words.Length - 1 - at); count >= 1; count--)
            {
                var candidate = string.Join(' ', words, at, count);
                if (!candidate.Contains('\n', StringComparison.Ordinal) && IsMarking(candidate)
                    && (markings.Count > 0 || string.Equals(candidate, candidate.ToUpperInvariant(), StringComparison.Ordinal)))
                {
                    markings.Add(candidate);
                    taken = count;
                    break;
                }
            }

            if (taken == 0)
            {
                break;
            }

            at += taken;
        }

        return (markings, markings.Count == 0 ? text : string.Join(' ', words, at, words.Length - at));
    }

    private static bool IsCopyNumber(string text)
    {
        foreach (var word in CopyWords)
        {
            if (!text.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var rest = text[word.Length..].TrimStart(' ', '.', '#', '№', 'º').Trim();
            if (rest.StartsWith("no", StringComparison.OrdinalIgnoreCase))
            {
                rest = rest[2..].TrimStart(' ', '.', 'º');
            }

            if (rest.Length is > 0 and <= 6 && rest.All(char.IsAsciiDigit))
            {
                return true;
            }
        }

        return false;
    }
}
