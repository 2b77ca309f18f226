using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using NpgsqlTypes;
using Provenance.Data.LocalDatabase;

namespace Provenance.Api.Tests.Reads;

/// <summary>
/// A private primary and a hot standby streamed from it (<c>pg_basebackup -R</c>), both from the machine's
/// PostgreSQL binaries. Private, not the shared test server, so a test may stop either of them.
/// </summary>
public sealed class PrimaryAndStandby : IAsyncDisposable
{
    public const string Database = "provenance_reads";
    private readonly string _bin;
    private readonly string _standbyDirectory;
    private bool _standbyRunning;

    private PrimaryAndStandby(LocalPostgresCluster primary, string bin, string standbyDirectory, int standbyPort)
    {
        Primary = primary;
        _bin = bin;
        _standbyDirectory = standbyDirectory;
        StandbyPort = standbyPort;
    }

    public LocalPostgresCluster Primary { get; }

    public int StandbyPort { get; }

    public string PrimaryConnection => Primary.ConnectionString(Database);

    public string StandbyConnection => new NpgsqlConnectionStringBuilder(PrimaryConnection) { Port = StandbyPort }.ConnectionString;

    public static async Task<PrimaryAndStandby> StartAsync()
    {
        var primary = await LocalPostgresCluster.StartAsync(new LocalPostgresOptions { Throwaway = true, Database = Database });
        var bin = PostgresBinaries.Find();
        var directory = Path.Combine(Path.GetTempPath(), $"provenance-standby-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        if (LocalPostgresCluster.RunningAsRoot)
        {
            await RunAsync("chown", ["postgres:postgres", directory], asServerUser: false);
            await RunAsync("chmod", ["700", directory], asServerUser: false);
        }

        var pair = new PrimaryAndStandby(primary, bin, directory, FreePort());
        await RunAsync(Path.Combine(bin, "pg_basebackup"),
            ["-h", "127.0.0.1", "-p", primary.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", LocalPostgresCluster.SuperUser,
             "-D", directory, "-R", "-X", "stream", "--no-sync"], asServerUser: true);
        await pair.StartStandbyAsync();
        return pair;
    }

    public async Task StartStandbyAsync()
    {
        await RunAsync(Path.Combine(_bin, "pg_ctl"),
            ["-D", _standbyDirectory, "-l", Path.Combine(_standbyDirectory, "standby.log"),
             "-o", $"-p {StandbyPort} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c hot_standby=on -c max_connections=300", "-w", "-t", "60", "start"],
            asServerUser: true);
        _standbyRunning = true;
    }

    public async Task StopStandbyAsync()
    {
        if (_standbyRunning)
        {
            _standbyRunning = false;
            await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", _standbyDirectory, "-m", "immediate", "-w", "stop"], asServerUser: true);
        }
    }

    /// <summary>Stops the primary server (its data folder stays until disposal).</summary>
    public Task StopPrimaryAsync() =>
        RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", Primary.DataDirectory, "-m", "fast", "-w", "stop"], asServerUser: true);

    public Task PauseReplayAsync() => OnStandbyAsync("SELECT pg_wal_replay_pause()");

    public Task ResumeReplayAsync() => OnStandbyAsync("SELECT pg_wal_replay_resume()");

    /// <summary>Waits (up to a minute) until the standby has replayed everything inserted on the primary so far (the position a write answers with).</summary>
    public async Task CatchUpAsync()
    {
        NpgsqlLogSequenceNumber target;
        await using (var primary = new NpgsqlConnection(PrimaryConnection))
        {
            await primary.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT pg_current_wal_insert_lsn()", primary);
            target = (NpgsqlLogSequenceNumber)(await command.ExecuteScalarAsync())!;
        }

        var deadline = DateTime.UtcNow.AddMinutes(1);
        await using var standby = new NpgsqlConnection(StandbyConnection);
        await standby.OpenAsync();
        while (true)
        {
            await using var command = new NpgsqlCommand("SELECT pg_last_wal_replay_lsn()", standby);
            if (await command.ExecuteScalarAsync() is NpgsqlLogSequenceNumber replayed && replayed >= target)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The standby did not replay {target} within a minute.");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopStandbyAsync();
        await Primary.DisposeAsync();
        if (Directory.Exists(_standbyDirectory))
        {
            Directory.Delete(_standbyDirectory, recursive: true);
        }
    }

    private async Task OnStandbyAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(StandbyConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asServerUser)
    {
        var root = asServerUser && LocalPostgresCluster.RunningAsRoot;
        var start = new ProcessStartInfo(root ? "runuser" : program)
        {
            WorkingDirectory = "/",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in (root ? new[] { "-u", "postgres", "--", program } : []).Concat(arguments))
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)}: {await stderr} {await stdout}");
    }
}
