using System.Globalization;

namespace Provenance.Import;

/// <summary>A date as a record writes it, with the calendar date it names and how precisely.</summary>
public sealed record RecordDate(string Text, DateOnly? Date, DatePrecision Precision, bool IsApproximate)
{
    private static readonly string[] MonthNames =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    // Words that qualify a date without changing which date it is.
    private static readonly HashSet<string> ApproximateWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "c", "ca", "circa", "approximately", "approx", "about", "around", "early", "mid", "late", "before", "after",
        "spring", "summer", "autumn", "fall", "winter", "undated", "not", "later", "than", "no",
    };

    private static readonly HashSet<string> NeutralWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "and", "to", "or", "of", "the", "on", "between", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "st", "nd", "rd", "th",
    };

    /// <summary>Parses "October 24, 1962", "24 October 1962", "October 1962", "1962", "c. 1962", "1962-10-24".</summary>
    public static RecordDate Parse(string? text)
    {
        var written = text?.Trim() ?? string.Empty;
        var unknown = new RecordDate(written, null, DatePrecision.Unknown, false);
        if (written.Length is 0 or > 100)
        {
            return unknown;
        }

        var core = written.Trim('[', ']', ' ', '.', ',');
        if (DateOnly.TryParseExact(core, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso))
        {
            return new RecordDate(written, iso, DatePrecision.Day, false);
        }

        var tokens = Tokenize(core);
        int? year = null, month = null, day = null;
        var monthIndex = -1;
        var approximate = false;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (char.IsAsciiDigit(token[0]))
            {
                var digits = StripOrdinalSuffix(token);
                if (digits is null)
                {
                    return unknown; // "1960s" names a decade, not a date
                }

                if (digits.Length == 4 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1000 and <= 2999)
                {
                    year ??= y;
                }

                continue;
            }

            var m = MonthOf(token);
            if (m is not null)
            {
                if (month is null)
                {
                    month = m;
                    monthIndex = i;
                }

                continue;
            }

            if (ApproximateWords.Contains(token))
            {
                approximate = true;
                continue;
            }

            if (!NeutralWords.Contains(token))
            {
                return unknown;
            }
        }

        if (year is null)
        {
            return unknown;
        }

        if (month is not null)
        {
            // The day sits next to the month: "October 24" or "24 October".
            day = DayAt(tokens, monthIndex + 1) ?? DayAt(tokens, monthIndex - 1);
        }

        if (month is null)
        {
            return new RecordDate(written, new DateOnly(year.Value, 1, 1), DatePrecision.Year, approximate);
        }

        if (day is null || day > DateTime.DaysInMonth(year.Value, month.Value))
        {
            return new RecordDate(written, new DateOnly(year.Value, month.Value, 1), DatePrecision.Month, approximate);
        }

        return new RecordDate(written, new DateOnly(year.Value, month.Value, day.Value), DatePrecision.Day, approximate);
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWordChar = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (isWordChar && start < 0)
            {
                start = i;
            }
            else if (!isWordChar && start >= 0)
            {
                tokens.Add(text[start..i]);
                start = -1;
            }
        }

        return tokens;
    }

    private static string? StripOrdinalSuffix(string token)
    {
        var end = 0;
        while (end < token.Length && char.IsAsciiDigit(token[end]))
        {
            end++;
        }

        var suffix = token[end..];
        return suffix.Length == 0 || NeutralWords.Contains(suffix) && end <= 2 ? token[..end] : null;
    }

    private static int? MonthOf(string token)
    {
        var word = token.ToUpperInvariant();
        if (word.Length < 3)
        {
            return null;
        }

        for (var i = 0; i < MonthNames.Length; i++)
        {
            var name = MonthNames[i].ToUpperInvariant();
            // Full name, or an abbreviation of at least three letters ("Oct", "Sept").
            if (name.StartsWith(word, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return null;
    }

    private static int? DayAt(List<string> tokens, int index)
    {
        if (index < 0 || index >= tokens.Count || !char.IsAsciiDigit(tokens[index][0]))
        {
            return null;
        }

        var digits = StripOrdinalSuffix(tokens[index]);
        return digits is { Length: <= 2 } && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d is >= 1 and <= 31
            ? d
            : null;
    }
}
