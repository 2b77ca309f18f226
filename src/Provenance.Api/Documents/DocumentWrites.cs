using Microsoft.EntityFrameworkCore;
using Npgsql;
using Provenance.Api.Hosting;
using Provenance.Data;
using Provenance.Data.Auditing;
using Provenance.Data.Entities;
using Provenance.Text;

namespace Provenance.Api.Documents;

/// <summary>A checked request to add a translation: canonical language, kind, contributors in order, optional first text.</summary>
public sealed record ValidTranslation(string Language, string Kind, IReadOnlyList<(string Name, string Role)> Contributors, string? Text, string Summary, long? SourceRevisionId = null);

/// <summary>Creates documents and adds translations to them, each write with its audit event in one transaction.</summary>
public sealed class DocumentWrites(ProvenanceDbContext db, AuditTrail audit, TimeProvider time, ILogger<DocumentWrites> logger)
{
    public async Task<long> CreateDocumentAsync(IReadOnlyDictionary<string, System.Text.Json.JsonElement?> metadata, Actor actor, CancellationToken ct)
    {
        try
        {
            return await db.InWriteTransactionAsync(async write =>
            {
                var url = metadata.GetValueOrDefault(MetadataFields.PublisherUrl)?.GetString();
                if (url is not null && await db.Documents.Where(d => d.PublisherUrl == url).Select(d => (long?)d.Id).FirstOrDefaultAsync(write) is { } existing)
                {
                    throw DuplicateRecord(existing);
                }

                var now = time.GetUtcNow();
                var document = new Document { Title = "", CreatedAt = now };
                await MetadataFields.ApplyAsync(db, document, metadata, now, write);
                db.Documents.Add(document);
                await db.SaveChangesAsync(write);
                await audit.AppendAsync(new AuditEntry(actor, AuditActions.DocumentCreated, "document", document.Id, document.Id,
                    new { document.Title, document.PublisherUrl, fields = metadata }), write);
                logger.LogInformation("Created document {DocumentId} {DocumentTitle} by {Actor}", document.Id, document.Title, actor.Name);
                return document.Id;
            }, ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another request stored a document with the same publisher URL a moment ago.
            db.ChangeTracker.Clear();
            var url = metadata.GetValueOrDefault(MetadataFields.PublisherUrl)?.GetString();
            var existing = await db.Documents.Where(d => d.PublisherUrl == url).Select(d => (long?)d.Id).FirstOrDefaultAsync(ct);
            throw existing is { } id ? DuplicateRecord(id) : new ProblemException(StatusCodes.Status409Conflict, "Conflict", "The document conflicts with one stored meanwhile; try again.");
        }
    }

    private static ProblemException DuplicateRecord(long documentId) =>
        new(StatusCodes.Status409Conflict, "Document exists",
            $"Document {documentId} already has this publisherUrl: a record's identity is its publisher URL.",
            new Dictionary<string, object?> { ["documentId"] = documentId });

    /// <summary>
    /// Adds a translation (or an original-language text) to a document. Its first text, when given,
    /// is revision 1 by the requesting editor and <c>proposed</c>: it is published only when someone
    /// else approves it, like any later revision.
    /// </summary>
    public Task<(long TranslationId, long? RevisionId)> AddTranslationAsync(long documentId, ValidTranslation request, Actor actor, CancellationToken ct) =>
        db.InWriteTransactionAsync(async write =>
        {
            if (!await db.Documents.AnyAsync(d => d.Id == documentId, write))
            {
                throw ProblemException.NotFound("Document", documentId);
            }

            if (request.SourceRevisionId is { } source)
            {
                await Translations.SourceReview.CheckAsync(db, documentId, request.Kind, source, "sourceRevisionId", write);
            }

            var now = time.GetUtcNow();
            var people = new List<TranslationContributor>();
            foreach (var (name, role) in request.Contributors)
            {
                var person = await FindOrAddContributorAsync(db, name, now, write);
                people.Add(new TranslationContributor { Contributor = person, Role = role, Order = people.Count + 1 });
            }

            // The single translator older views show: the first translator, else the first transcriber, else the first named.
            var credited = people.FirstOrDefault(p => p.Role == ContributorRoles.Translator)
                ?? people.FirstOrDefault(p => p.Role == ContributorRoles.Transcriber)
                ?? people.FirstOrDefault();
            var translation = new Translation
            {
                DocumentId = documentId, Language = request.Language, Kind = request.Kind,
                Translator = credited?.Contributor, Contributors = people, CreatedAt = now,
            };
            db.Translations.Add(translation);
            Revision? revision = null;
            if (request.Text is { } text)
            {
                revision = new Revision
                {
                    Translation = translation, Number = 1, AuthorId = actor.ContributorId, Summary = request.Summary, Text = text,
                    Sha256 = TextNormalizer.Sha256Hex(text), Status = RevisionStatus.Proposed, SourceRevisionId = request.SourceRevisionId, CreatedAt = now,
                };
                db.Revisions.Add(revision);
            }

            await db.SaveChangesAsync(write);
            if (revision is not null)
            {
                translation.HeadRevisionId = revision.Id;
                await db.SaveChangesAsync(write);
            }

            await audit.AppendAsync(new AuditEntry(actor, AuditActions.TranslationCreated, "translation", translation.Id, documentId, new
            {
                translation.Language,
                translation.Kind,
                contributors = request.Contributors.Select(c => new { name = c.Name, role = c.Role }),
                revisionId = revision?.Id,
                sha256 = revision?.Sha256,
                sourceRevisionId = revision?.SourceRevisionId,
            }), write);
            logger.LogInformation("Added {Kind} {Language} translation {TranslationId} to document {DocumentId} by {Actor}",
                translation.Kind, translation.Language, translation.Id, documentId, actor.Name);
            return (translation.Id, revision?.Id);
        }, ct);

    /// <summary>A person credited by name: the first contributor of that name, or a new one.</summary>
    internal static async Task<Contributor> FindOrAddContributorAsync(ProvenanceDbContext db, string name, DateTimeOffset now, CancellationToken ct)
    {
        var person = db.Contributors.Local.FirstOrDefault(c => c.Name == name)
            ?? await db.Contributors.OrderBy(c => c.Id).FirstOrDefaultAsync(c => c.Name == name, ct);
        if (person is null)
        {
            person = new Contributor { Name = name, Kind = ContributorKind.Person, CreatedAt = now };
            db.Contributors.Add(person);
        }

        return person;
    }
}
