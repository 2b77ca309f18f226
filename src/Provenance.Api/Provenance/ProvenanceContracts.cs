using Provenance.Api.Citations;

namespace Provenance.Api.ProvenanceQuery;

public sealed record ProvenanceArchive(string Code, string Name, string? Place);

public sealed record ProvenancePublisher(string? Name, string? Url, string? RecordId);

public sealed record ProvenanceCustodyStep(int Order, string Holder, string Relation, string? Place);

public sealed record ProvenanceDocument(
    long Id,
    string Title,
    string? Date,
    string? DateText,
    string? OriginalLanguage,
    string? OriginalLanguageName,
    IReadOnlyList<string> Markings,
    string? ArchivalReference,
    string? SourceNote,
    ProvenanceArchive? Archive,
    IReadOnlyList<ProvenanceCustodyStep> Custody,
    ProvenancePublisher Publisher);

public sealed record ProvenanceRevision(
    long Id,
    int Number,
    long? ParentId,
    long? AuthorId,
    string? Author,
    string Summary,
    string Status,
    long? ReviewerId,
    string? Reviewer,
    DateTimeOffset? ReviewedAt,
    string? ReviewComment,
    string Sha256,
    DateTimeOffset CreatedAt,
    bool Merged,
    long? BaseRevisionId);

public sealed record ProvenanceTranslation(
    long Id,
    string Language,
    string Kind,
    long? TranslatorId,
    string? Translator,
    long? CurrentRevisionId,
    long? HeadRevisionId,
    DateTimeOffset CreatedAt,
    IReadOnlyList<ProvenanceRevision> Revisions);

/// <summary>Where a document comes from and everything done to its texts since.</summary>
public sealed record ProvenanceReport(
    ProvenanceDocument Document,
    IReadOnlyList<ProvenanceTranslation> Translations,
    IReadOnlyList<CitationView> Citations);
