using Provenance.Data.Auditing;
using Provenance.Data.Imports;

namespace Provenance.Cli.BulkImport;

public sealed record BulkImportOptions
{
    /// <summary>Records written per transaction.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>Threads that read and parse files.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Who the audit events name (and, under review, who proposed the texts); the importing service by default, as for seeds.</summary>
    public Actor Actor { get; init; } = Actor.System;

    /// <summary>Proposed revisions by default; <c>--publish</c> migrates a published archive as it is (ADR 0006).</summary>
    public ImportPublication Publication { get; init; } = ImportPublication.Review;
}

public sealed record BulkImportFailure(string File, IReadOnlyList<string> Reasons);

/// <summary>The outcome of one file, in folder order.</summary>
public sealed record BulkRecordOutcome(string File, ImportChange Change, long DocumentId, long TranslationId, long RevisionId);

public sealed class BulkImportSummary
{
    public int Files { get; set; }
    /// <summary>Records that created a document (with its first translation and revision).</summary>
    public int CreatedDocuments { get; set; }
    /// <summary>Records that added a translation to a known document.</summary>
    public int NewTranslations { get; set; }
    /// <summary>Records whose changed text added a revision to a known translation.</summary>
    public int NewRevisions { get; set; }
    public int Unchanged { get; set; }
    public List<BulkImportFailure> Failed { get; } = [];
    public List<BulkRecordOutcome> Outcomes { get; } = [];
    public TimeSpan Elapsed { get; set; }

    public int Processed => CreatedDocuments + NewTranslations + NewRevisions + Unchanged + Failed.Count;

    public double RecordsPerSecond => Elapsed > TimeSpan.Zero ? Files / Elapsed.TotalSeconds : 0;

    internal void Add(RecordWriteResult result)
    {
        if (!result.Succeeded)
        {
            Failed.Add(new BulkImportFailure(result.Record.File, [.. result.Errors.Select(e => $"{e.Field}: {e.Message}")]));
            return;
        }

        Outcomes.Add(new BulkRecordOutcome(result.Record.File, result.Change, result.DocumentId, result.TranslationId, result.RevisionId));
        switch (result.Change)
        {
            case ImportChange.Document: CreatedDocuments++; break;
            case ImportChange.Translation: NewTranslations++; break;
            case ImportChange.Revision: NewRevisions++; break;
            default: Unchanged++; break;
        }
    }
}

/// <summary>Progress after each written batch: records done of the folder's total.</summary>
public readonly record struct BulkImportProgress(int Done, int Total, int Failed, TimeSpan Elapsed);
