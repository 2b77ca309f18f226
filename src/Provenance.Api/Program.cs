using Provenance.Api.Audit;
using Provenance.Api.Auth;
using Provenance.Api.Blame;
using Provenance.Api.Citations;
using Provenance.Api.Diffs;
using Provenance.Api.Documents;
using Provenance.Api.Editing;
using Provenance.Api.Hosting;
using Provenance.Api.Imports;
using Provenance.Api.ProvenanceQuery;
using Provenance.Api.Revisions;
using Provenance.Api.Translations;
using Provenance.Api.Ui;

var builder = WebApplication.CreateBuilder(args);
builder.AddProvenanceLogging();
builder.AddProvenanceDatabase();
builder.AddProvenanceApi();
builder.AddProvenanceAuth();
builder.AddProvenanceEditing();
builder.AddProvenanceImports();
builder.AddProvenanceDiffs();
builder.AddProvenanceAuditLog();

var app = builder.Build();
app.UseProvenanceUi();
app.UseProvenancePipeline();
app.UseProvenanceWriteRateLimiting();
app.MapOperationsEndpoints();
app.MapKeyEndpoints();
app.MapDocumentEndpoints();
app.MapTranslationEndpoints();
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

await app.MigrateDatabaseAsync();
await app.ApplyAuditRoleGrantsAsync();
await app.EnsureBootstrapAdminAsync();
await app.ImportSeedsIfEmptyAsync();
await app.RunAsync();

/// <summary>Entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
