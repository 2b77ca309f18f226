using Npgsql;
using Provenance.Api.Tests.Support;
using Provenance.Testing;

namespace Provenance.Api.Tests.Hosting;

/// <summary>Scratch databases do not pile up on the test server (with <c>PROVENANCE_TEST_CONNECTION</c>, a user's own).</summary>
[Collection(ApiCollection.Name)]
public sealed class ScratchDatabaseTests(TestPostgres postgres)
{
    [Fact]
    public async Task A_host_drops_its_database_when_disposed()
    {
        var api = await ProvenanceApiFactory.StartAsync(postgres, seed: false);
        var name = new NpgsqlConnectionStringBuilder(api.ConnectionString).Database!;
        // Left open on purpose: dropping must not wait for the test's own connections.
        var open = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(api.ConnectionString) { Pooling = false }.ConnectionString);
        await open.OpenAsync();
        Assert.True(await ExistsAsync(name));

        await api.DisposeAsync();

        Assert.False(await ExistsAsync(name));
        await open.DisposeAsync();
    }

    [Fact]
    public async Task Disposing_the_server_drops_every_database_it_created()
    {
        var borrowed = TestPostgres.Borrowing(postgres.ServerConnection);
        await borrowed.InitializeAsync();
        var names = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            names.Add(new NpgsqlConnectionStringBuilder(await borrowed.CreateDatabaseAsync()).Database!);
        }

        foreach (var name in names)
        {
            Assert.True(await ExistsAsync(name));
        }

        await borrowed.DisposeAsync();

        foreach (var name in names)
        {
            Assert.False(await ExistsAsync(name), $"{name} was left on the server");
        }
    }

    private async Task<bool> ExistsAsync(string database)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres.ServerConnection) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.AddWithValue(database);
        return (long)(await exists.ExecuteScalarAsync())! == 1;
    }
}
