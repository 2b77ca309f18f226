using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Provenance.Data.Entities;

namespace Provenance.Data.Auditing;

/// <summary>
/// The Merkle tree over the audit events, kept as its perfect subtrees in <c>audit_tree_nodes</c>: leaf i is
/// the chain hash of the event with sequence i + 1. Appending reads the right frontier (at most 63 rows) and
/// adds the leaf and the parents it completes; every root and proof reads O(log n) rows.
/// </summary>
public static class AuditLogTree
{
    /// <summary>Events a catch-up reads and adds to the tree per transaction.</summary>
    public const int CatchUpBatch = 5000;

    private static DbSet<AuditTreeNode> Nodes(ProvenanceDbContext db) => db.Set<AuditTreeNode>();

    /// <summary>The leaf of an event: the 32 bytes of its chain hash, hashed as an RFC 9162 leaf.</summary>
    public static byte[] Leaf(string chainHash) => MerkleTree.LeafHash(Convert.FromHexString(chainHash));

    /// <summary>
    /// The nodes the leaves of events just chained after event <paramref name="size"/> add to the tree, to be inserted
    /// with them (<see cref="InsertNodes"/>). Runs under the chain lock; when the tree lags the events (they were
    /// written before it existed), it first catches up with the events in between.
    /// </summary>
    internal static async Task<List<(MerkleNode Node, byte[] Hash)>> AppendAsync(ProvenanceDbContext db, long size, IEnumerable<string> chainHashes, CancellationToken ct)
    {
        var leaves = chainHashes.Select(Leaf).ToList();
        var frontier = await TryLoadAsync(db, MerkleTree.Frontier(size).ToList(), ct);
        var start = size;
        if (frontier is null)
        {
            start = await SizeAsync(db, ct);
            var missing = await db.AuditEvents.AsNoTracking()
                .Where(e => e.Sequence > start && e.Sequence <= size)
                .OrderBy(e => e.Sequence)
                .Select(e => e.Hash)
                .ToListAsync(ct);
            if (missing.Count != size - start)
            {
                throw new InvalidOperationException($"The audit events after {start} have gaps; the Merkle tree is not built over a broken chain.");
            }

            leaves.InsertRange(0, missing.Select(Leaf));
            frontier = await TryLoadAsync(db, MerkleTree.Frontier(start).ToList(), ct)
                ?? throw new InvalidOperationException($"The Merkle tree of the audit trail misses nodes of its frontier at size {start}.");
        }

        return MerkleTree.Append(start, frontier, leaves);
    }

    /// <summary>One statement that stores <paramref name="nodes"/>, however many.</summary>
    internal static NpgsqlBatchCommand InsertNodes(IReadOnlyCollection<(MerkleNode Node, byte[] Hash)> nodes) => new(
        "INSERT INTO audit_tree_nodes (level, index, hash) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])")
    {
        Parameters =
        {
            new() { Value = nodes.Select(n => (short)n.Node.Level).ToArray() },
            new() { Value = nodes.Select(n => n.Node.Index).ToArray() },
            new() { Value = nodes.Select(n => n.Hash).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea },
        },
    };

    /// <summary>
    /// Adds the events the tree does not hold yet (written before it existed), a batch per transaction under the
    /// chain lock, so writers wait for one batch at most. Answers how many it added.
    /// </summary>
    public static async Task<long> CatchUpAsync(ProvenanceDbContext db, CancellationToken ct)
    {
        long added = 0;
        while (true)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await AuditTrail.LockChainAsync(db, ct);
            var size = await SizeAsync(db, ct);
            var batch = await db.AuditEvents.AsNoTracking()
                .Where(e => e.Sequence > size)
                .OrderBy(e => e.Sequence)
                .Take(CatchUpBatch)
                .Select(e => new { e.Sequence, e.Hash })
                .ToListAsync(ct);
            if (batch.Count == 0)
            {
                return added;
            }

            if (batch[^1].Sequence != size + batch.Count)
            {
                throw new InvalidOperationException($"The audit events after {size} have gaps; the Merkle tree is not built over a broken chain.");
            }

            var frontier = await TryLoadAsync(db, MerkleTree.Frontier(size).ToList(), ct)
                ?? throw new InvalidOperationException($"The Merkle tree of the audit trail misses nodes of its frontier at size {size}.");
            await using (var insert = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection())
            {
                BatchCommands = { InsertNodes(MerkleTree.Append(size, frontier, batch.Select(e => Leaf(e.Hash)))) },
            })
            {
                await insert.ExecuteNonQueryAsync(ct);
            }

            await transaction.CommitAsync(ct);
            added += batch.Count;
        }
    }

    /// <summary>How many leaves the tree holds (appends are serialized, so the highest leaf is the size).</summary>
    public static async Task<long> SizeAsync(ProvenanceDbContext db, CancellationToken ct) =>
        (await Nodes(db).Where(n => n.Level == 0).MaxAsync(n => (long?)n.Index, ct) ?? -1) + 1;

    public static Task<byte[]> RootAsync(ProvenanceDbContext db, long size, CancellationToken ct) =>
        ComputeAsync(db, node => MerkleTree.RangeHash(0, size, node), ct);

    public static Task<List<byte[]>> InclusionProofAsync(ProvenanceDbContext db, long index, long size, CancellationToken ct) =>
        ComputeAsync(db, node => MerkleTree.InclusionProof(index, size, node), ct);

    public static Task<List<byte[]>> ConsistencyProofAsync(ProvenanceDbContext db, long from, long to, CancellationToken ct) =>
        ComputeAsync(db, node => MerkleTree.ConsistencyProof(from, to, node), ct);

    /// <summary>Runs a tree computation over stored subtrees: first to learn which it reads, then, after one query, for real.</summary>
    public static async Task<T> ComputeAsync<T>(ProvenanceDbContext db, Func<Func<MerkleNode, byte[]>, T> computation, CancellationToken ct)
    {
        var used = MerkleTree.NodesUsedBy(node => computation(node));
        var hashes = await LoadAsync(db, used, ct);
        return computation(node => hashes.TryGetValue(node, out var hash)
            ? hash
            : throw new InvalidOperationException($"The Merkle tree of the audit trail has no node at level {node.Level}, index {node.Index}."));
    }

    /// <summary>The stored hashes of <paramref name="nodes"/> (absent ones are missing from the answer).</summary>
    public static async Task<Dictionary<MerkleNode, byte[]>> LoadAsync(ProvenanceDbContext db, IReadOnlyCollection<MerkleNode> nodes, CancellationToken ct)
    {
        if (nodes.Count == 0)
        {
            return [];
        }

        var levels = nodes.Select(n => (short)n.Level).ToArray();
        var indexes = nodes.Select(n => n.Index).ToArray();
        var rows = await Nodes(db)
            .FromSql($"SELECT * FROM audit_tree_nodes WHERE (level, index) IN (SELECT * FROM unnest({levels}, {indexes}))")
            .AsNoTracking()
            .ToListAsync(ct);
        return rows.ToDictionary(r => new MerkleNode(r.Level, r.Index), r => r.Hash);
    }

    private static async Task<List<byte[]>?> TryLoadAsync(ProvenanceDbContext db, List<MerkleNode> nodes, CancellationToken ct)
    {
        var hashes = await LoadAsync(db, nodes, ct);
        return hashes.Count == nodes.Count ? nodes.Select(n => hashes[n]).ToList() : null;
    }
}
