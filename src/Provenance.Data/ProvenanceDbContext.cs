using Microsoft.EntityFrameworkCore;
using Provenance.Data.Entities;

namespace Provenance.Data;

/// <summary>The Provenance database: archives, documents, translations, revisions, citations, audit.</summary>
/// <remarks>
/// Migrations live in their own assembly. Add one with:
/// <code>dotnet ef migrations add NAME --project migrations/Provenance.Migrations --startup-project migrations/Provenance.Migrations</code>
/// </remarks>
public class ProvenanceDbContext(DbContextOptions<ProvenanceDbContext> options) : DbContext(options)
{
    public DbSet<Archive> Archives => Set<Archive>();
    public DbSet<Document> Documents => Set<Document>();
    public DbSet<CustodyStep> CustodySteps => Set<CustodyStep>();
    public DbSet<Contributor> Contributors => Set<Contributor>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Translation> Translations => Set<Translation>();
    public DbSet<Revision> Revisions => Set<Revision>();
    public DbSet<Citation> Citations => Set<Citation>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<TranslationContributor> TranslationContributors => Set<TranslationContributor>();
    public DbSet<MetadataChange> MetadataChanges => Set<MetadataChange>();

    /// <summary>The database this context talks to: in-process caches key by it, as one process may serve (or test) several.</summary>
    public string DatabaseName => Database.GetDbConnection().Database;

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RevisionStore.EncodeUnencoded(this);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RevisionStore.EncodeUnencoded(this);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ProvenanceDbContext).Assembly);
}
