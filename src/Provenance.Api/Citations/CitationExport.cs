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
        long id, string? style, long? revision, ProvenanceDbContext db, TimeProvider time, CancellationToken ct)
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
        var translation = pinned is not null
            ? document.Translations.First(t => t.Id == pinned.TranslationId)
            : document.Translations.OrderBy(t => t.Kind == TranslationKinds.Translation ? 0 : 1).ThenBy(t => t.Id).FirstOrDefault();
        var facts = new CitationFacts(document, translation, pinned, archival, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        return chosen switch
        {
            "csl-json" => TypedResults.Text(CslJson(facts), CslJsonMediaType, Encoding.UTF8),
            "bibtex" => TypedResults.Text(BibTeX(facts), BibTeXMediaType, Encoding.UTF8),
            _ => TypedResults.Text(Chicago(facts), "text/plain", Encoding.UTF8),
        };
    }

    /// <summary>What every style says, gathered once.</summary>
    public sealed record CitationFacts(Document Document, Translation? Translation, Revision? Revision, Citation? Archival, DateOnly Accessed)
    {
        public string? Translator => Translation?.Kind == TranslationKinds.Translation ? Translation.Translator?.Name : null;

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
        var parts = new List<string> { $"\u201C{d.Title},\u201D {d.DateText ?? Documents.IsoDate.Format(d.Date, d.DatePrecision) ?? "n.d."}" };
        if (f.ArchiveName is { } archive)
        {
            parts.Add(f.ArchiveLocation is { } location ? $"{archive}, {location}" : archive);
        }

        parts.AddRange(f.Custody);
        if (f.Translator is { } translator)
        {
            parts.Add($"trans. {translator}");
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

        if (f.Translator is { } translator)
        {
            item["translator"] = new JsonArray(Name(translator, f.Translation!.Translator!.Kind));
        }

        if (f.Translation?.Language is { } language)
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
        if (f.Translator is { } translator)
        {
            fields.Add(("translator", f.Translation!.Translator!.Kind == ContributorKind.Person ? Escape(BibName(translator)) : $"{{{Escape(translator)}}}"));
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

        if (f.Translation?.Language is { } language)
        {
            fields.Add(("language", Escape(language)));
        }

        if (d.PublisherUrl is { } url)
        {
            fields.Add(("howpublished", $"\\url{{{url}}}"));
            fields.Add(("url", url));
            fields.Add(("urldate", f.Accessed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }

        var note = Note(f);
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

    private static string Note(CitationFacts f)
    {
        var parts = new List<string>();
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
