using Provenance.Api.Citations;
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
    string Text)
{
    /// <summary>Approved without a reviewer by an explicit migration import (the seeds, or an admin's; ADR 0006).</summary>
    public bool PublishedWithoutReview { get; init; }

    /// <summary>The revision of the original-language text this revision renders (ADR 0010); null when nobody said.</summary>
    public long? SourceRevisionId { get; init; }
}

/// <summary>
/// Strong ETags of revisions, so a client can send <c>If-Match</c> with the base it edited. The read endpoints'
/// tags (<c>"rev-42-…"</c>, see <c>CacheValidators</c>) start the same way and name the same revision.
/// </summary>
public static class RevisionETag
{
    public static string For(long revisionId) => $"\"rev-{revisionId}\"";

    public static bool TryParse(string? etag, out long revisionId)
    {
        revisionId = 0;
        var value = etag?.Trim();
        if (value is null || !value.StartsWith("\"rev-", StringComparison.Ordinal) || !value.EndsWith('"') || value.Length < 7)
        {
            return false;
        }

        var inner = value.AsSpan(5, value.Length - 6);
        var dash = inner.IndexOf('-');
        var digits = dash < 0 ? inner : inner[..dash];
        return digits.Length > 0 && char.IsAsciiDigit(digits[0])
            && (dash < 0 || inner[(dash + 1)..] is { Length: > 0 } rest && !rest.ContainsAnyExcept(SuffixCharacters))
            && long.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out revisionId);
    }

    private static readonly System.Buffers.SearchValues<char> SuffixCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-");
}

/// <summary>
/// An editor's submission. Only these fields are read; anything else in the body (ids, authors,
/// hashes, statuses, timestamps) is ignored, because the server owns those columns.
/// </summary>
/// <param name="BaseRevisionId">The revision the text was edited from; or send <c>If-Match</c> with its ETag.</param>
/// <param name="SourceRevisionId">The revision of the document's original-language text this text renders; when left out, the parent's.</param>
public sealed record SubmitRevisionRequest(long? BaseRevisionId, string? Text, string? Summary, IReadOnlyList<CitationInput>? Citations, long? SourceRevisionId = null);

/// <summary>A reviewer's decision on a proposed revision.</summary>
/// <param name="Decision"><c>approve</c> or <c>reject</c>.</param>
/// <param name="Comment">Why; required when rejecting.</param>
public sealed record ReviewRequest(string? Decision, string? Comment);

/// <summary>A conflicting region of a stale submission, in base-revision line numbers (1-based).</summary>
public sealed record ConflictView(int BaseStartLine, int BaseLineCount, string BaseText, string HeadText, string SubmittedText);

/// <summary>One revision's text as a reader sees it: the published one by default, the head on request.</summary>
public sealed record TranslationText(
    long TranslationId,
    long RevisionId,
    int Number,
    RevisionStatus Status,
    bool Published,
    bool Head,
    string Sha256,
    string Text);
