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
            return new ContentsLine(text.Length == 0 ? null : Lower(text), null);
        }

        var kind = text[..dash].Trim();
        var language = LanguageTags.FromName(text[(dash + 1)..].Trim());
        return kind.Length == 0 ? new ContentsLine(null, language) : new ContentsLine(Lower(kind), language);
    }

    // Kinds are stored as lower-case words ("translation", "original", "transcript").
    private static string Lower(string text) => string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
