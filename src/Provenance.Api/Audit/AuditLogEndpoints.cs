using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Provenance.Data;
using Provenance.Data.Auditing;
using Provenance.Data.Entities;

namespace Provenance.Api.Audit;

/// <summary>An inclusion proof: the audit path of leaf <see cref="LeafIndex"/> (sequence − 1) in the tree of <see cref="TreeSize"/> leaves.</summary>
public sealed record InclusionProofView(long LeafIndex, long TreeSize, IReadOnlyList<string> Hashes);

/// <summary>A consistency proof (RFC 9162 §2.1.4) that the tree of <see cref="From"/> leaves is a prefix of the one of <see cref="To"/>.</summary>
public sealed record ConsistencyProofView(long From, long To, IReadOnlyList<string> Hashes);

/// <summary>What a saved checkpoint says about today's log (see <see cref="AuditLogCheckResult"/>).</summary>
public sealed record CheckpointVerification(bool Ok, bool Consistent, long TreeSize, long? DivergesAt, long CheckpointSize, string? Reason);

/// <summary>The audit event a receipt proves: <see cref="Canonical"/> is the text its <see cref="Hash"/> is the SHA-256 of.</summary>
public sealed record ReceiptEvent(long Sequence, string Action, string EntityType, long? EntityId, string Hash, string Canonical);

/// <summary>
/// Proof that an event is in the log: a signed checkpoint, the event's leaf index and its inclusion proof against
/// that checkpoint. A citation pinned to a revision carries the revision's receipt too.
/// </summary>
public sealed record Receipt(string Checkpoint, long LeafIndex, long TreeSize, IReadOnlyList<string> Hashes, ReceiptEvent Event, Receipt? Revision);

public static class AuditLogEndpoints
{
    /// <summary>A signed checkpoint is some hundred bytes; anything much larger is not one.</summary>
    public const int MaxCheckpointBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapAuditLogEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/audit").WithTags("Audit");
        group.MapGet("/checkpoint", GetCheckpoint).WithName("GetAuditCheckpoint")
            .WithSummary("The signed checkpoint (C2SP tlog-checkpoint in a signed note) of the audit log as committed now.");
        group.MapGet("/checkpoint/key", GetVerifierKey).WithName("GetAuditVerifierKey").AllowAnonymous()
            .WithSummary("The Ed25519 verifier key of the checkpoints (C2SP note verifier key: name+hexid+base64(0x01 ‖ key)).");
        group.MapGet("/proof/inclusion", GetInclusionProof).WithName("GetAuditInclusionProof")
            .WithSummary("The RFC 9162 inclusion proof of event `sequence` in the tree of `treeSize` events (default: today's).");
        group.MapGet("/proof/consistency", GetConsistencyProof).WithName("GetAuditConsistencyProof")
            .WithSummary("The RFC 9162 consistency proof between the trees of `from` and `to` events (default to: today's).");
        group.MapPost("/verify", VerifyCheckpoint).WithName("VerifyAuditCheckpoint")
            .WithSummary("Says whether today's log extends a saved signed checkpoint (the body), and where it first diverges.");
        routes.MapGet("/api/revisions/{id:long}/receipt", RevisionReceipt).WithTags("Audit").WithName("GetRevisionReceipt")
            .WithSummary("A receipt for the revision: a signed checkpoint and the inclusion proof of the event that created it.");
        routes.MapGet("/api/citations/{id:long}/receipt", CitationReceipt).WithTags("Audit").WithName("GetCitationReceipt")
            .WithSummary("A receipt for the citation (and the revision it is pinned to): checkpoint, leaf index, inclusion proof.");
        return routes;
    }

    public static async Task<ContentHttpResult> GetCheckpoint(ProvenanceDbContext db, CheckpointSigner signer, CancellationToken ct) =>
        TypedResults.Text((await signer.SignAsync(db, ct)).Note, "text/plain; charset=utf-8");

    public static ContentHttpResult GetVerifierKey(CheckpointSigner signer) =>
        TypedResults.Text(signer.Signer.VerifierKey + "\n", "text/plain; charset=utf-8");

    public static async Task<Results<Ok<InclusionProofView>, ValidationProblem>> GetInclusionProof(
        ProvenanceDbContext db, long? sequence, long? treeSize, CancellationToken ct)
    {
        var size = await AuditLogTree.SizeAsync(db, ct);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var m = treeSize ?? size;
        if (m < 1 || m > size)
        {
            errors["treeSize"] = [$"treeSize is between 1 and the log's size, {size}."];
        }

        if (sequence is null)
        {
            errors["sequence"] = ["sequence (the event's, from 1) is required."];
        }
        else if (sequence < 1 || sequence > m)
        {
            errors["sequence"] = [$"sequence is between 1 and the tree size, {m}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var index = sequence!.Value - 1;
        return TypedResults.Ok(new InclusionProofView(index, m, Base64(await AuditLogTree.InclusionProofAsync(db, index, m, ct))));
    }

    public static async Task<Results<Ok<ConsistencyProofView>, ValidationProblem>> GetConsistencyProof(
        ProvenanceDbContext db, long? from, long? to, CancellationToken ct)
    {
        var size = await AuditLogTree.SizeAsync(db, ct);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var n = to ?? size;
        if (n < 1 || n > size)
        {
            errors["to"] = [$"to is between 1 and the log's size, {size}."];
        }

        if (from is null)
        {
            errors["from"] = ["from (the older tree size, from 1) is required."];
        }
        else if (from < 1 || from > n)
        {
            errors["from"] = [$"from is between 1 and to ({n})."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(new ConsistencyProofView(from!.Value, n, Base64(await AuditLogTree.ConsistencyProofAsync(db, from.Value, n, ct))));
    }

    public static async Task<Results<Ok<CheckpointVerification>, ValidationProblem>> VerifyCheckpoint(
        HttpRequest request, ProvenanceDbContext db, CheckpointSigner signer, CancellationToken ct)
    {
        var note = await ReadBodyAsync(request, ct);
        if (note is null)
        {
            return Malformed($"the body is a saved checkpoint (at most {MaxCheckpointBytes} bytes of UTF-8 text).");
        }

        var (result, malformed) = await AuditLogCheck.CheckAsync(db, signer.Verifier, note, ct);
        if (result is null)
        {
            return Malformed($"the body is not a signed checkpoint: {malformed}.");
        }

        // The chain walk of GET /api/audit/verify checks more than links (and is the one place that does).
        var chain = result.Consistent && result.ChainOk ? await AuditVerifier.VerifyAsync(db, ct) : null;
        return TypedResults.Ok(new CheckpointVerification(chain?.Ok == true, result.Consistent, result.TreeSize,
            result.DivergesAt, result.CheckpointSize, result.Reason ?? chain?.Reason));
    }

    public static async Task<Results<Ok<Receipt>, NotFound>> RevisionReceipt(long id, ProvenanceDbContext db, CheckpointSigner signer, CancellationToken ct)
    {
        var documentId = await db.Revisions.Where(r => r.Id == id).Select(r => (long?)r.Translation!.DocumentId).FirstOrDefaultAsync(ct);
        if (documentId is null)
        {
            return TypedResults.NotFound();
        }

        var signed = await signer.SignAsync(db, ct);
        return await ReceiptAsync(db, signed, "revision", id, documentId.Value, ct) is { } receipt ? TypedResults.Ok(receipt) : TypedResults.NotFound();
    }

    public static async Task<Results<Ok<Receipt>, NotFound>> CitationReceipt(long id, ProvenanceDbContext db, CheckpointSigner signer, CancellationToken ct)
    {
        var citation = await db.Citations.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new { c.DocumentId, c.RevisionId })
            .FirstOrDefaultAsync(ct);
        if (citation is null)
        {
            return TypedResults.NotFound();
        }

        var signed = await signer.SignAsync(db, ct);
        if (await ReceiptAsync(db, signed, "citation", id, citation.DocumentId, ct) is not { } receipt)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(citation.RevisionId is { } revisionId
            ? receipt with { Revision = await ReceiptAsync(db, signed, "revision", revisionId, citation.DocumentId, ct) }
            : receipt);
    }

    /// <summary>
    /// The receipt of the event that created an entity, against a signed checkpoint: the first event about it, or
    /// the import of its document or translation, whose details name it (<c>revisionId</c>, <c>citationId</c>).
    /// </summary>
    private static async Task<Receipt?> ReceiptAsync(
        ProvenanceDbContext db, SignedCheckpoint signed, string entityType, long id, long documentId, CancellationToken ct)
    {
        var size = signed.Checkpoint.Size;
        var key = entityType + "Id";
        var text = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var e = await db.AuditEvents
            .FromSql($"""
                SELECT * FROM audit_events
                WHERE sequence <= {size}
                  AND ((entity_type = {entityType} AND entity_id = {id})
                    OR (document_id = {documentId} AND entity_type IN ('document', 'translation') AND details->>{key} = {text}))
                ORDER BY sequence LIMIT 1
                """)
            .AsNoTracking()
            .FirstOrDefaultAsync(ct);
        if (e is null)
        {
            return null;
        }

        var proof = await AuditLogTree.InclusionProofAsync(db, e.Sequence - 1, size, ct);
        return new Receipt(signed.Note, e.Sequence - 1, size, Base64(proof), ToReceiptEvent(e), null);
    }

    private static ReceiptEvent ToReceiptEvent(AuditEvent e) =>
        new(e.Sequence, e.Action, e.EntityType, e.EntityId, e.Hash, AuditChain.Canonical(e));

    private static List<string> Base64(List<byte[]> hashes) => hashes.ConvertAll(Convert.ToBase64String);

    private static ValidationProblem Malformed(string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["checkpoint"] = [message] });

    /// <summary>The body as UTF-8 text, or null when it is empty, too large or not UTF-8.</summary>
    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxCheckpointBytes)
            {
                return null;
            }
        }

        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            return text.Length == 0 ? null : text;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
