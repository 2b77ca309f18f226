namespace Provenance.Data.Auditing;

/// <summary>Who did something: a contributor, or the service itself.</summary>
public sealed record Actor(long? ContributorId, string Name)
{
    public static readonly Actor System = new(null, "system");
}

/// <summary>What an audit event says, before it is chained and stored.</summary>
public sealed record AuditEntry(
    Actor Actor,
    string Action,
    string EntityType,
    long? EntityId,
    long? DocumentId,
    object? Details = null);

/// <summary>Audit action names, as stored and filtered on.</summary>
public static class AuditActions
{
    public const string ArchiveCreated = "archive.created";
    public const string DocumentCreated = "document.created";
    public const string DocumentImported = "document.imported";
    public const string TranslationImported = "translation.imported";
    public const string RevisionImported = "revision.imported";
    public const string TranslationCreated = "translation.created";
    public const string RevisionSubmitted = "revision.submitted";
    public const string RevisionMerged = "revision.merged";
    public const string RevisionReviewed = "revision.reviewed";
    public const string CitationAdded = "citation.added";
    public const string CitationRetracted = "citation.retracted";
    public const string KeyCreated = "key.created";
    public const string KeyRevoked = "key.revoked";
    public const string HistoryImported = "history.imported";
    public const string MetadataChangeProposed = "metadata.proposed";
    public const string MetadataChangeReviewed = "metadata.reviewed";
}
