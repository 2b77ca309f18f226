using System.Collections.Concurrent;
using Npgsql;
using Provenance.Data.LocalDatabase;

namespace Provenance.Testing;

/// <summary>
/// One PostgreSQL server per test run: <c>PROVENANCE_TEST_CONNECTION</c> when set, else a
/// throwaway cluster from the machine's binaries that is stopped and deleted at the end.
/// Each caller gets a fresh database of its own, so tests never depend on each other's data;
/// every database it created is dropped by <see cref="DropDatabaseAsync"/> or at the latest when it is disposed,
/// so a user's server keeps none of them.
/// </summary>
public sealed class TestPostgres : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, byte> _created = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _everCreated = new(StringComparer.Ordinal);
    private LocalPostgresCluster? _cluster;
    private string _serverConnection = "";

    /// <summary>Borrows a running server (its maintenance database's connection string); disposing drops only the databases this instance created.</summary>
    public static TestPostgres Borrowing(string serverConnection) => new() { _serverConnection = serverConnection };

    /// <summary>The server's maintenance database, for checks across databases.</summary>
    public string ServerConnection => _serverConnection;

    public async Task InitializeAsync()
    {
        if (_serverConnection.Length > 0)
        {
            return;
        }

        var configured = Environment.GetEnvironmentVariable("PROVENANCE_TEST_CONNECTION");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            _serverConnection = configured;
            return;
        }

        _cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresOptions { Throwaway = true, Database = "postgres" });
        _serverConnection = _cluster.ConnectionString("postgres");
    }

    /// <summary>Every database this instance created, dropped or not: what a check for leftovers looks for.</summary>
    public IReadOnlyCollection<string> CreatedDatabases => [.. _everCreated.Keys];

    /// <summary>The databases this instance created that nobody has dropped yet.</summary>
    public IReadOnlyCollection<string> UndroppedDatabases => [.. _created.Keys];

    /// <summary>
    /// Creates an empty database and returns its connection string; its owner drops it with
    /// <see cref="DropDatabaseAsync"/> (a <see cref="ProvenanceApiFactory"/> given this server does).
    /// </summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Guid.NewGuid():N}";
        _created[name] = 0;
        _everCreated[name] = 0;
        await ExecuteOnServerAsync($"CREATE DATABASE {name}");
        return new NpgsqlConnectionStringBuilder(_serverConnection) { Database = name }.ConnectionString;
    }

    /// <summary>An empty database for a test that uses one without an in-process host; disposing it drops it.</summary>
    public async Task<ScratchDatabase> CreateScratchDatabaseAsync() => new(this, await CreateDatabaseAsync());

    /// <summary>Drops a database <see cref="CreateDatabaseAsync"/> returned, closing whatever connections it still has.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        if (!_created.TryRemove(name, out _))
        {
            return;
        }

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    public async Task DisposeAsync()
    {
        // A throwaway cluster goes with its databases; a server of the user's keeps none of them.
        if (_cluster is null && _serverConnection.Length > 0)
        {
            foreach (var name in _created.Keys)
            {
                await DropDatabaseAsync(new NpgsqlConnectionStringBuilder(_serverConnection) { Database = name }.ConnectionString);
            }
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        // Unpooled: a pooled connection to the maintenance database would outlive the server when it is a throwaway one.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_serverConnection) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>A database of <see cref="TestPostgres"/> that one test owns; disposing it drops it.</summary>
public sealed class ScratchDatabase(TestPostgres server, string connectionString) : IAsyncDisposable
{
    public string ConnectionString { get; } = connectionString;

    public async ValueTask DisposeAsync() => await server.DropDatabaseAsync(ConnectionString);
}
