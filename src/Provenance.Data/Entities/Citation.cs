namespace Provenance.Data.Entities;

/// <summary>A structured reference attached to a document or one of its revisions; retracted, never deleted.</summary>
public class Citation
{
    public long Id { get; set; }
    public long DocumentId { get; set; }
    public Document? Document { get; set; }
    public long? RevisionId { get; set; }
    public Revision? Revision { get; set; }
    public CitationKind Kind { get; set; }
    /// <summary>The citation as written in the source record, when it came from one.</summary>
    public string? Text { get; set; }
    public string? Archive { get; set; }
    public string? Collection { get; set; }
    public string? Fond { get; set; }
    public string? Opis { get; set; }
    public string? Delo { get; set; }
    public string? Locator { get; set; }
    public string? Title { get; set; }
    public string? Publisher { get; set; }
    public int? Year { get; set; }
    public string? Url { get; set; }
    public string? Note { get; set; }
    public long? AddedById { get; set; }
    public Contributor? AddedBy { get; set; }
    public DateTimeOffset AddedAt { get; set; }
    public long? RetractedById { get; set; }
    public Contributor? RetractedBy { get; set; }
    public DateTimeOffset? RetractedAt { get; set; }
    public string? RetractionReason { get; set; }
}

public enum CitationKind
{
    Archival,
    Published,
    Editorial,
}
