using Provenance.Api.Audit;
using Provenance.Api.Auth;
using Provenance.Api.Blame;
using Provenance.Api.Caching;
using Provenance.Api.Citations;
using Provenance.Api.Diffs;
using Provenance.Api.Documents;
using Provenance.Api.Editing;
using Provenance.Api.Hosting;
using Provenance.Api.Imports;
using Provenance.Api.Memento;
using Provenance.Api.ProvenanceQuery;
using Provenance.Api.Revisions;
using Provenance.Api.Translations;
using Provenance.Api.Ui;

var builder = WebApplication.CreateBuilder(args);
builder.AddProvenanceLogging();
builder.AddProvenanceDatabase();
builder.AddProvenanceReadReplica();
builder.AddProvenanceApi();
builder.AddProvenanceAuth();
builder.AddProvenanceEditing();
builder.AddProvenanceImports();
builder.AddProvenanceDiffs();
builder.AddProvenanceDocumentWrites();
builder.AddProvenanceHistories();
builder.AddProvenanceCaching();
builder.AddProvenanceAuditLog();
builder.AddProvenanceIdleCollection();

var app = builder.Build();
app.UseProvenanceCaching();
app.UseHeadAsGet();
app.UseProvenanceUi();
app.UseProvenanceReadRouting();
app.UseProvenancePipeline();
app.UseReadReplicaFallback();
app.UseProvenanceWriteRateLimiting();
app.MapOperationsEndpoints();
app.MapKeyEndpoints();
app.MapDocumentEndpoints();
app.MapDocumentWriteEndpoints();
app.MapMetadataChangeEndpoints();
app.MapTranslationEndpoints();
app.MapHistoryEndpoints();
app.MapRevisionEndpoints();
app.MapEditingEndpoints();
app.MapImportEndpoints();
app.MapDiffEndpoints();
app.MapAuditEndpoints();
app.MapAuditLogEndpoints();
app.MapCitationEndpoints();
app.MapProvenanceEndpoints();
app.MapBlameEndpoints();
app.MapCompareEndpoints();
app.MapCollationEndpoints();
app.MapMementoEndpoints();

try
{
    await app.MigrateDatabaseAsync();
    await app.EnsureBootstrapAdminAsync();
    await app.ImportSeedsIfEmptyAsync();
}
catch (StartupException e)
{
    // Something the operator fixes (a missing database, a short key): the reason, not a stack trace.
    app.Logger.LogCritical("Provenance cannot start: {Reason}", e.Message);
    return 1;
}

await app.RunAsync();
return 0;

/// <summary>Entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
