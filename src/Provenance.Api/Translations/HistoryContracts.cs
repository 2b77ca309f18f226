namespace Provenance.Api.Translations;

/// <summary>One revision of an imported history, as it was: its text, historical author, date and message.</summary>
/// <param name="SourceRevisionId">The revision of the document's original-language text it renders; when left out, the previous revision's.</param>
public sealed record HistoryRevisionInput(string? Text, string? Author, DateTimeOffset? AuthoredAt, string? Summary, long? SourceRevisionId = null);

/// <summary>The body of <c>POST /api/translations/{id}/history</c>: the whole history, oldest first.</summary>
/// <param name="PublishWithoutReview">
/// Admin only: publish the newest revision without review, for migrating an archive whose texts are
/// already published elsewhere; the revision says so (<c>publishedWithoutReview</c>).
/// </param>
public sealed record ImportHistoryRequest(IReadOnlyList<HistoryRevisionInput?>? Revisions, bool? PublishWithoutReview);

public sealed record ImportHistoryResponse(IReadOnlyList<long> RevisionIds);

/// <summary>
/// One revision in a translation's history, oldest first: <see cref="Author"/> and <see cref="AuthoredAt"/>
/// are the historical ones for an imported revision, <see cref="ImportedBy"/> and <see cref="CreatedAt"/> who
/// imported it and when; for a revision written here the author wrote it at <see cref="CreatedAt"/>.
/// </summary>
public sealed record HistoryEntry(
    long RevisionId,
    int Number,
    long? ParentId,
    string? Author,
    DateTimeOffset AuthoredAt,
    string Summary,
    Data.Entities.RevisionStatus Status,
    string Sha256,
    string? ImportedBy,
    DateTimeOffset CreatedAt,
    bool PublishedWithoutReview,
    string? Reviewer,
    DateTimeOffset? ReviewedAt);
