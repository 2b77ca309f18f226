using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Provenance.Data.LocalDatabase;

/// <summary>
/// A private PostgreSQL cluster run from the machine's binaries: for development when no
/// connection string is configured, and (throwaway) for tests. Listens on 127.0.0.1 only,
/// with trust authentication for the local <c>provenance</c> superuser.
/// </summary>
public sealed class LocalPostgresCluster : IAsyncDisposable
{
    public const string SuperUser = "provenance";
    private const string ServerUser = "postgres";

    private readonly LocalPostgresOptions _options;
    private readonly ILogger _logger;
    private readonly string _binDirectory;
    private int _stopped;
    // Set once this process's pg_ctl start succeeded: only a server this process started is ever stopped
    // (a second instance on a folder in use must leave the first one's server alone).
    private bool _startedHere;
    private bool _createdFolder;

    private LocalPostgresCluster(LocalPostgresOptions options, string binDirectory, string dataDirectory, int port, ILogger logger)
    {
        _options = options;
        _binDirectory = binDirectory;
        DataDirectory = dataDirectory;
        Port = port;
        _logger = logger;
    }

    public static bool RunningAsRoot => OperatingSystem.IsLinux() && string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

    public string DataDirectory { get; }
    public int Port { get; }
    public string LogFile => Path.Combine(DataDirectory, "postgres.log");

    /// <summary>Connection string for <paramref name="database"/> (default: the configured one).</summary>
    public string ConnectionString(string? database = null) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Database = database ?? _options.Database,
        Pooling = true,
    }.ConnectionString;

    public string PsqlCommand => $"psql -h 127.0.0.1 -p {Port} -U {SuperUser} {_options.Database}";

    public static async Task<LocalPostgresCluster> StartAsync(LocalPostgresOptions options, ILogger? logger = null, CancellationToken ct = default)
    {
        logger ??= NullLogger.Instance;
        var bin = PostgresBinaries.Find(options.BinDirectory);
        var dataDirectory = Path.GetFullPath(options.DataDirectory ?? (options.Throwaway
            ? Path.Combine(Path.GetTempPath(), $"provenance-pg-{Guid.NewGuid():N}")
            : LocalPostgresOptions.DefaultDataDirectory()));
        var port = options.Port > 0 ? options.Port : FreePort();
        var cluster = new LocalPostgresCluster(options, bin, dataDirectory, port, logger);
        try
        {
            await cluster.InitAndStartAsync(ct);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    private async Task InitAndStartAsync(CancellationToken ct)
    {
        _createdFolder = !Directory.Exists(DataDirectory);
        Directory.CreateDirectory(DataDirectory);
        if (RunningAsRoot)
        {
            await RunAsync("chown", ["-R", $"{ServerUser}:{ServerUser}", DataDirectory], asServerUser: false, ct);
            await RunAsync("chmod", ["700", DataDirectory], asServerUser: false, ct);
        }

        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            _logger.LogInformation("Creating a local PostgreSQL cluster in {DataDirectory}", DataDirectory);
            List<string> initdb = ["-D", DataDirectory, "-U", SuperUser, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"];
            if (_options.Throwaway)
            {
                initdb.Add("--no-sync");
            }

            await RunAsync(Path.Combine(_binDirectory, "initdb"), initdb, asServerUser: true, ct);
        }

        await RefuseFolderInUseAsync(ct);
        var settings = $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''";
        if (_options.Throwaway)
        {
            settings += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        }

        try
        {
            await RunAsync(Path.Combine(_binDirectory, "pg_ctl"),
                ["-D", DataDirectory, "-l", LogFile, "-o", settings, "-w", "-t", "60", "start"], asServerUser: true, ct);
        }
        catch (LocalPostgresException)
        {
            // Another process may have started a server on this folder between the check above and this start.
            await RefuseFolderInUseAsync(CancellationToken.None);
            throw;
        }

        _startedHere = true;
        AppDomain.CurrentDomain.ProcessExit += StopOnExit;

        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync(ct);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
            exists.Parameters.AddWithValue(_options.Database);
            if (await exists.ExecuteScalarAsync(ct) is null)
            {
                await CreateDatabaseAsync(_options.Database, ct);
            }
        }

        _logger.LogInformation(
            "Local PostgreSQL running from {BinDirectory} with data in {DataDirectory} on 127.0.0.1:{Port} (log {LogFile}); connect with: {PsqlCommand}",
            _binDirectory, DataDirectory, Port, LogFile, PsqlCommand);
    }

    /// <summary>
    /// PostgreSQL allows one server per data folder. A folder whose server is running belongs to another
    /// process (usually another Provenance instance): say so and start nothing, rather than fail later.
    /// </summary>
    private async Task RefuseFolderInUseAsync(CancellationToken ct)
    {
        if (await ServerRunningAsync(ct))
        {
            throw FolderInUse();
        }
    }

    private async Task<bool> ServerRunningAsync(CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            return false;
        }

        // pg_ctl status: 0 when a server runs on the folder, 3 when not (a stale postmaster.pid after a crash).
        return await RunAsync(Path.Combine(_binDirectory, "pg_ctl"), ["-D", DataDirectory, "status"], asServerUser: true, ct, throwOnFailure: false) == 0;
    }

    private LocalPostgresException FolderInUse()
    {
        // postmaster.pid: line 1 the server's pid, line 4 its port.
        string[] pid = [];
        try
        {
            pid = File.ReadAllLines(Path.Combine(DataDirectory, "postmaster.pid"));
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        var server = pid.Length >= 4 ? $" (PostgreSQL pid {pid[0].Trim()}, port {pid[3].Trim()})" : "";
        return new LocalPostgresException(
            $"The data folder {DataDirectory} is in use by a running PostgreSQL server{server}, most likely another Provenance " +
            "instance. This instance starts no second server there and leaves that one running. Stop the other instance, " +
            $"or give this one a folder of its own with {LocalPostgresOptions.Section.Replace(":", "__", StringComparison.Ordinal)}__DataDirectory, " +
            "or point it at that server with ConnectionStrings__Provenance.");
    }

    public async Task CreateDatabaseAsync(string database, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(ct);
        var quoted = new NpgsqlCommandBuilder().QuoteIdentifier(database);
        await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
        await create.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Stops the server (fast shutdown; immediate for throwaway clusters, whose folder is then deleted).</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= StopOnExit;
        // A start-up that failed before this process had a server of its own stops nothing.
        if (_startedHere)
        {
            NpgsqlConnection.ClearAllPools();
        }

        if (_startedHere && File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            var mode = _options.Throwaway ? "immediate" : "fast";
            await RunAsync(Path.Combine(_binDirectory, "pg_ctl"), ["-D", DataDirectory, "-m", mode, "-w", "stop"], asServerUser: true, CancellationToken.None);
            _logger.LogInformation("Local PostgreSQL in {DataDirectory} stopped", DataDirectory);
        }

        if (_options.Throwaway && _createdFolder && Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    /// <summary>
    /// Stops the server the way a power cut would (<c>pg_ctl -m immediate</c>: no checkpoint, WAL
    /// recovery at the next start) and keeps its data, for crash-consistency tests. Start it again
    /// with <see cref="StartAsync"/> and the same options.
    /// </summary>
    public async Task CrashAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= StopOnExit;
        if (!_startedHere)
        {
            return;
        }

        await RunAsync(Path.Combine(_binDirectory, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], asServerUser: true, CancellationToken.None);
        // This process's pooled connections to the dead server would fail their next command.
        NpgsqlConnection.ClearAllPools();
        _logger.LogInformation("Local PostgreSQL in {DataDirectory} stopped in immediate mode", DataDirectory);
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private void StopOnExit(object? sender, EventArgs e) => StopAsync().GetAwaiter().GetResult();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<int> RunAsync(string program, IReadOnlyList<string> arguments, bool asServerUser, CancellationToken ct, bool throwOnFailure = true)
    {
        // initdb and postgres refuse to run as root; root runs them as the postgres user.
        var start = new ProcessStartInfo
        {
            FileName = asServerUser && RunningAsRoot ? "runuser" : program,
            WorkingDirectory = "/",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asServerUser && RunningAsRoot)
        {
            foreach (var a in new[] { "-u", ServerUser, "--", program })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new LocalPostgresException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0 && throwOnFailure)
        {
            throw new LocalPostgresException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: {(await stderr).Trim()} {(await stdout).Trim()}");
        }

        return process.ExitCode;
    }
}
