using System.Diagnostics;
using System.Net;
using Npgsql;
using Provenance.Data.LocalDatabase;

namespace Provenance.Api.Tests.Hosting;

/// <summary>
/// Two services on one data folder (the README's run command twice): the second says the folder is in
/// use and exits, and the first one's PostgreSQL keeps running. Real processes, a real cluster.
/// </summary>
public sealed class SharedDataFolderTests : IAsyncLifetime
{
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
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Provenance__LocalDatabase__DataDirectory"] = _dataDirectory,
        };
        await using var first = ServiceProcess.StartBuilt(environment);
        using var client = first.Client();
        Assert.True(await first.ReadyOrExitedAsync(), $"the first service never became ready:\n{first.Output}");

        await using var second = ServiceProcess.StartBuilt(environment);
        Assert.True(await second.WaitForExitAsync(ServiceProcess.StartTimeout), $"the second service kept running:\n{second.Output}");
        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains($"The data folder {_dataDirectory} is in use by a running PostgreSQL server", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", second.Output, StringComparison.Ordinal); // a sentence, not a stack trace

        // The first service still has its database.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/documents")).StatusCode);

        // ...and stops the server it started when it shuts down.
        await first.TerminateAsync(ServiceProcess.StartTimeout);
        Assert.True(first.HasExited);
        Assert.Contains($"Local PostgreSQL in {_dataDirectory} stopped", first.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dataDirectory, "postmaster.pid")), "the first service left its PostgreSQL running");
    }

    [Fact]
    public async Task Starting_a_cluster_on_a_folder_in_use_fails_clearly_and_does_not_stop_the_running_one()
    {
        var options = new LocalPostgresOptions { DataDirectory = _dataDirectory, Port = ServiceProcess.FreePort(), Database = "provenance" };
        await using var first = await LocalPostgresCluster.StartAsync(options);

        var refused = await Assert.ThrowsAsync<LocalPostgresException>(() =>
            LocalPostgresCluster.StartAsync(new LocalPostgresOptions { DataDirectory = _dataDirectory, Port = ServiceProcess.FreePort(), Database = "provenance" }));
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
        var options = new LocalPostgresOptions { DataDirectory = _dataDirectory, Port = ServiceProcess.FreePort(), Database = "provenance" };
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
}
