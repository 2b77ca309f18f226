using Provenance.Import;

namespace Provenance.Data.Imports;

/// <summary>What importing one record did.</summary>
public enum ImportChange
{
    /// <summary>The record and its text were already stored.</summary>
    None,
    /// <summary>A new document with its first translation and revision.</summary>
    Document,
    /// <summary>A new translation (with its first revision) of a known document.</summary>
    Translation,
    /// <summary>A new revision of a known translation: the record's text changed.</summary>
    Revision,
}

/// <summary>How an imported text reaches readers (ADR 0006).</summary>
public enum ImportPublication
{
    /// <summary>A new or changed text is a proposed revision by the importing contributor, reviewed like any other.</summary>
    Review,

    /// <summary>
    /// A published archive migrated as it is: the text is published at once, authored by the record's translator,
    /// and marked <see cref="Entities.Revision.PublishedWithoutReview"/> in the revision and its audit event.
    /// Only for the seeds and for an admin who asks for it explicitly.
    /// </summary>
    Migration,
}

/// <summary>The outcome of one record of a batch: what it changed and where, or why it failed.</summary>
public sealed record RecordWriteResult(
    PreparedRecord Record,
    ImportChange Change,
    long DocumentId,
    long TranslationId,
    long RevisionId,
    IReadOnlyList<RecordProblem> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static RecordWriteResult Failed(PreparedRecord record, IReadOnlyList<RecordProblem> errors) =>
        new(record, ImportChange.None, 0, 0, 0, errors);
}
