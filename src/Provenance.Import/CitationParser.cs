using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Provenance.Import;

/// <summary>
/// The parts of a Wilson Center citation:
/// "\"Title\", Date, Wilson Center Digital Archive, Source chain; translation by X &lt;URL&gt;".
/// </summary>
internal sealed record CitationParts(
    string Text,
    string? Title,
    string? DateText,
    string? PublisherName,
    string? Url,
    string? RecordId,
    string? SourceText)
{
    public const string WilsonCenter = "Wilson Center Digital Archive";

    // The archive's older name appears in citations made before 2013.
    private static readonly string[] PublisherNames =
        [WilsonCenter, "History and Public Policy Program Digital Archive", "Wilson Center"];

    public static CitationParts Read(Block block, MarkupMap map) => Read(map.BlockText(block), LinkIn(block));

    /// <summary>A citation's text, and the link of the block it was written in, if any.</summary>
    public static CitationParts Read(string text, string? link)
    {
        var url = link ?? BareUrl(text);
        var rest = url is null ? text : text.Replace(url, string.Empty, StringComparison.Ordinal).Trim();

        string? title = null;
        var afterTitle = rest;
        if (rest.Length > 1 && rest[0] is '"' or '“')
        {
            // "Title", … or, as the PDF export writes it, “Title,” … (the comma inside the quotes).
            var close = -1;
            foreach (var end in (string[])["\",", "”,", ",”", ",\"", ".”"])
            {
                var at = rest.IndexOf(end, 1, StringComparison.Ordinal);
                if (at > 0)
                {
                    close = end[0] is ',' or '.' ? at + 1 : at;
                    break;
                }
            }

            if (close < 0)
            {
                close = rest.LastIndexOfAny(['"', '”']);
            }

            if (close > 1)
            {
                title = rest[1..close].Trim().TrimEnd(',', '.').TrimEnd();
                afterTitle = rest[(close + 1)..].TrimStart(',', ' ');
            }
        }

        string? publisher = null, dateText = null, sourceText = null;
        foreach (var name in PublisherNames)
        {
            var at = afterTitle.IndexOf(name, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                continue;
            }

            publisher = WilsonCenter;
            dateText = afterTitle[..at].Trim(' ', ',');
            sourceText = afterTitle[(at + name.Length)..].Trim(' ', ',', ';', '.');
            break;
        }

        if (publisher is null)
        {
            dateText = LeadingDate(afterTitle);
            if (url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri)
                && uri.Host.EndsWith("wilsoncenter.org", StringComparison.OrdinalIgnoreCase))
            {
                publisher = WilsonCenter;
            }
        }

        return new CitationParts(
            text,
            string.IsNullOrWhiteSpace(title) ? null : title,
            string.IsNullOrWhiteSpace(dateText) ? null : dateText,
            publisher,
            url,
            url is null ? null : RecordIdOf(url),
            string.IsNullOrWhiteSpace(sourceText) ? null : sourceText);
    }

    /// <summary>The segment after "/document/", else the last path segment.</summary>
    public static string? RecordIdOf(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var document = Array.FindIndex(segments, s => s.Equals("document", StringComparison.OrdinalIgnoreCase));
        if (document >= 0 && document + 1 < segments.Length)
        {
            return Uri.UnescapeDataString(segments[document + 1]);
        }

        return segments.Length > 0 ? Uri.UnescapeDataString(segments[^1]) : null;
    }

    private static string? LeadingDate(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        for (var count = Math.Min(2, parts.Length); count >= 1; count--)
        {
            var candidate = string.Join(", ", parts.Take(count));
            if (RecordDate.Parse(candidate).Precision != DatePrecision.Unknown)
            {
                return candidate;
            }
        }

        return null;
    }

    public static string? LinkIn(Block block)
    {
        if (block is not LeafBlock { Inline: { } inline })
        {
            return null;
        }

        foreach (var child in inline.Descendants())
        {
            switch (child)
            {
                case AutolinkInline { IsEmail: false } autolink when IsHttp(autolink.Url):
                    return autolink.Url;
                case LinkInline { IsImage: false } link when IsHttp(link.Url):
                    return link.Url;
            }
        }

        return null;
    }

    private static string? BareUrl(string text)
    {
        var at = text.IndexOf("https://", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            at = text.IndexOf("http://", StringComparison.OrdinalIgnoreCase);
        }

        if (at < 0)
        {
            return null;
        }

        var end = at;
        while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not ('>' or ')' or ']'))
        {
            end++;
        }

        var url = text[at..end].TrimEnd('.', ',', ';');
        return IsHttp(url) ? url : null;
    }

    private static bool IsHttp(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
