using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Provenance.Data.LocalDatabase;

namespace Provenance.Api.Tests.Hosting;

/// <summary>
/// Two services on one data folder (the README's run command twice): the second says the folder is in
/// use and exits, and the first one's PostgreSQL keeps running. Real processes, a real cluster.
/// </summary>
public sealed class SharedDataFolderTests : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"provenance-shared-{Guid.NewGuid():N}");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // Whatever a failed assertion left running on the folder was started by this test: stop it.
        if (File.Exists(Path.Combine(_dataDirectory, "postmaster.pid")))
        {
            var pgCtl = Path.Combine(PostgresBinaries.Find(), "pg_ctl");
            var stop = LocalPostgresCluster.RunningAsRoot
                ? Process.Start("runuser", ["-u", "postgres", "--", pgCtl, "-D", _dataDirectory, "-m", "immediate", "-w", "stop"])
                : Process.Start(pgCtl, ["-D", _dataDirectory, "-m", "immediate", "-w", "stop"]);
            await stop.WaitForExitAsync();
        }

        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task A_second_service_on_a_folder_in_use_says_so_exits_and_leaves_the_first_running()
    {
        var firstPort = FreePort();
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Provenance__LocalDatabase__DataDirectory"] = _dataDirectory,
            ["Provenance__SeedDirectory"] = "none",
        };
        await using var first = ServiceProcess.StartBuilt(environment, "--urls", $"http://127.0.0.1:{firstPort}");
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{firstPort}"), Timeout = TimeSpan.FromSeconds(10) };
        Assert.True(await WaitReadyAsync(first, client), $"the first service never became ready:\n{first.Output}");

        await using var second = ServiceProcess.StartBuilt(environment, "--urls", $"http://127.0.0.1:{FreePort()}");
        Assert.True(await second.WaitForExitAsync(StartTimeout), $"the second service kept running:\n{second.Output}");
        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains($"The data folder {_dataDirectory} is in use by a running PostgreSQL server", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", second.Output, StringComparison.Ordinal); // a sentence, not a stack trace

        // The first service still has its database.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/documents")).StatusCode);

        // ...and stops the server it started when it shuts down.
        await first.TerminateAsync(TimeSpan.FromSeconds(60));
        Assert.True(first.HasExited);
        Assert.Contains($"Local PostgreSQL in {_dataDirectory} stopped", first.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dataDirectory, "postmaster.pid")), "the first service left its PostgreSQL running");
    }

    [Fact]
    public async Task Starting_a_cluster_on_a_folder_in_use_fails_clearly_and_does_not_stop_the_running_one()
    {
        var options = new LocalPostgresOptions { DataDirectory = _dataDirectory, Port = FreePort(), Database = "provenance" };
        await using var first = await LocalPostgresCluster.StartAsync(options);

        var refused = await Assert.ThrowsAsync<LocalPostgresException>(() =>
            LocalPostgresCluster.StartAsync(new LocalPostgresOptions { DataDirectory = _dataDirectory, Port = FreePort(), Database = "provenance" }));
        Assert.Contains("is in use by a running PostgreSQL server", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"port {first.Port}", refused.Message, StringComparison.Ordinal);

        await using var connection = new NpgsqlConnection(first.ConnectionString());
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand("SELECT 1", connection);
        Assert.Equal(1, await select.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_cluster_starts_again_on_a_folder_whose_server_was_killed()
    {
        // A stale postmaster.pid (the server died with the machine) is not "in use".
        var options = new LocalPostgresOptions { DataDirectory = _dataDirectory, Port = FreePort(), Database = "provenance" };
        var crashed = await LocalPostgresCluster.StartAsync(options);
        await crashed.CrashAsync();
        // As after a power cut: a postmaster.pid naming a process that no longer exists.
        var pidFile = Path.Combine(_dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            await File.WriteAllTextAsync(pidFile, $"999999\n{_dataDirectory}\n0\n{options.Port}\n\n127.0.0.1\n");
        }

        await using var again = await LocalPostgresCluster.StartAsync(options);
        await using var connection = new NpgsqlConnection(again.ConnectionString());
        await connection.OpenAsync();
    }

    private static async Task<bool> WaitReadyAsync(ServiceProcess service, HttpClient client)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartTimeout && !service.HasExited)
        {
            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        return false;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
