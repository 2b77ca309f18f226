// Audit log benchmark: append cost (chain + Merkle tree, one transaction per event, as the service writes)
// on an empty log and at each size (10^4, 10^5, 10^6 by default), beside a plain INSERT of the same row; and the
// cost and size of a checkpoint root, inclusion and consistency proofs at each size.
// Usage: Program <connection string> [sizes, comma-separated, ascending] [appends]
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Provenance.Data;
using Provenance.Data.Auditing;
using Provenance.Data.Entities;

var connectionString = args[0];
var sizes = (args.Length > 1 ? args[1] : "10000,100000,1000000").Split(',').Select(a => long.Parse(a, CultureInfo.InvariantCulture)).ToList();
var appends = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000;
var builder = new DbContextOptionsBuilder<ProvenanceDbContext>();
builder.UseProvenanceDatabase(connectionString);
var options = builder.Options;
await using (var db = new ProvenanceDbContext(options))
{
    await db.Database.MigrateAsync();
}

Console.WriteLine($"| Measure | n | median | p99 | mean |");
Console.WriteLine($"|---|---:|---:|---:|---:|");
Report("append (chain + tree), empty log", appends, await AppendAsync(appends));
Report("plain INSERT of the same row, empty table", appends, await PlainInsertAsync(appends));

foreach (var events in sizes)
{
    var generated = Stopwatch.StartNew();
    await BulkLoadAsync(events);
    Console.Error.WriteLine($"bulk-loaded up to {events} events and their tree in {generated.Elapsed.TotalSeconds:F0} s");

    Report($"append (chain + tree), at {events:N0} events", appends, await AppendAsync(appends));
    Report($"plain INSERT of the same row, at {events:N0} rows", appends, await PlainInsertAsync(appends));
    await ProofsAsync(appends);
}

async Task<List<double>> AppendAsync(int count)
{
    var times = new List<double>();
    await using var db = new ProvenanceDbContext(options);
    var trail = new AuditTrail(db, TimeProvider.System);
    for (var i = 0; i < count; i++)
    {
        var watch = Stopwatch.StartNew();
        await db.InWriteTransactionAsync(ct => trail.AppendAsync(Entry(i), ct), CancellationToken.None);
        times.Add(watch.Elapsed.TotalMilliseconds);
        db.ChangeTracker.Clear();
    }

    return times;
}

// The reference: the same columns inserted by the same client, one row per transaction, with no chain and no tree.
async Task<List<double>> PlainInsertAsync(int count)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using (var create = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS plain_events (LIKE audit_events INCLUDING ALL)", connection))
    {
        await create.ExecuteNonQueryAsync();
    }

    await using (var next = new NpgsqlCommand("SELECT coalesce(max(sequence), 0) FROM plain_events", connection))
    {
        var start = (long)(await next.ExecuteScalarAsync())!;
        var times = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var watch = Stopwatch.StartNew();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var insert = new NpgsqlCommand("""
                INSERT INTO plain_events (sequence, occurred_at, actor_name, action, entity_type, entity_id, details, previous_hash, hash)
                VALUES (@s, now(), 'bench', 'citation.added', 'citation', @s, '{"note":"bench"}', @h, @h)
                """, connection, transaction);
            insert.Parameters.AddWithValue("s", start + i + 1);
            insert.Parameters.AddWithValue("h", new string('0', 64));
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return times;
    }
}

// Events chained in memory and COPYed in, with their tree built by the same MerkleTree code the appends use;
// plain_events gets the same number of rows, so both references are at the same size.
async Task BulkLoadAsync(long target)
{
    await using var db = new ProvenanceDbContext(options);
    var last = await db.AuditEvents.OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.Hash }).FirstAsync();
    var size = await AuditLogTree.SizeAsync(db, CancellationToken.None);
    var frontier = await AuditLogTree.LoadAsync(db, MerkleTree.Frontier(size).ToList(), CancellationToken.None);
    var range = new CompactRange(size, MerkleTree.Frontier(size).Select(n => frontier[n]).ToList());
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    var previous = last.Hash;
    var now = AuditChain.TruncateToMicroseconds(DateTimeOffset.UtcNow);
    var nodes = new List<(MerkleNode, byte[])>();
    await using (var eventsCopy = await connection.BeginBinaryImportAsync(
        "COPY audit_events (sequence, occurred_at, actor_name, action, entity_type, entity_id, details, previous_hash, hash) FROM STDIN (FORMAT BINARY)"))
    await using (var nodesCopy = await OpenNodesCopyAsync())
    {
        for (var sequence = last.Sequence + 1; sequence <= target; sequence++)
        {
            var e = new AuditEvent
            {
                Sequence = sequence, OccurredAt = now, ActorName = "bench", Action = "citation.added", EntityType = "citation",
                EntityId = sequence, Details = """{"note":"bench"}""", PreviousHash = previous, Hash = "",
            };
            e.Hash = AuditChain.ComputeHash(e);
            previous = e.Hash;
            await eventsCopy.StartRowAsync();
            await eventsCopy.WriteAsync(e.Sequence, NpgsqlDbType.Bigint);
            await eventsCopy.WriteAsync(e.OccurredAt, NpgsqlDbType.TimestampTz);
            await eventsCopy.WriteAsync(e.ActorName, NpgsqlDbType.Varchar);
            await eventsCopy.WriteAsync(e.Action, NpgsqlDbType.Varchar);
            await eventsCopy.WriteAsync(e.EntityType, NpgsqlDbType.Varchar);
            await eventsCopy.WriteAsync(e.EntityId!.Value, NpgsqlDbType.Bigint);
            await eventsCopy.WriteAsync(e.Details, NpgsqlDbType.Json);
            await eventsCopy.WriteAsync(e.PreviousHash, NpgsqlDbType.Char);
            await eventsCopy.WriteAsync(e.Hash, NpgsqlDbType.Char);
            nodes.Clear();
            range.Append(AuditLogTree.Leaf(e.Hash), nodes);
            foreach (var (node, hash) in nodes)
            {
                await nodesCopy.StartRowAsync();
                await nodesCopy.WriteAsync((short)node.Level, NpgsqlDbType.Smallint);
                await nodesCopy.WriteAsync(node.Index, NpgsqlDbType.Bigint);
                await nodesCopy.WriteAsync(hash, NpgsqlDbType.Bytea);
            }
        }

        await eventsCopy.CompleteAsync();
        await nodesCopy.CompleteAsync();
    }

    await using var plain = new NpgsqlCommand($$"""
        INSERT INTO plain_events (sequence, occurred_at, actor_name, action, entity_type, entity_id, details, previous_hash, hash)
        SELECT s, now(), 'bench', 'citation.added', 'citation', s, '{"note":"bench"}', repeat('0', 64), repeat('0', 64)
        FROM generate_series((SELECT max(sequence) + 1 FROM plain_events), {{target}}) s;
        ANALYZE audit_events; ANALYZE audit_tree_nodes; ANALYZE plain_events;
        """, connection) { CommandTimeout = 0 };
    await plain.ExecuteNonQueryAsync();

    async Task<NpgsqlBinaryImporter> OpenNodesCopyAsync()
    {
        var second = new NpgsqlConnection(connectionString);
        await second.OpenAsync();
        return await second.BeginBinaryImportAsync("COPY audit_tree_nodes (level, index, hash) FROM STDIN (FORMAT BINARY)");
    }
}

async Task ProofsAsync(int count)
{
    await using var db = new ProvenanceDbContext(options);
    var size = await AuditLogTree.SizeAsync(db, CancellationToken.None);
    var random = new Random(42);
    var checkpoint = new List<double>();
    var inclusion = new List<double>();
    var consistency = new List<double>();
    long nodesRead = 0, inclusionHashes = 0, consistencyHashes = 0;
    for (var i = 0; i < count; i++)
    {
        var watch = Stopwatch.StartNew();
        var n = await AuditLogTree.SizeAsync(db, CancellationToken.None);
        await AuditLogTree.RootAsync(db, n, CancellationToken.None);
        checkpoint.Add(watch.Elapsed.TotalMilliseconds);

        var treeSize = random.NextInt64(1, size + 1);
        var index = random.NextInt64(0, treeSize);
        watch.Restart();
        inclusionHashes += (await AuditLogTree.InclusionProofAsync(db, index, treeSize, CancellationToken.None)).Count;
        inclusion.Add(watch.Elapsed.TotalMilliseconds);
        nodesRead += MerkleTree.NodesUsedBy(node => MerkleTree.InclusionProof(index, treeSize, node)).Count;

        var from = random.NextInt64(1, size + 1);
        watch.Restart();
        consistencyHashes += (await AuditLogTree.ConsistencyProofAsync(db, from, size, CancellationToken.None)).Count;
        consistency.Add(watch.Elapsed.TotalMilliseconds);
    }

    Report($"checkpoint root (size + root), at {size:N0} events", count, checkpoint);
    Report($"inclusion proof, random leaf and tree size ≤ {size:N0} (mean {nodesRead / (double)count:F0} stored nodes read, "
        + $"{inclusionHashes / (double)count:F1} hashes = {32 * inclusionHashes / (double)count:F0} bytes)", count, inclusion);
    Report($"consistency proof, random size to {size:N0} (mean {consistencyHashes / (double)count:F1} hashes = {32 * consistencyHashes / (double)count:F0} bytes)", count, consistency);
}

static AuditEntry Entry(int i) => new(Actor.System, AuditActions.CitationAdded, "citation", i, null, new { note = "bench" });

static void Report(string what, int n, List<double> times)
{
    times.Sort();
    var median = times[times.Count / 2];
    var p99 = times[Math.Min(times.Count - 1, (int)(times.Count * 0.99))];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {n} | {median:F2} ms | {p99:F2} ms | {times.Average():F2} ms |"));
}
