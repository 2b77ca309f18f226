using Provenance.Import;

namespace Provenance.Data.Imports;

// The rows one batch reads and writes. A row that is not new already exists in the database;
// a new row gets its id from the table's identity sequence before it is copied in.

internal sealed class ContributorRow(string? name)
{
    public long Id { get; set; }
    public string? Name { get; } = name;
    public bool IsNew { get; init; }
}

internal sealed class ArchiveRow(string code)
{
    public long Id { get; set; }
    public string Code { get; } = code;
    public string Name { get; init; } = code;
    public string? Place { get; init; }
    public bool IsNew { get; init; }
}

internal sealed class DocumentRow
{
    public long Id { get; set; }
    public bool IsNew { get; init; }
    /// <summary>The record a new document is made from.</summary>
    public PreparedRecord? Source { get; init; }
    public ArchiveRow? Archive { get; init; }
    public List<TranslationRow> Translations { get; } = [];
    /// <summary>An existing document whose text changed: its <c>updated_at</c> moves.</summary>
    public bool Touched { get; set; }
}

internal sealed class TranslationRow
{
    public long Id { get; set; }
    public bool IsNew { get; init; }
    public required DocumentRow Document { get; init; }
    public required string Language { get; init; }
    public required string Kind { get; init; }
    public ContributorRow? Translator { get; init; }
    public RevisionRow? Head { get; set; }
    public bool HeadMoved { get; set; }
    /// <summary>Texts already in this translation's history (of those the batch asked about), by SHA-256: the newest revision.</summary>
    public Dictionary<string, RevisionRow> KnownTexts { get; } = new(StringComparer.Ordinal);
}

internal sealed class RevisionRow
{
    public long Id { get; set; }
    public int Number { get; init; }
    public bool IsNew { get; init; }
    public TranslationRow? Translation { get; init; }
    public RevisionRow? Parent { get; init; }
    public PreparedRecord? Source { get; init; }
}

internal sealed class CitationRow
{
    public long Id { get; set; }
    public required DocumentRow Document { get; init; }
    public required PreparedRecord Source { get; init; }
}

/// <summary>What one record of the batch does, decided in order as if the records came one by one.</summary>
internal sealed record PlannedStep(
    PreparedRecord Record,
    ImportChange Change,
    DocumentRow Document,
    TranslationRow Translation,
    RevisionRow Revision,
    CitationRow? Citation,
    RecordProblem[]? Error = null);

internal sealed class BatchPlan
{
    public List<PlannedStep> Steps { get; } = [];
    public List<ContributorRow> NewContributors { get; } = [];
    public List<ArchiveRow> NewArchives { get; } = [];
    public List<DocumentRow> NewDocuments { get; } = [];
    public List<TranslationRow> NewTranslations { get; } = [];
    public List<RevisionRow> NewRevisions { get; } = [];
    public List<CitationRow> NewCitations { get; } = [];

    public int NewCustodySteps => NewDocuments.Sum(d => d.Source!.Record!.Source?.Custody.Count ?? 0);
}
