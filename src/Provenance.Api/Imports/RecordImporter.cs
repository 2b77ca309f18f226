using Microsoft.EntityFrameworkCore;
using Npgsql;
using Provenance.Api.Hosting;
using Provenance.Data;
using Provenance.Data.Auditing;
using Provenance.Data.Entities;
using Provenance.Import;
using Provenance.Text;

namespace Provenance.Api.Imports;

public enum ImportChange
{
    /// <summary>The record and its text were already stored.</summary>
    None,
    Document,
    Translation,
    Revision,
}

public sealed record ImportOutcome(long DocumentId, long TranslationId, long RevisionId, bool Created, ImportChange Change);

/// <summary>
/// Stores a parsed archive record. A record's identity is its publisher URL, else its title and
/// date: the same record again changes nothing; changed text adds a revision to its translation.
/// </summary>
public sealed class RecordImporter(ProvenanceDbContext db, AuditTrail audit, TimeProvider time, ILogger<RecordImporter> logger)
{
    /// <summary>Parses and stores a record; a record that does not parse is a 422 naming the fields.</summary>
    public async Task<ImportOutcome> ImportAsync(string recordText, Actor actor, CancellationToken ct)
    {
        var parsed = WilsonCenterRecordReader.Parse(recordText);
        if (!parsed.IsSuccess)
        {
            throw ProblemException.Validation(parsed.Errors
                .GroupBy(e => e.Field, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal));
        }

        try
        {
            return await StoreAsync(parsed.Record!, actor, ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Someone stored the same record (or archive, or revision number) a moment ago; now it is found.
            db.ChangeTracker.Clear();
            return await StoreAsync(parsed.Record!, actor, ct);
        }
    }

    private Task<ImportOutcome> StoreAsync(ParsedRecord record, Actor actor, CancellationToken ct) =>
        db.InWriteTransactionAsync(async ct =>
        {
            var text = TextNormalizer.Normalize(record.Body);
            var sha = TextNormalizer.Sha256Hex(text);
            var now = time.GetUtcNow();
            var document = await FindDocumentAsync(record, ct);
            var translator = await FindOrAddTranslatorAsync(record.Translator, now, ct);
            var language = record.ContentsLanguage ?? "en";
            var kind = record.ContentsKind ?? TranslationKinds.Translation;

            if (document is null)
            {
                document = await NewDocumentAsync(record, now, ct);
                var translation = NewTranslation(document, language, kind, translator, now);
                var revision = NewRevision(translation, parent: null, text, sha, record, now);
                var citation = NewCitation(document, record, actor, now);
                await SaveAsync(ct);
                translation.HeadRevisionId = translation.CurrentRevisionId = revision.Id;
                await SaveAsync(ct);
                await DocumentSearch.RefreshAsync(db, document.Id, ct);
                await audit.AppendAsync(new AuditEntry(actor, AuditActions.DocumentImported, "document", document.Id, document.Id, new
                {
                    document.Title,
                    document.PublisherUrl,
                    translationId = translation.Id,
                    revisionId = revision.Id,
                    citationId = citation?.Id,
                    sha256 = sha,
                }), ct);
                logger.LogInformation("Imported {DocumentTitle} as document {DocumentId}", document.Title, document.Id);
                return new ImportOutcome(document.Id, translation.Id, revision.Id, true, ImportChange.Document);
            }

            var translatorId = translator?.Id;
            var existing = await db.Translations
                .Where(t => t.DocumentId == document.Id && t.Language == language && t.Kind == kind && t.TranslatorId == translatorId)
                .FirstOrDefaultAsync(ct);
            if (existing is null)
            {
                var translation = NewTranslation(document, language, kind, translator, now);
                var revision = NewRevision(translation, parent: null, text, sha, record, now);
                await SaveAsync(ct);
                translation.HeadRevisionId = translation.CurrentRevisionId = revision.Id;
                await SaveAsync(ct);
                await DocumentSearch.RefreshAsync(db, document.Id, ct);
                await audit.AppendAsync(new AuditEntry(actor, AuditActions.TranslationImported, "translation", translation.Id, document.Id,
                    new { translationId = translation.Id, revisionId = revision.Id, language, kind, sha256 = sha }), ct);
                return new ImportOutcome(document.Id, translation.Id, revision.Id, true, ImportChange.Translation);
            }

            // A text already in this translation's history is the same record again, not a change.
            var known = await db.Revisions.Where(r => r.TranslationId == existing.Id && r.Sha256 == sha)
                .OrderByDescending(r => r.Number).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
            if (known is { } knownId)
            {
                return new ImportOutcome(document.Id, existing.Id, knownId, false, ImportChange.None);
            }

            var head = await db.Revisions.FirstAsync(r => r.Id == existing.HeadRevisionId, ct);
            var next = NewRevision(existing, head, text, sha, record, now);
            RevisionStore.Encode(next, parentText: await RevisionStore.GetTextAsync(db, head.Id, ct));
            await SaveAsync(ct);
            existing.HeadRevisionId = existing.CurrentRevisionId = next.Id;
            document.UpdatedAt = now;
            await SaveAsync(ct);
            await DocumentSearch.RefreshAsync(db, document.Id, ct);
            await audit.AppendAsync(new AuditEntry(actor, AuditActions.RevisionImported, "revision", next.Id, document.Id,
                new { translationId = existing.Id, number = next.Number, parentId = head.Id, sha256 = sha }), ct);
            logger.LogInformation("Imported changed text of {DocumentTitle} as revision {RevisionNumber}", document.Title, next.Number);
            return new ImportOutcome(document.Id, existing.Id, next.Id, true, ImportChange.Revision);
        }, ct);

    private async Task SaveAsync(CancellationToken ct)
    {
        EnsureFieldsFit();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A record's fields go into columns of limited length: one that does not fit is the record's
    /// fault, answered 422 naming the field, never a database error (500).
    /// </summary>
    private void EnsureFieldsFit()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            foreach (var property in entry.Properties)
            {
                if (property.CurrentValue is string value && property.Metadata.GetMaxLength() is { } max && value.Length > max)
                {
                    var field = FieldName(entry.Metadata.ClrType, property.Metadata.Name);
                    errors[field] = [$"{field} is {value.Length} characters long; at most {max} are stored."];
                }
            }
        }

        if (errors.Count > 0)
        {
            throw ProblemException.Validation(errors);
        }
    }

    private static string FieldName(Type entity, string property)
    {
        static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
        return entity.Name switch
        {
            nameof(Document) => Camel(property),
            nameof(Contributor) => "translator",
            nameof(Data.Entities.CustodyStep) => $"custody.{Camel(property)}",
            _ => $"{Camel(entity.Name)}.{Camel(property)}",
        };
    }

    private async Task<Document?> FindDocumentAsync(ParsedRecord record, CancellationToken ct)
    {
        if (record.PublisherUrl is { } url)
        {
            return await db.Documents.FirstOrDefaultAsync(d => d.PublisherUrl == url, ct);
        }

        return await db.Documents.FirstOrDefaultAsync(d => d.PublisherUrl == null && d.Title == record.Title && d.DateText == record.DateText, ct);
    }

    private async Task<Contributor?> FindOrAddTranslatorAsync(string? name, DateTimeOffset now, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var translator = await db.Contributors.OrderBy(c => c.Id).FirstOrDefaultAsync(c => c.Name == name, ct);
        if (translator is null)
        {
            translator = new Contributor { Name = name, Kind = ContributorKind.Person, CreatedAt = now };
            db.Contributors.Add(translator);
        }

        return translator;
    }

    private async Task<Document> NewDocumentAsync(ParsedRecord record, DateTimeOffset now, CancellationToken ct)
    {
        Archive? archive = null;
        if (record.Source?.HoldingArchiveCode is { } code)
        {
            archive = await db.Archives.FirstOrDefaultAsync(a => a.Code == code, ct);
            if (archive is null)
            {
                archive = new Archive { Code = code, Name = record.Source.HoldingArchiveName ?? code, Place = record.Source.HoldingPlace, CreatedAt = now };
                db.Archives.Add(archive);
            }
        }

        var document = new Document
        {
            Title = record.Title,
            DateText = record.DateText,
            Date = record.Date,
            DatePrecision = Enum.Parse<Data.Entities.DatePrecision>(record.DatePrecision.ToString()),
            Summary = record.Summary,
            OriginalLanguage = record.OriginalLanguage,
            OriginalLanguageName = record.OriginalLanguageName,
            Archive = archive,
            ArchivalReference = record.Source?.ArchivalReference,
            CitationText = record.CitationText,
            PublisherName = record.PublisherName,
            PublisherUrl = record.PublisherUrl,
            PublisherRecordId = record.PublisherRecordId,
            SourceNote = record.Source?.Text,
            Markings = record.Markings.ToList(),
            Custody = (record.Source?.Custody ?? []).Select(c => new Data.Entities.CustodyStep
            {
                Order = c.Order,
                Holder = c.Holder,
                Relation = c.Relation,
                Place = c.Place,
            }).ToList(),
            ExtraSections = record.ExtraSections.Select(s => new Data.Entities.RecordSection(s.Name, s.Text)).ToList(),
            Footnotes = record.Footnotes.Select(f => new Data.Entities.Footnote(f.Label, f.Text)).ToList(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Documents.Add(document);
        return document;
    }

    private Translation NewTranslation(Document document, string language, string kind, Contributor? translator, DateTimeOffset now)
    {
        var translation = new Translation { Document = document, Language = language, Kind = kind, Translator = translator, CreatedAt = now };
        db.Translations.Add(translation);
        return translation;
    }

    /// <summary>An imported text is the publisher's published text, so it arrives approved.</summary>
    private Revision NewRevision(Translation translation, Revision? parent, string text, string sha, ParsedRecord record, DateTimeOffset now)
    {
        var revision = new Revision
        {
            Translation = translation,
            Number = (parent?.Number ?? 0) + 1,
            Parent = parent,
            Author = translation.Translator,
            Summary = record.PublisherUrl is { } url ? $"Imported from {url}" : "Imported from the source record",
            Text = text,
            Sha256 = sha,
            Status = RevisionStatus.Approved,
            ReviewedAt = now,
            ReviewComment = $"Published by {record.PublisherName ?? "the source record's publisher"}",
            CreatedAt = now,
        };
        db.Revisions.Add(revision);
        return revision;
    }

    private Citation? NewCitation(Document document, ParsedRecord record, Actor actor, DateTimeOffset now)
    {
        if (record.CitationText is null)
        {
            return null;
        }

        var citation = new Citation
        {
            Document = document,
            Kind = CitationKind.Published,
            Text = record.CitationText,
            Title = record.Title,
            Publisher = record.PublisherName,
            Url = record.PublisherUrl,
            Archive = record.Source?.HoldingArchiveName,
            AddedById = actor.ContributorId,
            AddedAt = now,
        };
        db.Citations.Add(citation);
        return citation;
    }
}
