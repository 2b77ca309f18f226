namespace Provenance.Import;

/// <summary>One line of the Contents section: "Translation - English" → kind "translation", language "en".</summary>
internal sealed record ContentsLine(string? Kind, string? Language)
{
    public static ContentsLine Read(string line)
    {
        var text = line.Trim();
        var dash = text.IndexOfAny(['-', '–', '—']);
        if (dash <= 0)
        {
            return LanguageFirst(text) ?? new ContentsLine(text.Length == 0 ? null : Lower(text), null);
        }

        var kind = text[..dash].Trim();
        var language = LanguageTags.FromName(text[(dash + 1)..].Trim());
        return kind.Length == 0 ? new ContentsLine(null, language) : new ContentsLine(Lower(kind), language);
    }

    private static readonly string[] Kinds = ["translation", "original", "transcript", "transcription"];

    /// <summary>The PDF export's "English Translation", "Russian Original": language first, no dash.</summary>
    private static ContentsLine? LanguageFirst(string text)
    {
        var space = text.LastIndexOf(' ');
        if (space <= 0 || !Kinds.Contains(text[(space + 1)..].ToLowerInvariant(), StringComparer.Ordinal))
        {
            return null;
        }

        return LanguageTags.FromName(text[..space].Trim()) is { } language ? new ContentsLine(Lower(text[(space + 1)..]), language) : null;
    }

    // Kinds are stored as lower-case words ("translation", "original", "transcript").
    private static string Lower(string text) => string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
