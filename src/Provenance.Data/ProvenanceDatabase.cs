using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Provenance.Data;

/// <summary>The one place that says how the context talks to PostgreSQL.</summary>
public static class ProvenanceDatabase
{
    public const string MigrationsAssembly = "Provenance.Migrations";

    /// <summary>Statements kept prepared per physical connection when the connection string does not say.</summary>
    public const int DefaultMaxAutoPrepare = 64;

    public static DbContextOptionsBuilder UseProvenanceDatabase(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(MigrationsAssembly))
            .UseSnakeCaseNamingConvention();

    public static DbContextOptionsBuilder UseProvenanceDatabase(this DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options
            .UseNpgsql(dataSource, npgsql => npgsql.MigrationsAssembly(MigrationsAssembly))
            .UseSnakeCaseNamingConvention();

    /// <summary>
    /// The service's one data source. Unless the connection string says otherwise, statements that run
    /// twice on a connection are prepared: PostgreSQL then skips parsing and planning the same EF queries
    /// on every request, which was most of its CPU per read.
    /// </summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;
        // NpgsqlConnectionStringBuilder.ContainsKey is true for every keyword it knows; ask a plain
        // builder which settings the connection string actually gives.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Max Auto Prepare"))
        {
            settings.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        if (!given.ContainsKey("Auto Prepare Min Usages"))
        {
            settings.AutoPrepareMinUsages = 2;
        }

        // Npgsql resets a pooled connection with DISCARD ALL, which costs a round trip per request
        // and drops the prepared statements above. The app keeps no session state (its advisory
        // locks are transaction-scoped), so there is nothing to reset.
        if (!given.ContainsKey("No Reset On Close"))
        {
            settings.NoResetOnClose = true;
        }

        return builder.Build();
    }
}
