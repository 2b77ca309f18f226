using Microsoft.EntityFrameworkCore;
using Provenance.Api.Documents;
using Provenance.Api.Hosting;
using Provenance.Data;
using Provenance.Data.Auditing;
using Provenance.Data.Entities;
using Provenance.Text;

namespace Provenance.Api.Translations;

/// <summary>A checked history revision: normalized text, trimmed author and summary, its historical date.</summary>
public sealed record ValidHistoryRevision(string Text, string Author, DateTimeOffset AuthoredAt, string Summary, long? SourceRevisionId = null);

/// <summary>
/// Imports a translation's whole history in one transaction (ADR 0006). The revisions keep their
/// historical author, date and message; who imported them and when is kept beside. The imported
/// revisions are a history, not a publication: all but the newest are <c>superseded</c>, the newest is
/// <c>proposed</c> and is published when a reviewer who is neither the importer nor one of its authors
/// approves it — unless an admin explicitly publishes a migrated archive without review, which the
/// revision and the audit event record.
/// </summary>
public sealed class HistoryImport(ProvenanceDbContext db, AuditTrail audit, TimeProvider time, ILogger<HistoryImport> logger)
{
    public Task<IReadOnlyList<long>> ImportAsync(long translationId, IReadOnlyList<ValidHistoryRevision> history, bool publishWithoutReview, Actor actor, CancellationToken ct) =>
        db.InWriteTransactionAsync<IReadOnlyList<long>>(async write =>
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM translations WHERE id = {translationId} FOR UPDATE", write);
            var translation = await db.Translations.FirstOrDefaultAsync(t => t.Id == translationId, write)
                ?? throw ProblemException.NotFound("Translation", translationId);
            if (translation.HeadRevisionId is not null)
            {
                throw new ProblemException(StatusCodes.Status409Conflict, "Translation has a history",
                    $"Translation {translationId} already has revisions; a whole history is imported into a translation without any (add one with POST /api/documents/{{id}}/translations and no text).",
                    new Dictionary<string, object?> { ["headRevisionId"] = translation.HeadRevisionId });
            }

            var named = history.Select((h, i) => (Source: h.SourceRevisionId, Index: i)).Where(n => n.Source is not null).DistinctBy(n => n.Source);
            foreach (var (source, i) in named)
            {
                await SourceReview.CheckAsync(db, translation.DocumentId, translation.Kind, source!.Value, $"revisions[{i}].sourceRevisionId", write);
            }

            var now = time.GetUtcNow();
            var revisions = new List<Revision>(history.Count);
            Revision? parent = null;
            for (var i = 0; i < history.Count; i++)
            {
                var h = history[i];
                var newest = i == history.Count - 1;
                var author = await DocumentWrites.FindOrAddContributorAsync(db, h.Author, now, write);
                var revision = new Revision
                {
                    Translation = translation, Number = i + 1, Parent = parent, Author = author, Summary = h.Summary,
                    SourceRevisionId = h.SourceRevisionId ?? parent?.SourceRevisionId,
                    Text = h.Text, Sha256 = TextNormalizer.Sha256Hex(h.Text),
                    Status = !newest ? RevisionStatus.Superseded : publishWithoutReview ? RevisionStatus.Approved : RevisionStatus.Proposed,
                    PublishedWithoutReview = newest && publishWithoutReview,
                    AuthoredAt = h.AuthoredAt.ToUniversalTime(), AuthoredOffsetMinutes = (short)h.AuthoredAt.Offset.TotalMinutes, ImportedById = actor.ContributorId, CreatedAt = now,
                };
                RevisionStore.Encode(revision, parent?.Text);
                db.Revisions.Add(revision);
                revisions.Add(revision);
                parent = revision;
            }

            await db.SaveChangesAsync(write);
            translation.HeadRevisionId = parent!.Id;
            if (publishWithoutReview)
            {
                translation.CurrentRevisionId = parent.Id;
            }

            await db.SaveChangesAsync(write);
            if (publishWithoutReview)
            {
                await DocumentSearch.RefreshAsync(db, translation.DocumentId, write);
            }

            var ids = revisions.Select(r => r.Id).ToList();
            await audit.AppendAsync(new AuditEntry(actor, AuditActions.HistoryImported, "translation", translationId, translation.DocumentId, new
            {
                revisionIds = ids,
                authors = history.Select(h => h.Author).Distinct(StringComparer.Ordinal),
                firstAuthoredAt = history[0].AuthoredAt,
                lastAuthoredAt = history[^1].AuthoredAt,
                headSha256 = parent.Sha256,
                publishedWithoutReview = publishWithoutReview,
                sourceRevisionIds = revisions.Select(r => r.SourceRevisionId),
            }), write);
            logger.LogInformation("Imported a history of {Count} revisions into translation {TranslationId} by {Actor}{Published}",
                ids.Count, translationId, actor.Name, publishWithoutReview ? ", published without review" : "");
            return ids;
        }, ct);
}
