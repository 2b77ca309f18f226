using Provenance.Data.Entities;

namespace Provenance.Api.Citations;

/// <summary>
/// A new citation, alone or with a submitted revision. Only these fields are read: ids, authors,
/// timestamps and retraction come from the server. <c>kind</c> is <c>archival</c> (needs
/// <c>archive</c>), <c>published</c> (needs <c>title</c>) or <c>editorial</c> (needs <c>note</c>).
/// </summary>
/// <param name="RevisionId">The revision it justifies; a citation sent with a submission always belongs to the new revision.</param>
public sealed record CitationInput(
    string? Kind,
    long? RevisionId,
    string? Text,
    string? Archive,
    string? Collection,
    string? Fond,
    string? Opis,
    string? Delo,
    string? Locator,
    string? Title,
    string? Publisher,
    int? Year,
    string? Url,
    string? Note);

public sealed record RetractCitationRequest(string? Reason);

public sealed record CitationView(
    long Id,
    long DocumentId,
    long? RevisionId,
    int? RevisionNumber,
    string Kind,
    string? Text,
    string? Archive,
    string? Collection,
    string? Fond,
    string? Opis,
    string? Delo,
    string? Locator,
    string? Title,
    string? Publisher,
    int? Year,
    string? Url,
    string? Note,
    long? AddedById,
    string? AddedBy,
    DateTimeOffset AddedAt,
    bool Retracted,
    long? RetractedById,
    string? RetractedBy,
    DateTimeOffset? RetractedAt,
    string? RetractionReason)
{
    public static CitationView From(Citation c) => new(
        c.Id, c.DocumentId, c.RevisionId, c.Revision?.Number, c.Kind.ToString().ToLowerInvariant(), c.Text,
        c.Archive, c.Collection, c.Fond, c.Opis, c.Delo, c.Locator, c.Title, c.Publisher, c.Year, c.Url, c.Note,
        c.AddedById, c.AddedBy?.Name, c.AddedAt,
        c.RetractedAt is not null, c.RetractedById, c.RetractedBy?.Name, c.RetractedAt, c.RetractionReason);

    /// <summary>The archival reference as one locator string: <c>Collection, f. 1, op. 2, d. 3, l. 4</c>.</summary>
    public static string? ArchiveLocation(Citation c)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(c.Collection)) { parts.Add(c.Collection); }
        if (!string.IsNullOrWhiteSpace(c.Fond)) { parts.Add($"f. {c.Fond}"); }
        if (!string.IsNullOrWhiteSpace(c.Opis)) { parts.Add($"op. {c.Opis}"); }
        if (!string.IsNullOrWhiteSpace(c.Delo)) { parts.Add($"d. {c.Delo}"); }
        if (!string.IsNullOrWhiteSpace(c.Locator)) { parts.Add(c.Locator); }
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }
}
