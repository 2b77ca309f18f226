using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Provenance.Testing;

/// <summary>
/// The real API host on its own database of the test server. Given <paramref name="scratchOf"/>, the host owns
/// its database, a scratch one of that server, and drops it when disposed.
/// </summary>
public class ProvenanceApiFactory(string connectionString, IReadOnlyDictionary<string, string?>? settings = null, TestPostgres? scratchOf = null)
    : WebApplicationFactory<Program>
{
    /// <summary>The admin key every test host accepts, as <c>Provenance:BootstrapAdminKey</c>.</summary>
    public const string BootstrapAdminKey = "pvk_T3q9Vx7Lm2Rc8Zw4Kp6Nd1Hs5Jb0Gy";

    public string ConnectionString { get; } = connectionString;

    /// <summary>Starts a host on a new database; with <paramref name="seed"/> the repository's seeds are imported.</summary>
    public static async Task<ProvenanceApiFactory> StartAsync(TestPostgres postgres, bool seed = true, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var merged = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>(), StringComparer.Ordinal);
        merged.TryAdd("Provenance:BootstrapAdminKey", BootstrapAdminKey);
        // Test clients of one host share an address (and often no key): diff-preview budgets are for tests that set them.
        merged.TryAdd("Provenance:RateLimit:AnonymousDiffsPerMinute", "1000000");
        merged.TryAdd("Provenance:RateLimit:KeyedDiffsPerMinute", "1000000");
        merged.TryAdd("Provenance:RateLimit:DiffConcurrency", "1024");
        if (!seed)
        {
            merged.TryAdd("Provenance:SeedDirectory", "none");
        }

        var factory = new ProvenanceApiFactory(await postgres.CreateDatabaseAsync(), merged, postgres);
        _ = factory.Server; // builds the host: migrates, seeds
        return factory;
    }

    /// <summary>A second API instance on this one's database, with the same settings, as behind a load balancer; the caller disposes it.</summary>
    public ProvenanceApiFactory AnotherInstance() => new(ConnectionString, settings);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        // The host's own data source closes its connections when the host stops; connections the tests
        // open themselves stay in Npgsql's global pool, and over many hosts would use up max_connections.
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        if (scratchOf is not null)
        {
            await scratchOf.DropDatabaseAsync(ConnectionString);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Provenance", ConnectionString);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Default"] = "Warning",
        }));
    }
}
