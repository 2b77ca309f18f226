using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Provenance.Data;
using Provenance.Data.Entities;

namespace Provenance.Api.Citations;

/// <summary>Renders how to cite a document (and, pinned, one revision of its translation) in Chicago, CSL-JSON or BibTeX.</summary>
public static class CitationExport
{
    public const string CslJsonMediaType = "application/vnd.citationstyles.csl+json";
    public const string BibTeXMediaType = "application/x-bibtex";

    public static async Task<Results<ContentHttpResult, NotFound, ValidationProblem>> Export(
        long id, string? style, long? revision, long? translation, ProvenanceDbContext db, TimeProvider time, CancellationToken ct)
    {
        var chosen = (style ?? "chicago").Trim().ToLowerInvariant();
        if (chosen is not ("chicago" or "csl-json" or "bibtex"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["style"] = ["style is one of chicago, csl-json, bibtex."] });
        }

        var document = await db.Documents.AsNoTracking()
            .Include(d => d.Archive)
            .Include(d => d.Custody)
            .Include(d => d.Translations).ThenInclude(t => t.Translator)
            .AsSplitQuery()
            .FirstOrDefaultAsync(d => d.Id == id, ct);
        if (document is null)
        {
            return TypedResults.NotFound();
        }

        Revision? pinned = null;
        if (revision is { } revisionId)
        {
            pinned = await db.Revisions.AsNoTracking().FirstOrDefaultAsync(r => r.Id == revisionId && r.Translation!.DocumentId == id, ct);
            if (pinned is null)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["revision"] = [$"revision {revisionId} is not a revision of document {id}."] });
            }
        }

        var archival = await db.Citations.AsNoTracking()
            .Where(c => c.DocumentId == id && c.RetractedAt == null && c.Kind == CitationKind.Archival)
            .OrderBy(c => c.Id)
            .FirstOrDefaultAsync(ct);
        Translation? chosenTranslation = null;
        if (translation is { } translationId)
        {
            chosenTranslation = document.Translations.FirstOrDefault(t => t.Id == translationId);
            if (chosenTranslation is null || (pinned is not null && pinned.TranslationId != translationId))
            {
                var why = chosenTranslation is null ? $"translation {translationId} is not a translation of document {id}." : $"revision {pinned!.Id} is not a revision of translation {translationId}.";
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["translation"] = [why] });
            }
        }

        var facts = new CitationFacts(document, Cited(document, pinned, chosenTranslation), pinned, archival, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        return chosen switch
        {
            "csl-json" => TypedResults.Text(CslJson(facts), CslJsonMediaType, Encoding.UTF8),
            "bibtex" => TypedResults.Text(BibTeX(facts), BibTeXMediaType, Encoding.UTF8),
            _ => TypedResults.Text(Chicago(facts), "text/plain", Encoding.UTF8),
        };
    }

    /// <summary>
    /// The translations a citation credits: the one a revision pins or the one chosen, else every translation of
    /// the document (a reader citing the record, not one rendering of it, cites all its translators); the
    /// original-language transcription only when there is no translation.
    /// </summary>
    private static List<Translation> Cited(Document document, Revision? pinned, Translation? chosen)
    {
        if (pinned is not null)
        {
            return [document.Translations.First(t => t.Id == pinned.TranslationId)];
        }

        if (chosen is not null)
        {
            return [chosen];
        }

        var translations = document.Translations.Where(t => t.Kind == TranslationKinds.Translation).OrderBy(t => t.Id).ToList();
        return translations.Count > 0 ? translations : [.. document.Translations.OrderBy(t => t.Id).Take(1)];
    }

    /// <summary>What every style says, gathered once.</summary>
    public sealed record CitationFacts(Document Document, IReadOnlyList<Translation> Translations, Revision? Revision, Citation? Archival, DateOnly Accessed)
    {
        /// <summary>Translators of the cited translations, each once, in the order their translations were added.</summary>
        public IReadOnlyList<Contributor> Translators => Translations
            .Where(t => t.Kind == TranslationKinds.Translation && t.Translator is not null)
            .Select(t => t.Translator!)
            .DistinctBy(c => c.Name, StringComparer.Ordinal)
            .ToList();

        /// <summary>The language of the cited text; none when the cited translations differ.</summary>
        public string? Language => Translations.Select(t => t.Language).Distinct(StringComparer.Ordinal).ToList() is [var only] ? only : null;

        public string? ArchiveName => Document.Archive is { } a
            ? (string.Equals(a.Name, a.Code, StringComparison.Ordinal) ? a.Name : $"{a.Name} ({a.Code})")
            : Archival?.Archive;

        public string? ArchiveLocation => Document.ArchivalReference ?? (Archival is null ? null : CitationView.ArchiveLocation(Archival));

        /// <summary>Later custody links, e.g. <c>copy courtesy of NSA</c>; the first is the holding archive.</summary>
        public IReadOnlyList<string> Custody => Document.Custody.OrderBy(c => c.Order).Skip(Document.Archive is null ? 0 : 1)
            .Select(c => $"{c.Relation} {c.Holder}".Trim()).ToList();

        public string? RevisionNote => Revision is null ? null
            : $"revision {Revision.Number.ToString(CultureInfo.InvariantCulture)}, SHA-256 {Revision.Sha256}";

        public string Key => $"provenance-doc{Document.Id.ToString(CultureInfo.InvariantCulture)}" +
            (Revision is null ? "" : $"-rev{Revision.Number.ToString(CultureInfo.InvariantCulture)}");
    }

    public static string Chicago(CitationFacts f)
    {
        var d = f.Document;
        var parts = new List<string> { $"\u201C{TitleBeforeComma(d.Title)}\u201D {d.DateText ?? Documents.IsoDate.Format(d.Date, d.DatePrecision) ?? "n.d."}" };
        if (f.ArchiveName is { } archive)
        {
            parts.Add(f.ArchiveLocation is { } location ? $"{archive}, {location}" : archive);
        }

        parts.AddRange(f.Custody);
        if (f.Translators.Count > 0)
        {
            parts.Add($"trans. {NameList(f.Translators.Select(t => t.Name).ToList())}");
        }

        if (d.PublisherName is { } publisher)
        {
            parts.Add(publisher);
        }

        if (f.RevisionNote is { } note)
        {
            parts.Add(note);
        }

        var text = string.Join(", ", parts);
        text += d.PublisherUrl is { } url
            ? $", {url} (accessed {f.Accessed.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)})."
            : ".";
        return text;
    }

    public static string CslJson(CitationFacts f)
    {
        var d = f.Document;
        var item = new JsonObject
        {
            ["id"] = f.Key,
            ["type"] = "manuscript",
            ["title"] = d.Title,
        };
        if (DateParts(d.Date, d.DatePrecision) is { } issued)
        {
            item["issued"] = issued;
        }

        if (f.Translators.Count > 0)
        {
            item["translator"] = new JsonArray([.. f.Translators.Select(t => (JsonNode)Name(t.Name, t.Kind))]);
        }

        if (f.Language is { } language)
        {
            item["language"] = language;
        }

        if (f.ArchiveName is { } archive)
        {
            item["archive"] = archive;
        }

        if (f.ArchiveLocation is { } location)
        {
            item["archive_location"] = location;
        }

        if (d.Archive?.Place is { } place)
        {
            item["archive-place"] = place;
        }

        if (d.PublisherName is { } publisher)
        {
            item["publisher"] = publisher;
        }

        if (d.PublisherUrl is { } url)
        {
            item["URL"] = url;
            item["accessed"] = new JsonObject { ["date-parts"] = new JsonArray(new JsonArray(f.Accessed.Year, f.Accessed.Month, f.Accessed.Day)) };
        }

        if (f.Revision is not null)
        {
            item["version"] = f.Revision.Number.ToString(CultureInfo.InvariantCulture);
        }

        var note = Note(f);
        if (note.Length > 0)
        {
            item["note"] = note;
        }

        if (d.OriginalLanguage is not null)
        {
            // CSL has no original-language variable; "custom" is CSL-JSON 1.0.2's place for such data.
            item["custom"] = new JsonObject { ["original-language"] = d.OriginalLanguage };
        }

        return new JsonArray(item).ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    public static string BibTeX(CitationFacts f)
    {
        var d = f.Document;
        var fields = new List<(string Name, string Value)> { ("title", $"{{{Escape(d.Title)}}}") };
        if (f.Translators.Count > 0)
        {
            // BibTeX separates names with "and"; an organization is braced so it is not split into given and family names.
            fields.Add(("translator", string.Join(" and ", f.Translators.Select(t =>
                t.Kind == ContributorKind.Person ? Escape(BibName(t.Name)) : $"{{{Escape(t.Name)}}}"))));
        }

        if (d.Date is { } date && d.DatePrecision != DatePrecision.Unknown)
        {
            fields.Add(("year", date.Year.ToString(CultureInfo.InvariantCulture)));
            if (d.DatePrecision is DatePrecision.Month or DatePrecision.Day)
            {
                fields.Add(("month", date.ToString("MMM", CultureInfo.InvariantCulture).ToLowerInvariant()));
            }
        }

        if (d.PublisherName is { } publisher)
        {
            fields.Add(("publisher", Escape(publisher)));
        }

        if (f.Language is { } language)
        {
            fields.Add(("language", Escape(language)));
        }

        if (d.PublisherUrl is { } url)
        {
            fields.Add(("howpublished", $"\\url{{{url}}}"));
            fields.Add(("url", url));
            fields.Add(("urldate", f.Accessed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }

        // BibTeX has no archive field, so the holding archive and its reference lead the note.
        var note = Note(f, holding: true);
        if (note.Length > 0)
        {
            fields.Add(("note", Escape(note)));
        }

        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"@misc{{{f.Key},\n");
        b.AppendJoin(",\n", fields.Select(x => $"  {x.Name} = {{{x.Value}}}"));
        b.Append("\n}\n");
        return b.ToString();
    }

    /// <summary>Escapes the characters TeX treats specially, so titles like <c>R&amp;D 50%</c> survive.</summary>
    public static string Escape(string s)
    {
        var b = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            b.Append(c switch
            {
                '\\' => "\\textbackslash{}",
                '{' => "\\{",
                '}' => "\\}",
                '&' => "\\&",
                '%' => "\\%",
                '$' => "\\$",
                '#' => "\\#",
                '_' => "\\_",
                '~' => "\\textasciitilde{}",
                '^' => "\\textasciicircum{}",
                _ => c.ToString(),
            });
        }

        return b.ToString();
    }

    private static string Note(CitationFacts f, bool holding = false)
    {
        var parts = new List<string>();
        if (holding && f.ArchiveName is { } archive)
        {
            parts.Add(f.ArchiveLocation is { } location ? $"Held by {archive}, {location}" : $"Held by {archive}");
        }

        if ((f.Document.OriginalLanguageName ?? f.Document.OriginalLanguage) is { } original)
        {
            parts.Add($"Original language: {original}");
        }

        if (f.Custody.Count > 0)
        {
            parts.Add(string.Join("; ", f.Custody));
        }

        if (f.RevisionNote is { } revision)
        {
            parts.Add(char.ToUpperInvariant(revision[0]) + revision[1..]);
        }

        return parts.Count == 0 ? "" : string.Join(". ", parts) + ".";
    }

    private static JsonObject? DateParts(DateOnly? date, DatePrecision precision) => date is not { } d ? null : precision switch
    {
        DatePrecision.Unknown => null,
        DatePrecision.Year => new JsonObject { ["date-parts"] = new JsonArray(new JsonArray(d.Year)) },
        DatePrecision.Month => new JsonObject { ["date-parts"] = new JsonArray(new JsonArray(d.Year, d.Month)) },
        _ => new JsonObject { ["date-parts"] = new JsonArray(new JsonArray(d.Year, d.Month, d.Day)) },
    };

    /// <summary>
    /// The title with the comma Chicago puts inside the closing quote: a title that already ends with a comma keeps
    /// only one, and one ending with ? or ! takes none (Chicago's rule).
    /// </summary>
    private static string TitleBeforeComma(string title)
    {
        var t = title.TrimEnd().TrimEnd(',').TrimEnd();
        return t.EndsWith('?') || t.EndsWith('!') ? t : t + ",";
    }

    /// <summary>"A", "A and B", "A, B, and C".</summary>
    private static string NameList(IReadOnlyList<string> names) => names.Count switch
    {
        1 => names[0],
        2 => $"{names[0]} and {names[1]}",
        _ => $"{string.Join(", ", names.Take(names.Count - 1))}, and {names[^1]}",
    };

    /// <summary>"Mark H. Doctoroff" → family Doctoroff, given Mark H.; organizations stay literal.</summary>
    private static JsonObject Name(string name, ContributorKind kind)
    {
        var space = name.LastIndexOf(' ');
        return kind != ContributorKind.Person || space < 0
            ? new JsonObject { ["literal"] = name }
            : new JsonObject { ["family"] = name[(space + 1)..], ["given"] = name[..space] };
    }

    private static string BibName(string name)
    {
        var space = name.LastIndexOf(' ');
        return space < 0 ? name : $"{name[(space + 1)..]}, {name[..space]}";
    }
}
