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
        if (!settings.ContainsKey("Max Auto Prepare"))
        {
            settings.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        if (!settings.ContainsKey("Auto Prepare Min Usages"))
        {
            settings.AutoPrepareMinUsages = 2;
        }

        return builder.Build();
    }
}
