using System.Text.Json;

namespace Provenance.Api.Audit;

/// <summary>One audit event as served: <see cref="Details"/> is the stored JSON, parsed.</summary>
public sealed record AuditEventView(
    long Id,
    long Sequence,
    DateTimeOffset OccurredAt,
    long? ActorId,
    string Actor,
    string Action,
    string EntityType,
    long? EntityId,
    long? DocumentId,
    JsonElement Details,
    string PreviousHash,
    string Hash);

public sealed record AuditPage(IReadOnlyList<AuditEventView> Items, int Total, int Page, int PageSize);

/// <summary>
/// The answer of a chain walk. <see cref="HeadHash"/> is the hash of the last event checked: keep it
/// somewhere else (a log, a ticket, a signed mail) and a later walk also proves nothing was cut off the end.
/// <see cref="FirstMismatchedRevisionId"/> names the first revision whose stored facts (hash, author, parent,
/// number, summary, status, reviewer) differ from the events that recorded them; the event is then
/// <see cref="FirstBrokenEventId"/>, or null when no event records the revision at all.
/// </summary>
public sealed record AuditVerification(
    bool Ok,
    long Checked,
    long? FirstBrokenEventId,
    long? FirstBrokenSequence,
    string? Reason,
    string? HeadHash,
    long? FirstMismatchedRevisionId = null);
