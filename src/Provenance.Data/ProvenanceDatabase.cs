using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Provenance.Data;

/// <summary>The one place that says how the context talks to PostgreSQL.</summary>
public static class ProvenanceDatabase
{
    public const string MigrationsAssembly = "Provenance.Migrations";

    public static DbContextOptionsBuilder UseProvenanceDatabase(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(MigrationsAssembly))
            .UseSnakeCaseNamingConvention();

    public static DbContextOptionsBuilder UseProvenanceDatabase(this DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options
            .UseNpgsql(dataSource, npgsql => npgsql.MigrationsAssembly(MigrationsAssembly))
            .UseSnakeCaseNamingConvention();
}
