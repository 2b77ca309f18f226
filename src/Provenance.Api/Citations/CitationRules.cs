using Provenance.Api.Hosting;
using Provenance.Data.Entities;

namespace Provenance.Api.Citations;

/// <summary>
/// What makes a citation valid, for both ways one arrives: added to a document, or sent with a
/// submitted revision. Errors are named <c>{prefix}.{field}</c> (just <c>{field}</c> without a prefix).
/// </summary>
public static class CitationRules
{
    public static Citation Validate(Validation v, string prefix, CitationInput c, int maxYear)
    {
        string Name(string field) => prefix.Length == 0 ? field : $"{prefix}.{field}";

        CitationKind? kind = c.Kind?.Trim().ToLowerInvariant() switch
        {
            "archival" => CitationKind.Archival,
            "published" => CitationKind.Published,
            "editorial" => CitationKind.Editorial,
            _ => null,
        };
        if (kind is null)
        {
            v.Add(Name("kind"), $"{Name("kind")} is archival, published or editorial.");
        }

        var citation = new Citation
        {
            Kind = kind ?? CitationKind.Editorial,
            Text = v.Optional(Name("text"), c.Text, 4000),
            Archive = v.Optional(Name("archive"), c.Archive, 300),
            Collection = v.Optional(Name("collection"), c.Collection, 300),
            Fond = v.Optional(Name("fond"), c.Fond, 64),
            Opis = v.Optional(Name("opis"), c.Opis, 64),
            Delo = v.Optional(Name("delo"), c.Delo, 64),
            Locator = v.Optional(Name("locator"), c.Locator, 300),
            Title = v.Optional(Name("title"), c.Title, 1000),
            Publisher = v.Optional(Name("publisher"), c.Publisher, 300),
            Url = v.Optional(Name("url"), c.Url, 2048),
            Note = v.Optional(Name("note"), c.Note, 4000),
            Year = c.Year,
        };

        // Each kind names the one thing a reader needs to find the source again.
        var (requiredField, requiredValue, requiredRaw) = kind switch
        {
            CitationKind.Archival => ("archive", citation.Archive, c.Archive),
            CitationKind.Published => ("title", citation.Title, c.Title),
            CitationKind.Editorial => ("note", citation.Note, c.Note),
            _ => ("", "", ""),
        };
        if (requiredValue is null && string.IsNullOrWhiteSpace(requiredRaw))
        {
            v.Add(Name(requiredField), $"{Name(requiredField)} is required for a {kind.ToString()!.ToLowerInvariant()} citation.");
        }

        if (citation.Url is { } url
            && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            v.Add(Name("url"), $"{Name("url")} is an absolute http or https URL.");
        }

        if (c.Year is { } year && (year < 1 || year > maxYear))
        {
            v.Add(Name("year"), $"{Name("year")} is between 1 and {maxYear}.");
        }

        return citation;
    }
}
