using Microsoft.EntityFrameworkCore;
using Provenance.Api.Hosting;
using Provenance.Data;
using Provenance.Data.Auditing;
using Provenance.Data.Imports;
using Provenance.Import;

namespace Provenance.Api.Imports;

public sealed record ImportOutcome(
    long DocumentId, long TranslationId, long RevisionId, bool Created, ImportChange Change, IReadOnlyList<RecordProblem> Warnings);

/// <summary>
/// Imports one archive record through the one import write path (<see cref="RecordWriter"/>, a batch of one):
/// the same record again changes nothing; a new or changed text is a proposed revision by
/// <paramref name="actor"/>'s contributor unless a migration was asked for (ADR 0006).
/// </summary>
public sealed class RecordImporter(ProvenanceDbContext db, AuditTrail audit, TimeProvider time, ILogger<RecordImporter> logger)
{
    /// <summary>Parses and stores a record; a record that does not parse, or does not fit the columns, is a 422 naming the fields.</summary>
    public async Task<ImportOutcome> ImportAsync(string recordText, ImportPublication publication, Actor actor, CancellationToken ct)
    {
        var prepared = new RecordPreparer(db.Model).Prepare("request", recordText);
        var result = prepared.IsValid ? (await new RecordWriter(db, audit, time).WriteAsync([prepared], publication, actor, ct))[0] : null;
        if (result is not { Succeeded: true })
        {
            throw ProblemException.Validation((result?.Errors ?? prepared.Errors)
                .GroupBy(e => e.Field, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal));
        }

        if (result.Change != ImportChange.None)
        {
            logger.LogInformation("Imported {DocumentTitle} ({Change}) as document {DocumentId}, revision {RevisionId} ({Publication})",
                prepared.Record!.Title, result.Change, result.DocumentId, result.RevisionId, publication);
        }

        return new ImportOutcome(result.DocumentId, result.TranslationId, result.RevisionId, result.Change != ImportChange.None,
            result.Change, prepared.Warnings);
    }

    /// <summary>The status of the revision an import named ("proposed", "approved", …).</summary>
    public async Task<string> StatusAsync(long revisionId, CancellationToken ct) =>
        (await db.Revisions.Where(r => r.Id == revisionId).Select(r => r.Status).FirstAsync(ct)).ToString().ToLowerInvariant();
}
