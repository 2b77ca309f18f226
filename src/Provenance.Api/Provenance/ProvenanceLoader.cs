using Microsoft.EntityFrameworkCore;
using Provenance.Data;
using Provenance.Data.Entities;

namespace Provenance.Api.ProvenanceQuery;

/// <summary>A document with its archive, custody, translations, every revision and every citation, read in one go.</summary>
public sealed record ProvenanceGraph(Document Document, IReadOnlyList<Revision> Revisions, IReadOnlyList<Citation> Citations)
{
    public static async Task<ProvenanceGraph?> LoadAsync(ProvenanceDbContext db, long documentId, CancellationToken ct)
    {
        var document = await db.Documents.AsNoTracking()
            .Include(d => d.Archive)
            .Include(d => d.Custody)
            .Include(d => d.Translations).ThenInclude(t => t.Translator)
            .AsSplitQuery()
            .FirstOrDefaultAsync(d => d.Id == documentId, ct);
        if (document is null)
        {
            return null;
        }

        // Texts stay in the database: provenance needs hashes, not bodies.
        var revisions = await db.Revisions.AsNoTracking()
            .Where(r => r.Translation!.DocumentId == documentId)
            .OrderBy(r => r.TranslationId).ThenBy(r => r.Number)
            .Select(r => new Revision
            {
                Id = r.Id,
                TranslationId = r.TranslationId,
                Number = r.Number,
                ParentId = r.ParentId,
                AuthorId = r.AuthorId,
                Author = r.Author,
                Summary = r.Summary,
                Text = "",
                Sha256 = r.Sha256,
                Status = r.Status,
                Merged = r.Merged,
                BaseRevisionId = r.BaseRevisionId,
                ReviewerId = r.ReviewerId,
                Reviewer = r.Reviewer,
                ReviewComment = r.ReviewComment,
                ReviewedAt = r.ReviewedAt,
                CreatedAt = r.CreatedAt,
            })
            .ToListAsync(ct);
        var citations = await db.Citations.AsNoTracking()
            .Include(c => c.Revision)
            .Include(c => c.AddedBy)
            .Include(c => c.RetractedBy)
            .Where(c => c.DocumentId == documentId)
            .OrderBy(c => c.Id)
            .ToListAsync(ct);
        return new ProvenanceGraph(document, revisions, citations);
    }
}
