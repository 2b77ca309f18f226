namespace Provenance.Data.Entities;

/// <summary>
/// One append-only, hash-chained record of a change. <see cref="Hash"/> covers the canonical
/// content and <see cref="PreviousHash"/>, so editing or removing any event breaks the chain after it.
/// </summary>
public class AuditEvent
{
    public long Id { get; set; }
    /// <summary>1, 2, 3… without gaps: position in the chain.</summary>
    public long Sequence { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public long? ActorId { get; set; }
    public required string ActorName { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public long? EntityId { get; set; }
    /// <summary>The document the event concerns, so a document's history is one indexed query.</summary>
    public long? DocumentId { get; set; }
    /// <summary>JSON text exactly as hashed (stored as <c>json</c>, which keeps the text as written).</summary>
    public required string Details { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }
}
