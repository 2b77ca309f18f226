using System.Text.RegularExpressions;

namespace Provenance.Api.Documents;

/// <summary>
/// BCP 47 language tags (RFC 5646): well-formedness by the RFC's ABNF, so three-letter ISO 639-3
/// subtags such as <c>jrb</c> (Judeo-Arabic) and private use (<c>en-x-test</c>) pass, and
/// case put in the RFC's canonical form (<c>zh-Hant-TW</c>). .NET's CultureInfo knows only the
/// cultures its ICU data has, which leaves out most ISO 639-3 languages, so it cannot be the check.
/// </summary>
public static partial class LanguageTag
{
    /// <summary>The column's length, and RFC 5646's advice for the longest tag worth storing.</summary>
    public const int MaxLength = 35;

    [GeneratedRegex("""
        ^(?:
          (?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})   # language, extlang
          (?:-[a-z]{4})?                                  # script
          (?:-(?:[a-z]{2}|[0-9]{3}))?                     # region
          (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*        # variants
          (?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*            # extensions
          (?:-x(?:-[a-z0-9]{1,8})+)?                      # private use
        | x(?:-[a-z0-9]{1,8})+
        )$
        """, RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex WellFormed();

    /// <summary>The tag in canonical case, or null when it is not a well-formed BCP 47 tag.</summary>
    public static string? Canonical(string? tag)
    {
        var trimmed = tag?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLength || !WellFormed().IsMatch(trimmed))
        {
            return null;
        }

        var parts = trimmed.ToLowerInvariant().Split('-');
        for (var i = 1; i < parts.Length; i++)
        {
            if (parts[i - 1].Length == 1)
            {
                break; // after an extension or private-use singleton everything stays lower case
            }

            parts[i] = parts[i].Length switch
            {
                2 => parts[i].ToUpperInvariant(),
                4 when char.IsLetter(parts[i][0]) => char.ToUpperInvariant(parts[i][0]) + parts[i][1..],
                _ => parts[i],
            };
        }

        return string.Join('-', parts);
    }

    /// <summary>Adds a 422 naming <paramref name="field"/> unless the tag is well formed; returns the canonical tag.</summary>
    public static string? Validate(Hosting.Validation v, string field, string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            v.Add(field, $"{field} is required: a BCP 47 language tag such as en, ru or jrb.");
            return null;
        }

        var canonical = Canonical(tag);
        if (canonical is null)
        {
            v.Add(field, $"{field} \"{Truncate(tag)}\" is not a BCP 47 language tag (e.g. en, en-GB, jrb, zh-Hant).");
        }

        return canonical;
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
