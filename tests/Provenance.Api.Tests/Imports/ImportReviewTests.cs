using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Provenance.Api.Tests.Support;
using Provenance.Data;
using Provenance.Data.Auditing;
using Provenance.Testing;

namespace Provenance.Api.Tests.Imports;

/// <summary>
/// Issue 15 item 1: an import is no way around review. Texts that arrive by import are proposed revisions by
/// whoever sent them; only an admin's explicit migration (and the seeds) publishes without review, and says so.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ImportReviewTests(TestPostgres postgres) : IAsyncLifetime
{
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(postgres);

    public Task DisposeAsync() => _host.DisposeAsync();

    private static StringContent Record(string text) => new(text, Encoding.UTF8, "text/markdown");

    private static readonly string Changed = Records.MikoyanNotes.Replace("20 advisers", "twenty advisers", StringComparison.Ordinal);

    private async Task<HttpClient> KeyAsync(string name, params string[] roles) =>
        _host.Api.ClientWithKey(await _host.Api.CreateKeyAsync(name, roles));

    [Fact]
    public async Task An_editor_reimporting_changed_text_proposes_a_revision_and_cannot_publish_it()
    {
        var editor = await KeyAsync("Eve Importer", "editor", "reviewer");
        var reviewer = await KeyAsync("Rob Reviewer", "reviewer");

        // A new record: its first text is proposed by the editor, the translator stays the translation's translator.
        var first = await HttpAssert.JsonAsync(await editor.PostAsync("/api/imports", Record(Records.MikoyanNotes)), HttpStatusCode.Created);
        Assert.Equal("proposed", first.GetProperty("status").GetString());
        var firstRevision = await HttpAssert.JsonAsync(await editor.GetAsync($"/api/revisions/{first.GetProperty("revisionId").GetInt64()}"));
        Assert.Equal(("Eve Importer", "proposed", false),
            (firstRevision.GetProperty("author").GetString(), firstRevision.GetProperty("status").GetString(), firstRevision.GetProperty("publishedWithoutReview").GetBoolean()));
        var document = await HttpAssert.JsonAsync(await editor.GetAsync($"/api/documents/{first.GetProperty("documentId").GetInt64()}"));
        var translation = document.GetProperty("translations")[0];
        Assert.Equal("Vladislav M. Zubok", translation.GetProperty("translator").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, translation.GetProperty("currentRevisionId").ValueKind);

        // The importer cannot approve their own text; a second person does.
        await HttpAssert.ProblemAsync(await editor.PostAsJsonAsync($"/api/revisions/{first.GetProperty("revisionId").GetInt64()}/review", new { decision = "approve" }), HttpStatusCode.Forbidden);
        await HttpAssert.JsonAsync(await reviewer.PostAsJsonAsync($"/api/revisions/{first.GetProperty("revisionId").GetInt64()}/review", new { decision = "approve" }));

        // The attack: re-import with changed text. It is proposed, authored by the editor, and not published.
        var response = await editor.PostAsync("/api/imports", Record(Changed));
        var second = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal(("revision", "proposed"), (second.GetProperty("change").GetString(), second.GetProperty("status").GetString()));
        var revision = await HttpAssert.JsonAsync(await editor.GetAsync(response.Headers.Location));
        Assert.Equal(("Eve Importer", "proposed", false),
            (revision.GetProperty("author").GetString(), revision.GetProperty("status").GetString(), revision.GetProperty("publishedWithoutReview").GetBoolean()));
        var published = await HttpAssert.JsonAsync(await editor.GetAsync($"/api/translations/{second.GetProperty("translationId").GetInt64()}/text"));
        Assert.Equal(first.GetProperty("revisionId").GetInt64(), published.GetProperty("revisionId").GetInt64());
        await HttpAssert.ProblemAsync(await editor.PostAsJsonAsync($"/api/revisions/{second.GetProperty("revisionId").GetInt64()}/review", new { decision = "approve" }), HttpStatusCode.Forbidden);

        var audit = await AuditDetailsAsync(second.GetProperty("revisionId").GetInt64());
        Assert.Contains("\"status\":\"proposed\"", audit, StringComparison.Ordinal);
        Assert.Contains("\"publishedWithoutReview\":false", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_without_review_needs_an_admin_who_asks_for_it_and_says_so()
    {
        var editor = await KeyAsync("Eve Importer", "editor", "reviewer");
        await HttpAssert.ProblemAsync(await editor.PostAsync("/api/imports?publish=true", Record(Records.MikoyanNotes)), HttpStatusCode.Forbidden);
        Assert.Equal(0, await DbAsync(db => db.Documents.CountAsync()));

        var admin = await KeyAsync("Ada Migrator", "admin");
        var plain = await HttpAssert.JsonAsync(await admin.PostAsync("/api/imports", Record(Records.MikoyanNotes)), HttpStatusCode.Created);
        Assert.Equal("proposed", plain.GetProperty("status").GetString());

        var response = await admin.PostAsync("/api/imports?publish=true", Record(Changed));
        var migrated = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal("approved", migrated.GetProperty("status").GetString());
        var revision = await HttpAssert.JsonAsync(await admin.GetAsync(response.Headers.Location));
        Assert.True(revision.GetProperty("publishedWithoutReview").GetBoolean());
        Assert.StartsWith("Published without review", revision.GetProperty("reviewComment").GetString(), StringComparison.Ordinal);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, revision.GetProperty("reviewer").ValueKind);
        var published = await HttpAssert.JsonAsync(await admin.GetAsync($"/api/translations/{migrated.GetProperty("translationId").GetInt64()}/text"));
        Assert.Equal(migrated.GetProperty("revisionId").GetInt64(), published.GetProperty("revisionId").GetInt64());

        var audit = await AuditDetailsAsync(migrated.GetProperty("revisionId").GetInt64());
        Assert.Contains("\"publishedWithoutReview\":true", audit, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"approved\"", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seeds_are_a_migration_by_the_system_marked_as_such()
    {
        await using var seeded = await ProvenanceApiFactory.StartAsync(postgres, seed: true);
        var client = seeded.CreateClient();
        var revision = await HttpAssert.JsonAsync(await client.GetAsync("/api/revisions/1"));
        Assert.Equal(("approved", true), (revision.GetProperty("status").GetString(), revision.GetProperty("publishedWithoutReview").GetBoolean()));
        await using var scope = seeded.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProvenanceDbContext>();
        var imported = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == AuditActions.DocumentImported);
        Assert.Equal("system", imported.ActorName);
        Assert.Contains("\"publishedWithoutReview\":true", imported.Details, StringComparison.Ordinal);
    }

    private Task<T> DbAsync<T>(Func<ProvenanceDbContext, Task<T>> query) => Scoped(query);

    private async Task<T> Scoped<T>(Func<ProvenanceDbContext, Task<T>> query)
    {
        await using var scope = _host.Api.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ProvenanceDbContext>());
    }

    private Task<string> AuditDetailsAsync(long revisionId) =>
        Scoped(db => db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == AuditActions.RevisionImported && e.EntityId == revisionId).Select(e => e.Details).SingleAsync());
}
