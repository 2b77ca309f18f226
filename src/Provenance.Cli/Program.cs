using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Provenance.Cli.BulkImport;
using Provenance.Data;
using Provenance.Data.Auditing;
using Provenance.Data.Imports;
using Provenance.Data.LocalDatabase;

namespace Provenance.Cli;

internal static class Program
{
    private const string Usage = """
        Usage:
          provenance import <folder> (--as "<contributor>" | --publish) [--connection "<connection string>"] [--batch-size 500] [--parallelism N] [--json]
          provenance generate-records <folder> [--count 1000] [--seed 1]
          provenance import-history <repository> <file> --translation <id> [--api http://localhost:5080] [--key <key>] [--publish-without-review]
          provenance audit verify --checkpoint <file> --key <verifier key or file> [--connection "<connection string>"]

        import   Imports every .md and .txt record in <folder> (not its subfolders), in file-name order.
                 Without --connection (or ConnectionStrings__Provenance) it uses the API's private local
                 PostgreSQL (stop the API first: one data folder serves one server) and migrates it.
                 New and changed texts are proposed revisions for reviewers, authored by the contributor named
                 with --as (one the service knows, e.g. an editor who holds a key; reviewers then approve them);
                 --publish migrates a published archive as it is: every text is published at once, marked as
                 published without review.
                 Progress goes to stderr, the summary to stdout (--json: as JSON).
                 Exit code 0 when every record imported, 1 when some failed, 2 on a usage or database error.
        generate-records   Writes <count> varied sample records (for tests and bench/bulk-import).
        import-history     Reads <file>'s history from the git <repository> (git log --follow, oldest first) and imports it
                 into translation <id> through the API with each commit's author, date and message. The key comes from
                 --key or PROVENANCE_API_KEY (an editor's; an admin's to --publish-without-review). Prints the answer.
        audit verify   Says (as JSON) whether the audit log extends a saved signed checkpoint, and where it
                 diverges. Exit code 0 when it does and the chain verifies, 1 when not, 2 on a usage error.
        """;

    public static async Task<int> Main(string[] args)
    {
        try
        {
            return args switch
            {
                ["import", var folder, .. var rest] => await ImportAsync(folder, Options.Parse(rest)),
                ["generate-records", var folder, .. var rest] => Generate(folder, Options.Parse(rest)),
                ["import-history", var repository, var file, .. var rest] => await ImportHistoryAsync(repository, file, Options.Parse(rest)),
                ["audit", "verify", .. var rest] => await AuditVerifyAsync(Options.Parse(rest)),
                _ => UsageError(null),
            };
        }
        catch (UsageException e)
        {
            return UsageError(e.Message);
        }
    }

    private static int UsageError(string? message)
    {
        if (message is not null)
        {
            Console.Error.WriteLine(message);
        }

        Console.Error.WriteLine(Usage);
        return 2;
    }

    private static int Generate(string folder, Options options)
    {
        var paths = SampleRecords.Write(folder, options.Int("count", 1000), options.Int("seed", 1));
        Console.Error.WriteLine($"Wrote {paths.Count} records to {Path.GetFullPath(folder)}");
        return 0;
    }

    private static async Task<int> ImportAsync(string folder, Options options)
    {
        if (!Directory.Exists(folder))
        {
            throw new UsageException($"Folder {folder} does not exist.");
        }

        var publish = options.Flag("publish");
        var proposer = options.String("as");
        if (publish == proposer is not null)
        {
            throw new UsageException(publish
                ? "--publish publishes the texts as the records give them; --as names who proposes them for review. Give one."
                : "Name who proposes the imported texts for review: --as \"<contributor>\" (or --publish to migrate a published archive).");
        }

        var bulk = new BulkImportOptions
        {
            BatchSize = options.Int("batch-size", 500),
            Parallelism = options.Int("parallelism", Environment.ProcessorCount),
            Publication = publish ? ImportPublication.Migration : ImportPublication.Review,
        };
        var connectionString = options.String("connection") ?? Environment.GetEnvironmentVariable("ConnectionStrings__Provenance");
        LocalPostgresCluster? cluster = null;
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        try
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                cluster = await LocalPostgresCluster.StartAsync(LocalOptionsFromEnvironment(), ct: cancel.Token);
                Console.Error.WriteLine($"Local PostgreSQL with data in {cluster.DataDirectory} on 127.0.0.1:{cluster.Port}; connect with: {cluster.PsqlCommand}");
                connectionString = cluster.ConnectionString();
            }

            var contextOptions = new DbContextOptionsBuilder<ProvenanceDbContext>();
            contextOptions.UseProvenanceDatabase(connectionString);
            await using var db = new ProvenanceDbContext(contextOptions.Options);
            await db.Database.MigrateAsync(cancel.Token);
            if (proposer is not null)
            {
                bulk = bulk with { Actor = await ProposerAsync(db, proposer, cancel.Token) };
            }

            var importer = new BulkImporter(db, new AuditTrail(db, TimeProvider.System), TimeProvider.System);
            var summary = await importer.ImportFolderAsync(folder, bulk, new ConsoleProgress(), cancel.Token);
            ConsoleProgress.Finish();
            WriteSummary(summary, options.Flag("json"));
            return summary.Failed.Count == 0 ? 0 : 1;
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or LocalPostgresException or InvalidOperationException or OperationCanceledException)
        {
            ConsoleProgress.Finish();
            Console.Error.WriteLine($"Import stopped: {e.Message} (batches already written stay written; running the import again continues where it stopped)");
            return 2;
        }
        finally
        {
            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// The contributor who proposes the imported texts: one the service already knows (an editor gets one with
    /// their key), so the import creates no unaudited person and the review rule sees who wrote the texts.
    /// </summary>
    private static async Task<Actor> ProposerAsync(ProvenanceDbContext db, string name, CancellationToken ct)
    {
        var matches = await db.Contributors.Where(c => c.Name == name).Select(c => new { c.Id, c.Name }).Take(2).ToListAsync(ct);
        return matches switch
        {
            [var one] => new Actor(one.Id, one.Name),
            [] => throw new UsageException($"No contributor is named \"{name}\"; give the name of one the service knows (an editor's key creates one: POST /api/keys)."),
            _ => throw new UsageException($"More than one contributor is named \"{name}\"."),
        };
    }

    private static async Task<int> ImportHistoryAsync(string repository, string file, Options options)
    {
        var translation = options.Long("translation") ?? throw new UsageException("--translation <id> is required.");
        var api = options.String("api") ?? "http://localhost:5080";
        var key = options.String("key") ?? Environment.GetEnvironmentVariable("PROVENANCE_API_KEY");
        try
        {
            var versions = await ImportHistory.GitHistoryReader.ReadAsync(repository, file, CancellationToken.None);
            Console.Error.WriteLine($"Read {versions.Count} versions of {file} from {repository}; importing into translation {translation} at {api}");
            using var client = ImportHistory.HistoryImportCommand.Client(api, key);
            var (ok, body) = await ImportHistory.HistoryImportCommand.SendAsync(client, translation, versions, options.Flag("publish-without-review"), CancellationToken.None);
            if (!ok)
            {
                Console.Error.WriteLine($"Import refused: {ImportHistory.HistoryImportCommand.Describe(body)}");
                Console.WriteLine(body);
                return 1;
            }

            Console.WriteLine(body);
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or System.ComponentModel.Win32Exception)
        {
            Console.Error.WriteLine($"Import stopped: {e.Message}");
            return 2;
        }
    }

    private static async Task<int> AuditVerifyAsync(Options options)
    {
        var checkpoint = options.String("checkpoint") ?? throw new UsageException("--checkpoint <file> is required.");
        var key = options.String("key") ?? throw new UsageException("--key <verifier key or file> is required (GET /api/audit/checkpoint/key).");
        var connectionString = options.String("connection") ?? Environment.GetEnvironmentVariable("ConnectionStrings__Provenance");
        LocalPostgresCluster? cluster = null;
        try
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                cluster = await LocalPostgresCluster.StartAsync(LocalOptionsFromEnvironment());
                connectionString = cluster.ConnectionString();
            }

            return await Audit.AuditVerifyCommand.RunAsync(checkpoint, key, connectionString, Console.Out, CancellationToken.None);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or LocalPostgresException or InvalidOperationException)
        {
            Console.Error.WriteLine($"Verify stopped: {e.Message}");
            return 2;
        }
        finally
        {
            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }
        }
    }

    private static LocalPostgresOptions LocalOptionsFromEnvironment()
    {
        // The same settings the API reads, so both find the same cluster.
        var port = Environment.GetEnvironmentVariable("Provenance__LocalDatabase__Port");
        return new LocalPostgresOptions
        {
            DataDirectory = Environment.GetEnvironmentVariable("Provenance__LocalDatabase__DataDirectory"),
            BinDirectory = Environment.GetEnvironmentVariable("Provenance__LocalDatabase__BinDirectory"),
            Port = int.TryParse(port, CultureInfo.InvariantCulture, out var p) ? p : 0,
        };
    }

    private static void WriteSummary(BulkImportSummary summary, bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                files = summary.Files,
                createdDocuments = summary.CreatedDocuments,
                newTranslations = summary.NewTranslations,
                newRevisions = summary.NewRevisions,
                unchanged = summary.Unchanged,
                failed = summary.Failed.Select(f => new { file = f.File, reasons = f.Reasons }),
                seconds = summary.Elapsed.TotalSeconds,
                recordsPerSecond = summary.RecordsPerSecond,
            }));
            return;
        }

        var invariant = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(invariant, $"Imported {summary.Files} files in {summary.Elapsed.TotalSeconds:F2} s ({summary.RecordsPerSecond:F0} records/s)"));
        Console.WriteLine(string.Create(invariant, $"  created documents  {summary.CreatedDocuments,7}"));
        Console.WriteLine(string.Create(invariant, $"  new translations   {summary.NewTranslations,7}"));
        Console.WriteLine(string.Create(invariant, $"  new revisions      {summary.NewRevisions,7}"));
        Console.WriteLine(string.Create(invariant, $"  unchanged          {summary.Unchanged,7}"));
        Console.WriteLine(string.Create(invariant, $"  failed             {summary.Failed.Count,7}"));
        foreach (var failure in summary.Failed)
        {
            Console.WriteLine($"  failed: {failure.File}: {string.Join("; ", failure.Reasons)}");
        }
    }

    /// <summary>One updating line on a terminal; a line per batch when stderr is redirected.</summary>
    private sealed class ConsoleProgress : IProgress<BulkImportProgress>
    {
        private static bool _updating;

        public void Report(BulkImportProgress value)
        {
            var rate = value.Elapsed.TotalSeconds > 0 ? value.Done / value.Elapsed.TotalSeconds : 0;
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{value.Done}/{value.Total} records, {value.Failed} failed, {rate:F0} records/s");
            if (Console.IsErrorRedirected)
            {
                Console.Error.WriteLine(line);
            }
            else
            {
                Console.Error.Write($"\r{line}\u001b[K");
                _updating = true;
            }
        }

        public static void Finish()
        {
            if (_updating)
            {
                Console.Error.WriteLine();
                _updating = false;
            }
        }
    }
}

internal sealed class UsageException(string message) : Exception(message);

/// <summary>--name value pairs and --flags after the positional arguments.</summary>
internal sealed class Options
{
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal) { "json", "publish", "publish-without-review" };
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public static Options Parse(IReadOnlyList<string> args)
    {
        var options = new Options();
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"Unexpected argument {args[i]}.");
            }

            var name = args[i][2..];
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                options._values[name[..equals]] = name[(equals + 1)..];
            }
            else if (Flags.Contains(name))
            {
                options._values[name] = null;
            }
            else if (i + 1 < args.Count)
            {
                options._values[name] = args[++i];
            }
            else
            {
                throw new UsageException($"--{name} needs a value.");
            }
        }

        return options;
    }

    public string? String(string name) => _values.GetValueOrDefault(name);

    public bool Flag(string name) => _values.ContainsKey(name);

    public long? Long(string name) =>
        _values.GetValueOrDefault(name) is not { } text ? null
        : long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value
        : throw new UsageException($"--{name} must be a positive whole number.");

    public int Int(string name, int fallback) =>
        _values.GetValueOrDefault(name) is not { } text ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value
        : throw new UsageException($"--{name} must be a positive whole number.");
}
