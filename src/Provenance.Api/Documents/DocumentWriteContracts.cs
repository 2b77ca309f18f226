using System.Text.Json;

namespace Provenance.Api.Documents;

public sealed record ArchiveInput(string? Code, string? Name);

public sealed record CustodyInput(string? Holder, string? Relation, string? Place);

/// <summary>
/// A document's metadata as a client writes it: the body of <c>POST /api/documents</c>, and the
/// <c>fields</c> of a proposed metadata change (where only the fields present change).
/// </summary>
/// <param name="Date">ISO 8601 as precise as known: <c>1962-10-24</c>, <c>1962-10</c> or <c>1962</c>.</param>
/// <param name="Rights">The record's rights statement.</param>
public sealed record DocumentMetadataInput(
    string? Title,
    string? Date,
    string? DateText,
    string? Summary,
    string? OriginalLanguage,
    ArchiveInput? Archive,
    string? ArchivalReference,
    IReadOnlyList<CustodyInput?>? Custody,
    string? PublisherUrl,
    IReadOnlyList<string?>? Markings,
    string? Rights);

public sealed record ContributorInput(string? Name, string? Role);

/// <summary>The body of <c>POST /api/documents/{id}/translations</c>.</summary>
/// <param name="Kind"><c>translation</c> or <c>original</c> (a transcription of the original).</param>
/// <param name="Text">The first text, stored as revision 1, proposed until someone else approves it.</param>
/// <param name="Summary">The first revision's edit summary.</param>
/// <param name="SourceRevisionId">With a text of kind <c>translation</c>: the revision of the document's original-language text it renders.</param>
public sealed record AddTranslationRequest(string? Language, string? Kind, IReadOnlyList<ContributorInput?>? Contributors, string? Text, string? Summary, long? SourceRevisionId = null);

public sealed record AddTranslationResponse(long Id, long? RevisionId);

public sealed record TranslationContributorView(string Name, string Role);

/// <summary>The body of <c>POST /api/documents/{id}/changes</c>: an edit summary and the fields to change.</summary>
public sealed record ProposeMetadataChangeRequest(string? Summary, JsonElement? Fields);

/// <summary>One field of a metadata change: its value before and as proposed (JSON in the document contract's shape).</summary>
public sealed record MetadataFieldDiff(string Field, JsonElement? Before, JsonElement? After);

public sealed record MetadataChangeView(
    long Id,
    long DocumentId,
    long? AuthorId,
    string? Author,
    string Summary,
    string Status,
    IReadOnlyList<MetadataFieldDiff> Fields,
    long? ReviewerId,
    string? Reviewer,
    string? ReviewComment,
    DateTimeOffset? ReviewedAt,
    DateTimeOffset CreatedAt);
