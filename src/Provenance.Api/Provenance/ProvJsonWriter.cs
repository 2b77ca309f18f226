using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Provenance.Data.Entities;

namespace Provenance.Api.ProvenanceQuery;

/// <summary>
/// Writes a document's provenance as W3C PROV-JSON (https://www.w3.org/submissions/prov-json/).
/// Revision, primary source and quotation are derivations with <c>prov:type</c> <c>prov:Revision</c>,
/// <c>prov:PrimarySource</c> and <c>prov:Quotation</c>, as PROV-JSON and the python <c>prov</c> library write them.
/// </summary>
public sealed class ProvJsonWriter
{
    public const string MediaType = "application/json";
    /// <summary>
    /// The path of the vocabulary's page (<c>wwwroot/ns/provenance/index.html</c>). Its terms live under the
    /// service's own URL, as every other id in the document does, so each one resolves to its definition.
    /// </summary>
    public const string VocabularyPath = "/ns/provenance/";

    public static string Namespace(string baseUrl) => $"{baseUrl.TrimEnd('/')}{VocabularyPath}#";

    private readonly JsonObject _root = new();
    private readonly Dictionary<string, JsonObject> _sections = new(StringComparer.Ordinal);
    private int _relations;

    private ProvJsonWriter(string baseUrl)
    {
        _root["prefix"] = new JsonObject
        {
            ["provenance"] = Namespace(baseUrl),
            ["doc"] = $"{baseUrl}/api/documents/",
            ["translation"] = $"{baseUrl}/api/translations/",
            ["rev"] = $"{baseUrl}/api/revisions/",
            ["citation"] = $"{baseUrl}/api/citations/",
            ["agent"] = $"{baseUrl}/agents/",
            ["activity"] = $"{baseUrl}/activities/",
        };
    }

    /// <summary>The number of records written (entities, activities, agents and relations).</summary>
    public int RecordCount => _sections.Values.Sum(s => s.Count);

    public static (JsonObject Json, int Records) Write(ProvenanceGraph graph, string baseUrl)
    {
        var w = new ProvJsonWriter(baseUrl.TrimEnd('/'));
        w.WriteGraph(graph);
        return (w._root, w.RecordCount);
    }

    private void WriteGraph(ProvenanceGraph graph)
    {
        var d = graph.Document;
        var original = $"doc:{Id(d.Id)}";
        Entity(original, new()
        {
            ["prov:type"] = QName("provenance:ArchivalDocument"),
            ["prov:label"] = d.Title,
            ["provenance:dateText"] = d.DateText,
            ["provenance:date"] = Documents.IsoDate.Format(d.Date, d.DatePrecision),
            ["provenance:originalLanguage"] = d.OriginalLanguage,
            ["provenance:archivalReference"] = d.ArchivalReference,
            ["provenance:markings"] = d.Markings.Count == 0 ? null : string.Join("; ", d.Markings),
        });

        string? archiveAgent = null;
        if (d.Archive is { } archive)
        {
            archiveAgent = $"agent:archive-{Id(archive.Id)}";
            Agent(archiveAgent, new()
            {
                ["prov:type"] = QName("prov:Organization"),
                ["prov:label"] = archive.Name,
                ["provenance:code"] = archive.Code,
                ["provenance:place"] = archive.Place,
            });
        }

        // The custody chain: the holding archive keeps the original; each later link copies the one before.
        var source = original;
        foreach (var step in d.Custody.OrderBy(c => c.Order))
        {
            var holder = archiveAgent is not null && d.Archive is { } a
                && (string.Equals(step.Holder, a.Code, StringComparison.Ordinal) || string.Equals(step.Holder, a.Name, StringComparison.Ordinal))
                ? archiveAgent
                : HolderAgent(step.Holder);
            var activity = $"activity:doc-{Id(d.Id)}-custody-{Id(step.Order)}";
            Activity(activity, new()
            {
                ["prov:type"] = QName("provenance:CustodyTransfer"),
                ["prov:label"] = $"{step.Relation} {step.Holder}".Trim(),
                ["provenance:order"] = Int(step.Order),
                ["provenance:relation"] = step.Relation,
                ["provenance:place"] = step.Place,
            });
            Relation("used", new() { ["prov:activity"] = activity, ["prov:entity"] = source });
            Relation("wasAssociatedWith", new() { ["prov:activity"] = activity, ["prov:agent"] = holder, ["prov:role"] = QName("provenance:custodian") });
            // The holding archive keeps the original itself; every other link holds a copy.
            var holdsOriginal = source == original && string.Equals(holder, archiveAgent, StringComparison.Ordinal);
            if (!holdsOriginal)
            {
                var copy = $"doc:{Id(d.Id)}-custody-{Id(step.Order)}";
                Entity(copy, new()
                {
                    ["prov:type"] = QName("provenance:Copy"),
                    ["prov:label"] = $"{d.Title} ({step.Relation} {step.Holder})",
                });
                Relation("wasDerivedFrom", new() { ["prov:generatedEntity"] = copy, ["prov:usedEntity"] = source, ["prov:activity"] = activity });
                Relation("wasGeneratedBy", new() { ["prov:entity"] = copy, ["prov:activity"] = activity });
                Relation("wasAttributedTo", new() { ["prov:entity"] = copy, ["prov:agent"] = holder });
                source = copy;
            }
        }

        string? publisherRecord = null;
        if (d.PublisherUrl is not null || d.PublisherName is not null)
        {
            publisherRecord = $"doc:{Id(d.Id)}-publisher-record";
            Entity(publisherRecord, new()
            {
                ["prov:type"] = QName("provenance:PublishedRecord"),
                ["prov:label"] = d.PublisherName is null ? d.Title : $"{d.Title} ({d.PublisherName})",
                ["prov:location"] = d.PublisherUrl is null ? null : Typed(d.PublisherUrl, "xsd:anyURI"),
                ["provenance:recordId"] = d.PublisherRecordId,
            });
            Relation("wasDerivedFrom", new() { ["prov:generatedEntity"] = publisherRecord, ["prov:usedEntity"] = original, ["prov:type"] = QName("prov:PrimarySource") });
            if (d.PublisherName is { } publisherName)
            {
                var publisher = $"agent:publisher-{Slug(publisherName)}";
                Agent(publisher, new() { ["prov:type"] = QName("prov:Organization"), ["prov:label"] = publisherName });
                Relation("wasAttributedTo", new() { ["prov:entity"] = publisherRecord, ["prov:agent"] = publisher });
            }
        }

        foreach (var t in d.Translations.OrderBy(t => t.Id))
        {
            WriteTranslation(graph, t, original, source, publisherRecord);
        }

        foreach (var c in graph.Citations)
        {
            WriteCitation(c, original);
        }
    }

    private void WriteTranslation(ProvenanceGraph graph, Translation t, string original, string source, string? publisherRecord)
    {
        var translation = $"translation:{Id(t.Id)}";
        Entity(translation, new()
        {
            ["prov:type"] = QName(t.Kind == TranslationKinds.Original ? "provenance:Transcription" : "provenance:Translation"),
            ["prov:label"] = $"{graph.Document.Title} [{t.Language}]",
            ["provenance:language"] = t.Language,
            ["provenance:kind"] = t.Kind,
        });
        var translating = $"activity:translation-{Id(t.Id)}";
        Activity(translating, new()
        {
            ["prov:type"] = QName(t.Kind == TranslationKinds.Original ? "provenance:Transcribing" : "provenance:Translating"),
            ["prov:startTime"] = Time(t.CreatedAt),
        });
        Relation("used", new() { ["prov:activity"] = translating, ["prov:entity"] = source });
        Relation("wasGeneratedBy", new() { ["prov:entity"] = translation, ["prov:activity"] = translating });
        Relation("wasDerivedFrom", new() { ["prov:generatedEntity"] = translation, ["prov:usedEntity"] = source, ["prov:activity"] = translating });
        Relation("wasDerivedFrom", new() { ["prov:generatedEntity"] = translation, ["prov:usedEntity"] = original, ["prov:type"] = QName("prov:PrimarySource") });
        if (t.Translator is { } translator)
        {
            var agent = ContributorAgent(translator);
            Relation("wasAttributedTo", new() { ["prov:entity"] = translation, ["prov:agent"] = agent });
            Relation("wasAssociatedWith", new() { ["prov:activity"] = translating, ["prov:agent"] = agent, ["prov:role"] = QName("provenance:translator") });
        }

        foreach (var r in graph.Revisions.Where(r => r.TranslationId == t.Id).OrderBy(r => r.Number))
        {
            WriteRevision(r, translation, original, publisherRecord);
        }
    }

    private void WriteRevision(Revision r, string translation, string original, string? publisherRecord)
    {
        var revision = $"rev:{Id(r.Id)}";
        Entity(revision, new()
        {
            ["prov:type"] = QName("provenance:Revision"),
            ["prov:label"] = $"revision {Id(r.Number)}: {r.Summary}",
            ["provenance:number"] = Int(r.Number),
            ["provenance:sha256"] = r.Sha256,
            ["provenance:status"] = r.Status.ToString().ToLowerInvariant(),
            ["provenance:summary"] = r.Summary,
            ["provenance:merged"] = r.Merged ? "true" : null,
            ["provenance:reviewedAt"] = r.ReviewedAt is { } at ? Time(at) : null,
            ["provenance:reviewComment"] = r.ReviewComment,
        });
        Relation("specializationOf", new() { ["prov:specificEntity"] = revision, ["prov:generalEntity"] = translation });
        Relation("wasDerivedFrom", new() { ["prov:generatedEntity"] = revision, ["prov:usedEntity"] = original, ["prov:type"] = QName("prov:PrimarySource") });

        var editing = $"activity:edit-{Id(r.Id)}";
        Activity(editing, new()
        {
            ["prov:type"] = QName("provenance:Editing"),
            ["prov:startTime"] = Time(r.CreatedAt),
            ["prov:endTime"] = Time(r.CreatedAt),
        });
        Relation("wasGeneratedBy", new() { ["prov:entity"] = revision, ["prov:activity"] = editing, ["prov:time"] = Time(r.CreatedAt) });
        if (r.ParentId is { } parentId)
        {
            var parent = $"rev:{Id(parentId)}";
            Relation("used", new() { ["prov:activity"] = editing, ["prov:entity"] = parent });
            Relation("wasDerivedFrom", new()
            {
                ["prov:generatedEntity"] = revision,
                ["prov:usedEntity"] = parent,
                ["prov:activity"] = editing,
                ["prov:type"] = QName("prov:Revision"),
            });
        }
        else if (publisherRecord is not null)
        {
            // A first revision is the publisher's text taken over verbatim.
            Relation("wasDerivedFrom", new() { ["prov:generatedEntity"] = revision, ["prov:usedEntity"] = publisherRecord, ["prov:type"] = QName("prov:Quotation") });
        }

        if (r.Author is { } author)
        {
            var agent = ContributorAgent(author);
            Relation("wasAttributedTo", new() { ["prov:entity"] = revision, ["prov:agent"] = agent });
            Relation("wasAssociatedWith", new() { ["prov:activity"] = editing, ["prov:agent"] = agent, ["prov:role"] = QName("provenance:author") });
        }

        if (r.Reviewer is { } reviewer)
        {
            var review = $"activity:review-{Id(r.Id)}";
            Activity(review, new()
            {
                ["prov:type"] = QName("provenance:Review"),
                ["prov:endTime"] = r.ReviewedAt is { } reviewedAt ? Time(reviewedAt) : null,
                ["provenance:outcome"] = r.Status.ToString().ToLowerInvariant(),
            });
            Relation("used", new() { ["prov:activity"] = review, ["prov:entity"] = revision });
            Relation("wasAssociatedWith", new() { ["prov:activity"] = review, ["prov:agent"] = ContributorAgent(reviewer), ["prov:role"] = QName("provenance:reviewer") });
        }
    }

    private void WriteCitation(Citation c, string original)
    {
        var citation = $"citation:{Id(c.Id)}";
        Entity(citation, new()
        {
            ["prov:type"] = QName("provenance:Citation"),
            ["prov:label"] = c.Text ?? c.Title ?? c.Note ?? c.Archive ?? $"citation {Id(c.Id)}",
            ["provenance:kind"] = c.Kind.ToString().ToLowerInvariant(),
            ["provenance:archive"] = c.Archive,
            ["provenance:collection"] = c.Collection,
            ["provenance:fond"] = c.Fond,
            ["provenance:opis"] = c.Opis,
            ["provenance:delo"] = c.Delo,
            ["provenance:locator"] = c.Locator,
            ["provenance:title"] = c.Title,
            ["provenance:publisher"] = c.Publisher,
            ["provenance:year"] = c.Year is { } year ? Int(year) : null,
            ["prov:location"] = c.Url is null ? null : Typed(c.Url, "xsd:anyURI"),
            ["provenance:note"] = c.Note,
            ["provenance:addedAt"] = Time(c.AddedAt),
            ["provenance:retracted"] = c.RetractedAt is null ? null : "true",
            ["provenance:retractionReason"] = c.RetractionReason,
        });

        // The cited work stands behind the document (or revision) that cites it.
        var citing = c.RevisionId is { } revisionId ? $"rev:{Id(revisionId)}" : original;
        Relation("wasDerivedFrom", new() { ["prov:generatedEntity"] = citing, ["prov:usedEntity"] = citation, ["prov:type"] = QName("provenance:Cites") });
        if (c.AddedBy is { } addedBy)
        {
            Relation("wasAttributedTo", new() { ["prov:entity"] = citation, ["prov:agent"] = ContributorAgent(addedBy) });
        }

        if (c.RetractedAt is { } retractedAt)
        {
            var retraction = $"activity:retract-citation-{Id(c.Id)}";
            Activity(retraction, new()
            {
                ["prov:type"] = QName("provenance:Retraction"),
                ["prov:endTime"] = Time(retractedAt),
                ["provenance:reason"] = c.RetractionReason,
            });
            Relation("wasInvalidatedBy", new() { ["prov:entity"] = citation, ["prov:activity"] = retraction, ["prov:time"] = Time(retractedAt) });
            if (c.RetractedBy is { } retractedBy)
            {
                Relation("wasAssociatedWith", new() { ["prov:activity"] = retraction, ["prov:agent"] = ContributorAgent(retractedBy), ["prov:role"] = QName("provenance:editor") });
            }
        }
    }

    private string ContributorAgent(Contributor c)
    {
        var id = $"agent:contributor-{Id(c.Id)}";
        Agent(id, new()
        {
            ["prov:type"] = QName(c.Kind switch
            {
                ContributorKind.Organization => "prov:Organization",
                ContributorKind.System => "prov:SoftwareAgent",
                _ => "prov:Person",
            }),
            ["prov:label"] = c.Name,
        });
        return id;
    }

    private string HolderAgent(string holder)
    {
        var id = $"agent:holder-{Slug(holder)}";
        Agent(id, new() { ["prov:type"] = QName("prov:Organization"), ["prov:label"] = holder });
        return id;
    }

    private void Entity(string id, Dictionary<string, JsonNode?> attributes) => Record("entity", id, attributes);

    private void Agent(string id, Dictionary<string, JsonNode?> attributes) => Record("agent", id, attributes);

    private void Activity(string id, Dictionary<string, JsonNode?> attributes) => Record("activity", id, attributes);

    private void Relation(string kind, Dictionary<string, JsonNode?> attributes) =>
        Record(kind, $"_:r{Id(++_relations)}", attributes);

    /// <summary>Records are keyed by id; an agent met twice (translator and author) is written once.</summary>
    private void Record(string kind, string id, Dictionary<string, JsonNode?> attributes)
    {
        if (!_sections.TryGetValue(kind, out var section))
        {
            _sections[kind] = section = new JsonObject();
            _root[kind] = section;
        }

        if (section.ContainsKey(id))
        {
            return;
        }

        var record = new JsonObject();
        foreach (var (name, value) in attributes)
        {
            if (value is not null)
            {
                record[name] = value;
            }
        }

        section[id] = record;
    }

    private static JsonObject QName(string name) => Typed(name, "prov:QUALIFIED_NAME");

    private static JsonObject Int(int value) => new() { ["$"] = value, ["type"] = "xsd:int" };

    private static JsonObject Typed(string value, string type) => new() { ["$"] = value, ["type"] = type };

    private static string Time(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>A stable local name for a free-text holder or publisher: ASCII slug, else a short hash.</summary>
    private static string Slug(string name)
    {
        var b = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                b.Append(c);
            }
            else if (b.Length > 0 && b[^1] != '-')
            {
                b.Append('-');
            }
        }

        var slug = b.ToString().Trim('-');
        return slug.Length > 0 ? slug : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..12];
    }
}
