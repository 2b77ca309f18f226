using Npgsql;
using Provenance.Data.LocalDatabase;

namespace Provenance.Testing;

/// <summary>
/// One PostgreSQL server per test run: <c>PROVENANCE_TEST_CONNECTION</c> when set, else a
/// throwaway cluster from the machine's binaries that is stopped and deleted at the end.
/// Each caller gets a fresh database of its own, so tests never depend on each other's data.
/// </summary>
public sealed class TestPostgres : IAsyncLifetime
{
    private LocalPostgresCluster? _cluster;
    private string _serverConnection = "";

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable("PROVENANCE_TEST_CONNECTION");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            _serverConnection = configured;
            return;
        }

        _cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresOptions { Throwaway = true, Database = "postgres" });
        _serverConnection = _cluster.ConnectionString("postgres");
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(_serverConnection))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(_serverConnection) { Database = name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
