namespace Provenance.Data.Entities;

/// <summary>One immutable full text of a translation.</summary>
public class Revision
{
    public long Id { get; set; }
    public long TranslationId { get; set; }
    public Translation? Translation { get; set; }
    /// <summary>1, 2, 3… within the translation.</summary>
    public int Number { get; set; }
    public long? ParentId { get; set; }
    public Revision? Parent { get; set; }
    public long? AuthorId { get; set; }
    public Contributor? Author { get; set; }
    public required string Summary { get; set; }
    /// <summary>
    /// NFC, LF-only text. Not a column: the API-facing text, set by writers and filled by
    /// <see cref="RevisionStore"/> where read (ADR 0005).
    /// </summary>
    public required string Text { get; set; }
    /// <summary>True when <see cref="StoredText"/> holds the full text; false when <see cref="Delta"/> holds a delta against the parent.</summary>
    public bool Snapshot { get; set; }
    /// <summary>The full text of a snapshot row (column <c>text</c>); NULL on delta rows. Set by <see cref="RevisionStore.Encode"/>.</summary>
    public string? StoredText { get; set; }
    /// <summary>A <see cref="RevisionDelta"/> against the parent's text; NULL on snapshot rows.</summary>
    public byte[]? Delta { get; set; }
    /// <summary>Lower-case hex SHA-256 of the UTF-8 text.</summary>
    public required string Sha256 { get; set; }
    public RevisionStatus Status { get; set; }
    /// <summary>True when the text was produced by merging a stale submission into the head.</summary>
    public bool Merged { get; set; }
    /// <summary>The revision the editor edited from, when it was not the parent (a merged submission).</summary>
    public long? BaseRevisionId { get; set; }
    /// <summary>
    /// The revision of the original-language text (a text of kind <c>original</c> of the same document) this revision
    /// renders; null when nobody said. Kept per revision, so a proposal naming a newer original changes nothing the
    /// published text claims until it is approved (ADR 0010).
    /// </summary>
    public long? SourceRevisionId { get; set; }
    public long? ReviewerId { get; set; }
    public Contributor? Reviewer { get; set; }
    public string? ReviewComment { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    /// <summary>
    /// Approved without a reviewer: an import that explicitly published a migrated archive (an admin's, or the
    /// seeds at first start). Every other approved revision has a reviewer other than its authors.
    /// </summary>
    public bool PublishedWithoutReview { get; set; }
    /// <summary>When the server stored the revision (for an imported one: when it was imported).</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>An imported revision's historical date (e.g. its git commit's author date); null when written here.</summary>
    public DateTimeOffset? AuthoredAt { get; set; }
    /// <summary>The UTC offset <see cref="AuthoredAt"/> was given with, in minutes (PostgreSQL keeps the instant only), so an export shows the date as written.</summary>
    public short? AuthoredOffsetMinutes { get; set; }
    /// <summary>Who imported an imported revision; <see cref="AuthorId"/> is then its historical author.</summary>
    public long? ImportedById { get; set; }
    public Contributor? ImportedBy { get; set; }
}

public enum RevisionStatus
{
    Proposed,
    Approved,
    Rejected,
    Superseded,
}
