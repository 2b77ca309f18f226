using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Provenance.Api.Editing;
using Provenance.Api.Hosting;
using Provenance.Data;
using Provenance.Data.Auditing;
using Provenance.Data.Entities;

namespace Provenance.Api.Documents;

/// <summary>
/// Proposed changes to a document's metadata. The review rule is the text revisions' rule: a change
/// is applied only when someone other than its author approves it; a rejected one is never applied.
/// A change whose fields were changed by another approved change meanwhile is answered 409 on
/// approval (its diff no longer says what it would do) and is proposed again.
/// </summary>
public sealed class MetadataChanges(ProvenanceDbContext db, AuditTrail audit, TimeProvider time, ILogger<MetadataChanges> logger)
{
    public async Task<MetadataChangeView> ProposeAsync(long documentId, string summary, IReadOnlyDictionary<string, JsonElement?> proposed, Actor actor, CancellationToken ct)
    {
        var id = await db.InWriteTransactionAsync(async write =>
        {
            var document = await LoadAsync(documentId, write);
            var current = MetadataFields.Read(document);
            var fields = MetadataFields.All
                .Where(f => proposed.ContainsKey(f) && !MetadataFields.SameValue(current[f], proposed[f]))
                .Select(f => new MetadataFieldChange(f, current[f], proposed[f]))
                .ToList();
            if (fields.Count == 0)
            {
                throw ProblemException.Validation("fields", "The change sets every field to the value it already has.");
            }

            var change = new MetadataChange
            {
                DocumentId = documentId, AuthorId = actor.ContributorId, Summary = summary, Fields = fields,
                Status = RevisionStatus.Proposed, CreatedAt = time.GetUtcNow(),
            };
            db.MetadataChanges.Add(change);
            await db.SaveChangesAsync(write);
            await audit.AppendAsync(new AuditEntry(actor, AuditActions.MetadataChangeProposed, "metadataChange", change.Id, documentId,
                new { summary, fields }), write);
            logger.LogInformation("Metadata change {ChangeId} of document {DocumentId} proposed by {Actor}", change.Id, documentId, actor.Name);
            return change.Id;
        }, ct);
        return await ViewAsync(id, ct);
    }

    public async Task<MetadataChangeView> ReviewAsync(long changeId, ReviewDecision decision, string? comment, Actor reviewer, CancellationToken ct)
    {
        var documentId = await db.MetadataChanges.Where(c => c.Id == changeId).Select(c => (long?)c.DocumentId).FirstOrDefaultAsync(ct)
            ?? throw ProblemException.NotFound("Metadata change", changeId);
        try
        {
            await db.InWriteTransactionAsync(async write =>
            {
                // Reviews of one document's changes go one at a time, so "unchanged since proposed" holds when applied.
                await db.Database.ExecuteSqlAsync($"SELECT 1 FROM documents WHERE id = {documentId} FOR UPDATE", write);
                var change = await db.MetadataChanges.FirstAsync(c => c.Id == changeId, write);
                ReviewRule.EnsureReviewable("metadata change", changeId, change.Status, reviewer, change.AuthorId);
                var now = time.GetUtcNow();
                if (decision == ReviewDecision.Approve)
                {
                    var document = await LoadAsync(documentId, write);
                    var current = MetadataFields.Read(document);
                    var moved = change.Fields.Where(f => !MetadataFields.SameValue(current[f.Field], f.Before)).Select(f => f.Field).ToList();
                    if (moved.Count > 0)
                    {
                        throw new ProblemException(StatusCodes.Status409Conflict, "Stale metadata change",
                            $"{string.Join(", ", moved)} changed since this change was proposed; propose it again against the current values.",
                            new Dictionary<string, object?> { ["fields"] = moved });
                    }

                    await MetadataFields.ApplyAsync(db, document, change.Fields.ToDictionary(f => f.Field, f => f.After, StringComparer.Ordinal), now, write);
                }

                change.Status = decision == ReviewDecision.Approve ? RevisionStatus.Approved : RevisionStatus.Rejected;
                change.ReviewerId = reviewer.ContributorId;
                change.ReviewComment = comment;
                change.ReviewedAt = now;
                await db.SaveChangesAsync(write);
                if (decision == ReviewDecision.Approve)
                {
                    await DocumentSearch.RefreshAsync(db, documentId, write);
                }

                await audit.AppendAsync(new AuditEntry(reviewer, AuditActions.MetadataChangeReviewed, "metadataChange", changeId, documentId, new
                {
                    decision = decision == ReviewDecision.Approve ? "approve" : "reject",
                    comment,
                    applied = decision == ReviewDecision.Approve,
                    fields = change.Fields.Select(f => f.Field),
                }), write);
                logger.LogInformation("Metadata change {ChangeId} {Decision} by {Reviewer}", changeId, change.Status, reviewer.Name);
                return changeId;
            }, ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            throw new ProblemException(StatusCodes.Status409Conflict, "Document exists",
                "Another document already has the proposed publisherUrl: a record's identity is its publisher URL.");
        }

        return await ViewAsync(changeId, ct);
    }

    public async Task<List<MetadataChangeView>> ListAsync(long documentId, CancellationToken ct) =>
        (await Rows(db.MetadataChanges.Where(c => c.DocumentId == documentId).OrderByDescending(c => c.Id)).ToListAsync(ct)).Select(ToView).ToList();

    private async Task<MetadataChangeView> ViewAsync(long changeId, CancellationToken ct) =>
        ToView(await Rows(db.MetadataChanges.Where(c => c.Id == changeId)).FirstAsync(ct));

    private static IQueryable<ChangeRow> Rows(IQueryable<MetadataChange> changes) => changes.AsNoTracking()
        .Select(c => new ChangeRow(c, c.Author == null ? null : c.Author.Name, c.Reviewer == null ? null : c.Reviewer.Name));

    private static MetadataChangeView ToView(ChangeRow row) => new(
        row.Change.Id, row.Change.DocumentId, row.Change.AuthorId, row.Author, row.Change.Summary, row.Change.Status.ToString().ToLowerInvariant(),
        row.Change.Fields.Select(f => new MetadataFieldDiff(f.Field, f.Before, f.After)).ToList(),
        row.Change.ReviewerId, row.Reviewer, row.Change.ReviewComment, row.Change.ReviewedAt, row.Change.CreatedAt);

    private sealed record ChangeRow(MetadataChange Change, string? Author, string? Reviewer);

    private async Task<Document> LoadAsync(long documentId, CancellationToken ct) =>
        await db.Documents.Include(d => d.Archive).Include(d => d.Custody).AsSplitQuery().FirstOrDefaultAsync(d => d.Id == documentId, ct)
        ?? throw ProblemException.NotFound("Document", documentId);
}
