using System.Text.Json;

namespace Provenance.Data.Entities;

/// <summary>
/// A proposed change to a document's metadata, reviewed by someone other than its author like a
/// text revision; <see cref="Fields"/> is its field-by-field diff, applied only when approved.
/// </summary>
public class MetadataChange
{
    public long Id { get; set; }
    public long DocumentId { get; set; }
    public Document? Document { get; set; }
    public long? AuthorId { get; set; }
    public Contributor? Author { get; set; }
    public required string Summary { get; set; }
    public List<MetadataFieldChange> Fields { get; set; } = [];
    /// <summary>Proposed, approved or rejected (a change is never superseded: each one stands alone).</summary>
    public RevisionStatus Status { get; set; }
    public long? ReviewerId { get; set; }
    public Contributor? Reviewer { get; set; }
    public string? ReviewComment { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One field's value before and after, in the document contract's JSON shape (null: no value).</summary>
public sealed record MetadataFieldChange(string Field, JsonElement? Before, JsonElement? After);
