using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Provenance.Data;

namespace Provenance.Migrations;

/// <summary>
/// Lets <c>dotnet ef</c> build the context without starting the API. Adding a migration or
/// checking for pending model changes needs no server; <c>database update</c> uses
/// <c>ConnectionStrings__Provenance</c> when set.
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ProvenanceDbContext>
{
    public ProvenanceDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Provenance")
            ?? "Host=127.0.0.1;Database=provenance;Username=provenance";
        var options = new DbContextOptionsBuilder<ProvenanceDbContext>();
        options.UseProvenanceDatabase(connectionString);
        return new ProvenanceDbContext(options.Options);
    }
}
