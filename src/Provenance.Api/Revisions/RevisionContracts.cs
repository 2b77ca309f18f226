using Provenance.Data.Entities;

namespace Provenance.Api.Revisions;

/// <summary>A revision without its text, as listed in a translation's history.</summary>
public sealed record RevisionSummary(
    long Id,
    long TranslationId,
    int Number,
    long? ParentId,
    long? AuthorId,
    string? Author,
    string Summary,
    RevisionStatus Status,
    string Sha256,
    bool Merged,
    long? BaseRevisionId,
    long? ReviewerId,
    string? Reviewer,
    string? ReviewComment,
    DateTimeOffset? ReviewedAt,
    DateTimeOffset CreatedAt);

/// <summary>A revision with its full (NFC, LF) text.</summary>
public sealed record RevisionDetail(
    long Id,
    long TranslationId,
    long DocumentId,
    int Number,
    long? ParentId,
    long? AuthorId,
    string? Author,
    string Summary,
    RevisionStatus Status,
    string Sha256,
    bool Merged,
    long? BaseRevisionId,
    long? ReviewerId,
    string? Reviewer,
    string? ReviewComment,
    DateTimeOffset? ReviewedAt,
    DateTimeOffset CreatedAt,
    string Text);

/// <summary>Strong ETags of revisions, so a client can send <c>If-Match</c> with the base it edited.</summary>
public static class RevisionETag
{
    public static string For(long revisionId) => $"\"rev-{revisionId}\"";

    public static bool TryParse(string? etag, out long revisionId)
    {
        revisionId = 0;
        var value = etag?.Trim();
        return value is not null
            && value.StartsWith("\"rev-", StringComparison.Ordinal)
            && value.EndsWith('"')
            && long.TryParse(value.AsSpan(5, value.Length - 6), out revisionId);
    }
}
