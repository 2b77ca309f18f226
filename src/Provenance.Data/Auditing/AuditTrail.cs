using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Provenance.Data.Entities;

namespace Provenance.Data.Auditing;

/// <summary>
/// Appends hash-chained audit events inside the caller's transaction, so a change and its
/// audit event commit or roll back together.
/// </summary>
public sealed class AuditTrail(ProvenanceDbContext db, TimeProvider time)
{
    // Any constant works; it only has to be the same for every writer of the chain.
    private const long ChainLockKey = 0x50524f56_41554454; // "PROVAUDT"

    private static readonly JsonSerializerOptions DetailsJson = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Chains and stores <paramref name="entries"/>. Must run inside a transaction: the advisory
    /// lock it takes is held to commit, so concurrent writers append one after another and the
    /// chain never forks.
    /// </summary>
    public async Task<IReadOnlyList<AuditEvent>> AppendAsync(IEnumerable<AuditEntry> entries, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Audit events are appended inside the transaction of the change they record.");
        }

        await LockChainAsync(db, ct);
        var last = await db.AuditEvents.AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(ct);

        var sequence = last?.Sequence ?? 0;
        var previousHash = last?.Hash ?? AuditChain.Genesis;
        var now = AuditChain.TruncateToMicroseconds(time.GetUtcNow());
        var appended = new List<AuditEvent>();
        foreach (var entry in entries)
        {
            var e = new AuditEvent
            {
                Sequence = ++sequence,
                OccurredAt = now,
                ActorId = entry.Actor.ContributorId,
                ActorName = entry.Actor.Name,
                Action = entry.Action,
                EntityType = entry.EntityType,
                EntityId = entry.EntityId,
                DocumentId = entry.DocumentId,
                Details = JsonSerializer.Serialize(entry.Details ?? new { }, DetailsJson),
                PreviousHash = previousHash,
                Hash = "",
            };
            e.Hash = AuditChain.ComputeHash(e);
            previousHash = e.Hash;
            appended.Add(e);
        }

        db.AuditEvents.AddRange(appended);
        await AuditLogTree.AppendAsync(db, last?.Sequence ?? 0, appended.Select(e => e.Hash), ct);
        await db.SaveChangesAsync(ct);
        return appended;
    }

    /// <summary>Waits for the chain (and its Merkle tree) to be free until the transaction ends.</summary>
    internal static async Task LockChainAsync(ProvenanceDbContext db, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ChainLockKey})", ct);

    public Task<IReadOnlyList<AuditEvent>> AppendAsync(AuditEntry entry, CancellationToken ct) => AppendAsync([entry], ct);
}
