namespace Provenance.Import;

/// <summary>Outcome of reading one record: the record when it is usable, and what was wrong or missing.</summary>
public sealed record RecordParseResult(
    ParsedRecord? Record,
    IReadOnlyList<RecordProblem> Errors,
    IReadOnlyList<RecordProblem> Warnings)
{
    public bool IsSuccess => Record is not null && Errors.Count == 0;
}

/// <summary>One problem with a record; <see cref="Field"/> names the part (title, body, date, source, …).</summary>
public sealed record RecordProblem(string Field, string Message);

public enum DatePrecision
{
    Unknown = 0,
    Year,
    Month,
    Day,
}

/// <summary>A record as its publisher wrote it, split into the parts Provenance stores.</summary>
public sealed record ParsedRecord
{
    public required string Title { get; init; }
    /// <summary>The title as the record's header lines spell it, when they differ from the citation's quoted title.</summary>
    public string? HeaderTitle { get; init; }

    public string? DateText { get; init; }
    public DateOnly? Date { get; init; }
    public DatePrecision DatePrecision { get; init; }
    /// <summary>True for "c. 1962", "ca. 1962", "early 1962" and the like.</summary>
    public bool DateIsApproximate { get; init; }

    public string? CitationText { get; init; }
    public string? PublisherName { get; init; }
    public string? PublisherUrl { get; init; }
    public string? PublisherRecordId { get; init; }

    public string? Summary { get; init; }

    public string? OriginalLanguageName { get; init; }
    /// <summary>BCP 47 tag of the first original language.</summary>
    public string? OriginalLanguage { get; init; }
    /// <summary>BCP 47 tags of every recognized original language, in the order written.</summary>
    public IReadOnlyList<string> OriginalLanguages { get; init; } = [];

    /// <summary>The Contents section as written ("Translation - English").</summary>
    public string? ContentsText { get; init; }
    public string? ContentsKind { get; init; }
    public string? ContentsLanguage { get; init; }

    public IReadOnlyList<string> Markings { get; init; } = [];
    public required string Body { get; init; }
    public IReadOnlyList<Footnote> Footnotes { get; init; } = [];
    public SourceNote? Source { get; init; }
    /// <summary>Translator from the source note, else from the citation.</summary>
    public string? Translator { get; init; }
    public IReadOnlyList<string> Translators { get; init; } = [];
    public IReadOnlyList<RecordSection> ExtraSections { get; init; } = [];
}

/// <summary>
/// A note kept apart from the body. <see cref="Marker"/> is how the text refers to it ("1", "a", "*");
/// <see cref="Number"/> is set when the marker is numeric.
/// </summary>
public sealed record Footnote(string Marker, int? Number, string Text);

/// <summary>A bold-labelled section the reader has no field for, kept as written.</summary>
public sealed record RecordSection(string Name, string Text);

/// <summary>The closing "[Source: …]" note: who holds the original, how copies travelled, who translated.</summary>
public sealed record SourceNote
{
    public required string Text { get; init; }
    public string? HoldingArchiveCode { get; init; }
    public string? HoldingArchiveName { get; init; }
    public string? HoldingPlace { get; init; }
    /// <summary>Fond/opis/delo or document number given after the holding archive.</summary>
    public string? ArchivalReference { get; init; }
    public IReadOnlyList<CustodyStep> Custody { get; init; } = [];
    public string? Translator { get; init; }
    public IReadOnlyList<string> Translators { get; init; } = [];
}

/// <summary>
/// One link of the custody chain. <see cref="Relation"/> is a lower-case verb phrase
/// ("held original", "copy courtesy of", "provided to", …).
/// </summary>
public sealed record CustodyStep(int Order, string Holder, string Relation, string? Place)
{
    /// <summary>Full name when the holder is a known archive or was written as "Name (CODE)".</summary>
    public string? HolderName { get; init; }
    public string? Reference { get; init; }
}
