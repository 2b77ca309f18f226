using Npgsql;
using Provenance.Api.Tests.AuditLog;
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

    [Theory]
    [InlineData("api host")]
    [InlineData("seeded api host")]
    [InlineData("write-path host")]
    [InlineData("class fixture")]
    [InlineData("audit-log host")]
    [InlineData("scratch database")]
    public async Task Every_kind_of_host_drops_its_database_when_disposed(string kind)
    {
        var before = postgres.CreatedDatabases.ToHashSet(StringComparer.Ordinal);
        IAsyncDisposable owner = kind switch
        {
            "api host" => await ApiHost.StartAsync(postgres),
            "seeded api host" => await ApiHost.StartAsync(postgres, seed: true),
            "write-path host" => await WritePathHost.StartAsync(postgres, ("Provenance:RateLimit:WritesPerMinute", "5")),
            "class fixture" => await AsXunitWouldAsync(new UnthrottledWritePathHost(postgres)),
            "audit-log host" => await AuditLogHost.StartAsync(postgres),
            _ => await postgres.CreateScratchDatabaseAsync(),
        };
        var name = Assert.Single(postgres.CreatedDatabases.Except(before));
        Assert.True(await ExistsAsync(name));

        await owner.DisposeAsync();

        Assert.False(await ExistsAsync(name), $"the {kind} left {name} on the server");
        Assert.DoesNotContain(name, postgres.UndroppedDatabases);
    }

    [Fact]
    public async Task No_database_of_a_finished_test_is_left_on_the_server()
    {
        // The API tests run one class at a time and dispose a class's fixtures when it ends, so whatever ran
        // before this test has finished: every database created so far must be gone.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres.ServerConnection) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var list = new NpgsqlCommand("SELECT datname FROM pg_database", connection);
        var present = new List<string>();
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                present.Add(reader.GetString(0));
            }
        }

        var left = present.Intersect(postgres.CreatedDatabases, StringComparer.Ordinal).ToList();
        Assert.True(left.Count == 0, $"{left.Count} of {postgres.CreatedDatabases.Count} scratch databases were left: {string.Join(", ", left)}");
        Assert.Empty(postgres.UndroppedDatabases);
    }

    private static async Task<ApiHost> AsXunitWouldAsync(ApiHost fixture)
    {
        await fixture.InitializeAsync();
        return fixture;
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
