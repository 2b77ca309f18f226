using Provenance.Data.Auditing;

namespace Provenance.Cli.BulkImport;

public sealed record BulkImportOptions
{
    /// <summary>Records written per transaction.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>Threads that read and parse files.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Who the audit events name; the importing service by default, as for seeds.</summary>
    public Actor Actor { get; init; } = Actor.System;
}

/// <summary>What importing one record did; the same four outcomes as <c>RecordImporter</c>.</summary>
public enum BulkRecordChange
{
    /// <summary>The record and its text were already stored.</summary>
    None,
    Document,
    Translation,
    Revision,
}

public sealed record BulkImportFailure(string File, IReadOnlyList<string> Reasons);

/// <summary>The outcome of one file, in folder order.</summary>
public sealed record BulkRecordOutcome(string File, BulkRecordChange Change, long DocumentId, long TranslationId, long RevisionId);

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

    internal void Add(BulkRecordOutcome outcome)
    {
        Outcomes.Add(outcome);
        switch (outcome.Change)
        {
            case BulkRecordChange.Document: CreatedDocuments++; break;
            case BulkRecordChange.Translation: NewTranslations++; break;
            case BulkRecordChange.Revision: NewRevisions++; break;
            default: Unchanged++; break;
        }
    }
}

/// <summary>Progress after each written batch: records done of the folder's total.</summary>
public readonly record struct BulkImportProgress(int Done, int Total, int Failed, TimeSpan Elapsed);
