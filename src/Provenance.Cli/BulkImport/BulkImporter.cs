using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Provenance.Data;
using Provenance.Data.Auditing;
using Provenance.Data.Imports;

namespace Provenance.Cli.BulkImport;

/// <summary>
/// Imports a folder of records through the API's own write path (<see cref="RecordWriter"/>) in batches:
/// files are read and parsed in parallel ahead of the writer, and the search vectors of the documents the
/// next batch will create are stemmed on two more connections while this batch is written.
/// </summary>
public sealed class BulkImporter(ProvenanceDbContext db, AuditTrail audit, TimeProvider time)
{
    private const int SearchConnections = 2;

    public static IReadOnlyList<string> RecordFiles(string folder) =>
        [.. Directory.EnumerateFiles(folder)
            .Where(p => p.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)];

    public Task<BulkImportSummary> ImportFolderAsync(string folder, BulkImportOptions options, IProgress<BulkImportProgress>? progress, CancellationToken ct) =>
        ImportFilesAsync(RecordFiles(folder), options, progress, ct);

    /// <summary>Imports <paramref name="files"/> in the order given, as if one after another.</summary>
    public async Task<BulkImportSummary> ImportFilesAsync(IReadOnlyList<string> files, BulkImportOptions options, IProgress<BulkImportProgress>? progress, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        var stopwatch = Stopwatch.StartNew();
        var summary = new BulkImportSummary { Files = files.Count };
        var preparer = new RecordPreparer(db.Model);
        var writer = new RecordWriter(db, audit, time);
        var chunks = files.Chunk(options.BatchSize).ToArray();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = ct };

        // Stemming the texts for search is most of PostgreSQL's work; two more connections (two server processes)
        // do it for the next batch, outside any transaction, while this one writes. Only a migration publishes the
        // texts, so only then is there a text to stem ahead.
        var searchConnections = new NpgsqlConnection[options.Publication == ImportPublication.Migration ? SearchConnections : 0];
        for (var i = 0; i < searchConnections.Length; i++)
        {
            searchConnections[i] = new NpgsqlConnection(db.Database.GetConnectionString());
            await searchConnections[i].OpenAsync(ct);
        }

        Task<PreparedRecord[]> PrepareAsync(string[] chunk) => Task.Run(async () =>
        {
            var phases = RecordWriter.StartTrace();
            var prepared = new PreparedRecord[chunk.Length];
            Parallel.For(0, chunk.Length, parallel, i => prepared[i] = preparer.PrepareFile(chunk[i]));
            RecordWriter.TracePhase(phases, "(ahead) parse");
            if (searchConnections.Length > 0)
            {
                var share = (prepared.Length + searchConnections.Length - 1) / searchConnections.Length;
                await Task.WhenAll(searchConnections.Select((c, i) =>
                    RecordWriter.ComputeSearchVectorsAsync(c, prepared.Skip(i * share).Take(share).ToArray(), ct)));
                RecordWriter.TracePhase(phases, "(ahead) stem");
            }

            return prepared;
        }, ct);

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // The next batch is parsed while this one is written.
            var next = chunks.Length > 0 ? PrepareAsync(chunks[0]) : null;
            for (var i = 0; i < chunks.Length; i++)
            {
                var waiting = RecordWriter.StartTrace();
                var prepared = await next!;
                // Time the writer waited for parsing and stemming ahead (0 when they keep up).
                RecordWriter.TracePhase(waiting, "wait for prepare+stem");
                next = i + 1 < chunks.Length ? PrepareAsync(chunks[i + 1]) : null;
                foreach (var result in await writer.WriteAsync(prepared, options.Publication, options.Actor, ct))
                {
                    summary.Add(result);
                }

                progress?.Report(new BulkImportProgress(summary.Processed, files.Count, summary.Failed.Count, stopwatch.Elapsed));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
            foreach (var c in searchConnections)
            {
                await c.DisposeAsync();
            }
        }

        summary.Elapsed = stopwatch.Elapsed;
        return summary;
    }
}
