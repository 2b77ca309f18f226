using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Provenance.Api.Hosting;
using Provenance.Data;
using Provenance.Data.Entities;

namespace Provenance.Api.Documents;

/// <summary>
/// The metadata fields a client writes, each as one JSON value in the contract's shape. Creating a
/// document and approving a metadata change apply values through the same <see cref="ApplyAsync"/>,
/// and a change's field-by-field diff compares the same values <see cref="Read"/> gives.
/// </summary>
public static class MetadataFields
{
    public const string Title = "title", Date = "date", DateText = "dateText", Summary = "summary",
        OriginalLanguage = "originalLanguage", Archive = "archive", ArchivalReference = "archivalReference",
        Custody = "custody", PublisherUrl = "publisherUrl", Markings = "markings", Rights = "rights";

    public static readonly IReadOnlyList<string> All =
        [Title, Date, DateText, Summary, OriginalLanguage, Archive, ArchivalReference, Custody, PublisherUrl, Markings, Rights];

    /// <summary>The record section that holds the rights statement (as the record importer keeps it).</summary>
    private const string RightsSection = "Rights";
    private const int MaxCustodySteps = 50, MaxMarkings = 50;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Checks the fields named in <paramref name="present"/> and returns their normalized values
    /// (null: no value). Errors name the field with <paramref name="prefix"/>.
    /// </summary>
    public static Dictionary<string, JsonElement?> Validate(Validation v, string prefix, DocumentMetadataInput input, IReadOnlyCollection<string> present)
    {
        var values = new Dictionary<string, JsonElement?>(StringComparer.Ordinal);
        void Put(string field, object? value) => values[field] = value is null ? null : JsonSerializer.SerializeToElement(value, Json);
        bool Has(string field) => present.Contains(field);

        if (Has(Title)) { Put(Title, v.Required(prefix + Title, input.Title, 1000)); }
        if (Has(Date))
        {
            var date = input.Date?.Trim();
            if (!string.IsNullOrEmpty(date) && !IsoDate.TryParseRange(date, out _, out _))
            {
                v.Add(prefix + Date, $"{prefix}{Date} is a date as yyyy, yyyy-MM or yyyy-MM-dd.");
            }

            Put(Date, string.IsNullOrEmpty(date) ? null : date);
        }

        if (Has(DateText)) { Put(DateText, v.Optional(prefix + DateText, input.DateText, 100)); }
        if (Has(Summary)) { Put(Summary, v.Optional(prefix + Summary, input.Summary, 20_000)); }
        if (Has(OriginalLanguage)) { Put(OriginalLanguage, LanguageTag.Validate(v, prefix + OriginalLanguage, input.OriginalLanguage)); }
        if (Has(Archive) && input.Archive is { } archive)
        {
            var code = v.Required($"{prefix}{Archive}.code", archive.Code, 100);
            var name = v.Optional($"{prefix}{Archive}.name", archive.Name, 300);
            Put(Archive, code is null ? null : new ArchiveView(code, name ?? code));
        }
        else if (Has(Archive))
        {
            Put(Archive, null);
        }

        if (Has(ArchivalReference)) { Put(ArchivalReference, v.Optional(prefix + ArchivalReference, input.ArchivalReference, 500)); }
        if (Has(Custody))
        {
            var steps = new List<CustodyValue>();
            var given = input.Custody ?? [];
            if (given.Count > MaxCustodySteps)
            {
                v.Add(prefix + Custody, $"{prefix}{Custody} holds at most {MaxCustodySteps} steps.");
                given = [];
            }

            for (var i = 0; i < given.Count; i++)
            {
                var f = $"{prefix}{Custody}[{i}]";
                if (given[i] is not { } step)
                {
                    v.Add(f, $"{f} is a custody step {{holder, relation, place?}}.");
                    continue;
                }

                var holder = v.Required($"{f}.holder", step.Holder, 300);
                var relation = v.Required($"{f}.relation", step.Relation, 100);
                var place = v.Optional($"{f}.place", step.Place, 200);
                if (holder is not null && relation is not null)
                {
                    steps.Add(new CustodyValue(holder, relation, place));
                }
            }

            Put(Custody, steps);
        }

        if (Has(PublisherUrl))
        {
            var url = v.Optional(prefix + PublisherUrl, input.PublisherUrl, 2048);
            if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                v.Add(prefix + PublisherUrl, $"{prefix}{PublisherUrl} is an absolute http or https URL.");
            }

            Put(PublisherUrl, url);
        }

        if (Has(Markings))
        {
            var markings = new List<string>();
            var given = input.Markings ?? [];
            if (given.Count > MaxMarkings)
            {
                v.Add(prefix + Markings, $"{prefix}{Markings} holds at most {MaxMarkings} markings.");
                given = [];
            }

            for (var i = 0; i < given.Count; i++)
            {
                if (v.Required($"{prefix}{Markings}[{i}]", given[i], 200) is { } marking)
                {
                    markings.Add(marking);
                }
            }

            Put(Markings, markings);
        }

        if (Has(Rights)) { Put(Rights, v.Optional(prefix + Rights, input.Rights, 4000)); }
        return values;
    }

    /// <summary>The document's current values of every field (its archive and custody loaded).</summary>
    public static Dictionary<string, JsonElement?> Read(Document d)
    {
        var values = new Dictionary<string, JsonElement?>(StringComparer.Ordinal);
        void Put(string field, object? value) => values[field] = value is null ? null : JsonSerializer.SerializeToElement(value, Json);
        Put(Title, d.Title);
        Put(Date, IsoDate.Format(d.Date, d.DatePrecision));
        Put(DateText, d.DateText);
        Put(Summary, d.Summary);
        Put(OriginalLanguage, d.OriginalLanguage);
        Put(Archive, d.Archive is null ? null : new ArchiveView(d.Archive.Code, d.Archive.Name));
        Put(ArchivalReference, d.ArchivalReference);
        Put(Custody, d.Custody.OrderBy(c => c.Order).Select(c => new CustodyValue(c.Holder, c.Relation, c.Place)).ToList());
        Put(PublisherUrl, d.PublisherUrl);
        Put(Markings, d.Markings);
        Put(Rights, d.ExtraSections.FirstOrDefault(s => s.Name == RightsSection)?.Text);
        return values;
    }

    public static bool SameValue(JsonElement? a, JsonElement? b) =>
        a is null || a.Value.ValueKind == JsonValueKind.Null
            ? b is null || b.Value.ValueKind == JsonValueKind.Null
            : b is not null && JsonElement.DeepEquals(a.Value, b.Value);

    /// <summary>Sets the given fields of <paramref name="d"/> (archive and custody loaded) from normalized values.</summary>
    public static async Task ApplyAsync(ProvenanceDbContext db, Document d, IReadOnlyDictionary<string, JsonElement?> values, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var (field, value) in values)
        {
            var text = value is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;
            switch (field)
            {
                case Title: d.Title = text!; break;
                case Date:
                    if (text is not null && IsoDate.TryParseRange(text, out var first, out _))
                    {
                        d.Date = first;
                        d.DatePrecision = text.Length switch { 4 => DatePrecision.Year, 7 => DatePrecision.Month, _ => DatePrecision.Day };
                    }
                    else
                    {
                        d.Date = null;
                        d.DatePrecision = DatePrecision.Unknown;
                    }

                    break;
                case DateText: d.DateText = text; break;
                case Summary: d.Summary = text; break;
                case OriginalLanguage: d.OriginalLanguage = text; break;
                case Archive:
                    var archive = value?.Deserialize<ArchiveView>(Json);
                    d.Archive = archive is null ? null : await FindOrAddArchiveAsync(db, archive, now, ct);
                    if (d.Archive is null)
                    {
                        d.ArchiveId = null;
                    }

                    break;
                case ArchivalReference: d.ArchivalReference = text; break;
                case Custody:
                    var steps = value?.Deserialize<List<CustodyValue>>(Json) ?? [];
                    d.Custody.Clear();
                    d.Custody.AddRange(steps.Select((c, i) => new CustodyStep { Order = i + 1, Holder = c.Holder, Relation = c.Relation, Place = c.Place }));
                    break;
                case PublisherUrl: d.PublisherUrl = text; break;
                case Markings: d.Markings = value?.Deserialize<List<string>>(Json) ?? []; break;
                case Rights:
                    var sections = d.ExtraSections.Where(x => x.Name != RightsSection).ToList();
                    if (text is not null)
                    {
                        sections.Add(new RecordSection(RightsSection, text));
                    }

                    d.ExtraSections = sections;
                    break;
                default: throw new InvalidOperationException($"Unknown metadata field {field}.");
            }
        }

        d.UpdatedAt = now;
    }

    private static async Task<Data.Entities.Archive> FindOrAddArchiveAsync(ProvenanceDbContext db, ArchiveView view, DateTimeOffset now, CancellationToken ct)
    {
        var archive = db.Archives.Local.FirstOrDefault(a => a.Code == view.Code)
            ?? await db.Archives.FirstOrDefaultAsync(a => a.Code == view.Code, ct);
        if (archive is null)
        {
            archive = new Data.Entities.Archive { Code = view.Code, Name = view.Name, CreatedAt = now };
            db.Archives.Add(archive);
        }

        return archive;
    }

    private sealed record CustodyValue(string Holder, string Relation, string? Place);
}
