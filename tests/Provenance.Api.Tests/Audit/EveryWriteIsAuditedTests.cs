using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Provenance.Api.Tests.Support;
using Provenance.Testing;

namespace Provenance.Api.Tests.Audit;

/// <summary>
/// Walks an editor's and a reviewer's whole session through HTTP and checks that each write
/// adds exactly one audit event naming its actor, that answers which change nothing add none,
/// and that the chain verifies at the end.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class EveryWriteIsAuditedTests(ApiHost host) : IClassFixture<ApiHost>, IAsyncLifetime
{
    private long _lastSequence;

    public async Task InitializeAsync()
    {
        _lastSequence = await LastSequenceAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<long> LastSequenceAsync()
    {
        var page = await HttpAssert.JsonAsync(await host.Reader.GetAsync("/api/audit?pageSize=500"));
        return page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()).DefaultIfEmpty(0).Max();
    }

    /// <summary>Asserts the events since the last check: exactly the expected actions, by the expected actor.</summary>
    private async Task ExpectEventsAsync(string? actor, params string[] actions)
    {
        var page = await HttpAssert.JsonAsync(await host.Reader.GetAsync("/api/audit?pageSize=500"));
        var fresh = page.GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("sequence").GetInt64() > _lastSequence)
            .OrderBy(e => e.GetProperty("sequence").GetInt64())
            .ToList();
        Assert.Equal(actions, fresh.Select(e => e.GetProperty("action").GetString()));
        Assert.All(fresh, e => Assert.Equal(actor, e.GetProperty("actor").GetString()));
        _lastSequence = fresh.Count == 0 ? _lastSequence : fresh[^1].GetProperty("sequence").GetInt64();
    }

    [Fact]
    public async Task Each_write_has_exactly_one_audit_event_and_no_ops_have_none()
    {
        var (_, editorKey) = await host.Api.CreateContributorAsync("Editor Ada", "editor");
        await ExpectEventsAsync("Bootstrap admin", "key.created");
        var (_, otherEditorKey) = await host.Api.CreateContributorAsync("Editor Boris", "editor");
        var (_, reviewerKey) = await host.Api.CreateContributorAsync("Reviewer Vera", "reviewer");
        await ExpectEventsAsync("Bootstrap admin", "key.created", "key.created");
        var editor = host.Api.ClientWithKey(editorKey);
        var otherEditor = host.Api.ClientWithKey(otherEditorKey);
        var reviewer = host.Api.ClientWithKey(reviewerKey);

        var imported = await HttpAssert.JsonAsync(await editor.PostAsync("/api/imports",
            new StringContent(Records.Seed(), Encoding.UTF8, "text/markdown")), HttpStatusCode.Created);
        await ExpectEventsAsync("Editor Ada", "document.imported");
        await HttpAssert.JsonAsync(await editor.PostAsync("/api/imports", new StringContent(Records.Seed(), Encoding.UTF8, "text/markdown")));
        await ExpectEventsAsync(null);

        var translationId = imported.GetProperty("translationId").GetInt64();
        var baseId = imported.GetProperty("revisionId").GetInt64();
        var baseText = (await HttpAssert.JsonAsync(await host.Reader.GetAsync($"/api/revisions/{baseId}"))).GetProperty("text").GetString()!;

        var first = await HttpAssert.JsonAsync(await editor.PostAsJsonAsync($"/api/translations/{translationId}/revisions", new
        {
            baseRevisionId = baseId,
            text = baseText.Replace("somewhat strange impression", "rather strange impression", StringComparison.Ordinal),
            summary = "Word choice",
        }), HttpStatusCode.Created);
        await ExpectEventsAsync("Editor Ada", "revision.submitted");

        // From the stale base, an edit elsewhere merges; the same edit again is identical to the head.
        await HttpAssert.JsonAsync(await otherEditor.PostAsJsonAsync($"/api/translations/{translationId}/revisions", new
        {
            baseRevisionId = baseId,
            text = baseText.Replace("Late in the evening of October 23", "Late in the evening of 23 October", StringComparison.Ordinal),
            summary = "Date style",
        }), HttpStatusCode.Created);
        await ExpectEventsAsync("Editor Boris", "revision.merged");
        await editor.PostAsJsonAsync($"/api/translations/{translationId}/revisions", new
        {
            baseRevisionId = first.GetProperty("id").GetInt64(),
            text = baseText.Replace("somewhat strange impression", "rather strange impression", StringComparison.Ordinal),
            summary = "Again",
        });
        await ExpectEventsAsync(null);

        // A conflict stores nothing.
        var conflict = await otherEditor.PostAsJsonAsync($"/api/translations/{translationId}/revisions", new
        {
            baseRevisionId = baseId,
            text = baseText.Replace("somewhat strange impression", "peculiar impression", StringComparison.Ordinal),
            summary = "Conflicting word choice",
        });
        await HttpAssert.ProblemAsync(conflict, HttpStatusCode.Conflict);
        await ExpectEventsAsync(null);

        await HttpAssert.JsonAsync(await reviewer.PostAsJsonAsync($"/api/revisions/{first.GetProperty("id").GetInt64()}/review",
            new { decision = "approve", comment = "Reads better." }));
        await ExpectEventsAsync("Reviewer Vera", "revision.reviewed");

        var documentId = imported.GetProperty("documentId").GetInt64();
        var citation = await HttpAssert.JsonAsync(await editor.PostAsJsonAsync($"/api/documents/{documentId}/citations", new
        {
            kind = "archival",
            archive = "AVP RF",
            fond = "059",
            opis = "1",
            delo = "6",
        }), HttpStatusCode.Created);
        await ExpectEventsAsync("Editor Ada", "citation.added");
        await HttpAssert.JsonAsync(await editor.PostAsJsonAsync($"/api/citations/{citation.GetProperty("id").GetInt64()}/retract",
            new { reason = "Wrong delo" }));
        await ExpectEventsAsync("Editor Ada", "citation.retracted");

        // Revoking a key is a write; revoking it again is a no-op.
        var admin = host.Api.ClientWithKey(Keys.BootstrapAdmin);
        var keys = await HttpAssert.JsonAsync(await admin.GetAsync("/api/keys"));
        var borisKey = keys.GetProperty("items").EnumerateArray().Single(k => k.GetProperty("name").GetString() == "Editor Boris").GetProperty("keyId").GetInt64();
        await HttpAssert.JsonAsync(await admin.DeleteAsync($"/api/keys/{borisKey}"));
        await ExpectEventsAsync("Bootstrap admin", "key.revoked");
        await HttpAssert.JsonAsync(await admin.DeleteAsync($"/api/keys/{borisKey}"));
        await ExpectEventsAsync(null);

        var verify = await HttpAssert.JsonAsync(await host.Reader.GetAsync("/api/audit/verify"));
        Assert.True(verify.GetProperty("ok").GetBoolean(), verify.ToString());
        Assert.Equal(_lastSequence, verify.GetProperty("checked").GetInt64());
        Assert.Equal(JsonValueKind.Null, verify.GetProperty("firstBrokenEventId").ValueKind);
    }
}
