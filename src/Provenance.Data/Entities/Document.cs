namespace Provenance.Data.Entities;

/// <summary>One archival record and what is known of where it came from.</summary>
public class Document
{
    public long Id { get; set; }
    public required string Title { get; set; }
    public string? DateText { get; set; }
    public DateOnly? Date { get; set; }
    public DatePrecision DatePrecision { get; set; }
    public string? Summary { get; set; }
    /// <summary>BCP 47 tag of the original, e.g. <c>ru</c>.</summary>
    public string? OriginalLanguage { get; set; }
    public string? OriginalLanguageName { get; set; }
    public long? ArchiveId { get; set; }
    public Archive? Archive { get; set; }
    public string? ArchivalReference { get; set; }
    public string? CitationText { get; set; }
    public string? PublisherName { get; set; }
    public string? PublisherUrl { get; set; }
    public string? PublisherRecordId { get; set; }
    /// <summary>The record's closing <c>[Source: ...]</c> note as written.</summary>
    public string? SourceNote { get; set; }
    public List<string> Markings { get; set; } = [];
    public List<CustodyStep> Custody { get; set; } = [];
    public List<RecordSection> ExtraSections { get; set; } = [];
    public List<Footnote> Footnotes { get; set; } = [];
    public List<Translation> Translations { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public enum DatePrecision
{
    Unknown,
    Year,
    Month,
    Day,
}

/// <summary>One link of the custody chain: who held the document (or a copy) and how.</summary>
public class CustodyStep
{
    public long Id { get; set; }
    public long DocumentId { get; set; }
    public int Order { get; set; }
    public required string Holder { get; set; }
    public required string Relation { get; set; }
    public string? Place { get; set; }
}

/// <summary>A section of the source record that has no column of its own (e.g. Rights), kept verbatim.</summary>
public sealed record RecordSection(string Name, string Text);

/// <summary>A note of the record kept apart from its text; <see cref="Marker"/> is how the text refers to it ("1").</summary>
public sealed record Footnote(string Marker, string Text);
