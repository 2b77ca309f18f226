using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Provenance.Api.Tests.Support;
using Provenance.Testing;

namespace Provenance.Api.Tests.WritePath;

[Collection(ApiCollection.Name)]
public sealed class ImportAuthorizationTests(TestPostgres postgres) : IAsyncLifetime
{
    private WritePathHost _host = null!;

    public async Task InitializeAsync() => _host = await WritePathHost.StartAsync(postgres);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static StringContent Record() => new(Records.MikoyanNotes, Encoding.UTF8, "text/markdown");

    [Fact]
    public async Task Importing_needs_an_editor_key_and_names_the_editor_in_the_audit_trail()
    {
        await HttpAssert.ProblemAsync(await _host.Client().PostAsync("/api/imports", Record()), HttpStatusCode.Unauthorized);
        var reviewer = _host.Client(await _host.KeyAsync("Rita Reviewer", "reviewer"));
        await HttpAssert.ProblemAsync(await reviewer.PostAsync("/api/imports", Record()), HttpStatusCode.Forbidden);
        Assert.Equal(0, await _host.DbAsync(db => db.Documents.CountAsync()));

        var editor = _host.Client(await _host.KeyAsync("Ed Importer", "editor"));
        var created = await HttpAssert.JsonAsync(await editor.PostAsync("/api/imports", Record()), HttpStatusCode.Created);
        var documentId = created.GetProperty("documentId").GetInt64();

        var audit = await _host.AuditAsync(documentId);
        Assert.NotEmpty(audit);
        Assert.All(audit, e => Assert.Equal("Ed Importer", e.ActorName));
    }
}
