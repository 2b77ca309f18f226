using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Provenance.Api.Tests.Support;
using Provenance.Testing;

namespace Provenance.Api.Tests.Trust;

/// <summary>
/// Issue 15 item 6: a superuser changes a revision behind the application's back; the audit chain is intact, but
/// <c>GET /api/audit/verify</c> compares each revision with the events that recorded it and names the first mismatch.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class VerifyTamperingTests(TestPostgres postgres) : IAsyncLifetime
{
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(postgres, seed: true);

    public Task DisposeAsync() => _host.DisposeAsync();

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_host.Api.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Each_stored_fact_changed_behind_the_apps_back_is_named()
    {
        var client = _host.Api.CreateClient();
        var documentId = await Blame.TestHistory.SeedDocumentIdAsync(client);
        var translation = await Blame.TestHistory.SeedTranslationAsync(client, documentId);
        var translationId = translation.GetProperty("id").GetInt64();
        var head = await HttpAssert.JsonAsync(await client.GetAsync($"/api/translations/{translationId}/text"));
        var (editorId, editorKey) = await _host.Api.CreateContributorAsync("Ed Editor", "editor");
        var (reviewerId, reviewerKey) = await _host.Api.CreateContributorAsync("Rita Reviewer", "reviewer");
        using var editor = _host.Api.ClientWithKey(editorKey);
        using var reviewer = _host.Api.ClientWithKey(reviewerKey);
        var text = head.GetProperty("text").GetString()!;
        var submitted = await HttpAssert.JsonAsync(await editor.PostAsJsonAsync($"/api/translations/{translationId}/revisions",
            new { baseRevisionId = head.GetProperty("revisionId").GetInt64(), text = text + "\nA note.\n", summary = "Add a note" }), HttpStatusCode.Created);
        var id = submitted.GetProperty("id").GetInt64();
        await HttpAssert.JsonAsync(await reviewer.PostAsJsonAsync($"/api/revisions/{id}/review", new { decision = "approve", comment = "ok" }));

        var intact = await HttpAssert.JsonAsync(await client.GetAsync("/api/audit/verify"));
        Assert.True(intact.GetProperty("ok").GetBoolean(), intact.ToString());

        var cases = new (string Fact, string Forge, string Restore)[]
        {
            ("summary", "summary = 'Nothing to see'", "summary = 'Add a note'"),
            ("author", $"author_id = {reviewerId}", $"author_id = {editorId}"),
            ("status", "status = 'Rejected'", "status = 'Approved'"),
            ("reviewer", $"reviewer_id = {editorId}", $"reviewer_id = {reviewerId}"),
            ("sha256", "sha256 = repeat('0', 64)", $"sha256 = '{submitted.GetProperty("sha256").GetString()}'"),
            ("parentId", "parent_id = id", $"parent_id = {submitted.GetProperty("parentId").GetInt64()}"),
        };
        foreach (var (fact, forge, restore) in cases)
        {
            await ExecuteAsync($"UPDATE revisions SET {forge} WHERE id = {id}");
            var result = await HttpAssert.JsonAsync(await client.GetAsync("/api/audit/verify"));
            Assert.False(result.GetProperty("ok").GetBoolean(), $"{fact}: {result}");
            Assert.Equal(id, result.GetProperty("firstMismatchedRevisionId").GetInt64());
            Assert.Contains($"stored {fact} differs", result.GetProperty("reason").GetString(), StringComparison.Ordinal);
            Assert.Equal(JsonValueKindNumber, result.GetProperty("firstBrokenEventId").ValueKind);

            await ExecuteAsync($"UPDATE revisions SET {restore} WHERE id = {id}");
            var restored = await HttpAssert.JsonAsync(await client.GetAsync("/api/audit/verify"));
            Assert.True(restored.GetProperty("ok").GetBoolean(), $"{fact} restored: {restored}");
        }
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNumber = System.Text.Json.JsonValueKind.Number;

    [Fact]
    public async Task A_revision_inserted_without_an_audit_event_is_named()
    {
        var client = _host.Api.CreateClient();
        var documentId = await Blame.TestHistory.SeedDocumentIdAsync(client);
        var translation = await Blame.TestHistory.SeedTranslationAsync(client, documentId);
        var translationId = translation.GetProperty("id").GetInt64();
        await ExecuteAsync($"""
            INSERT INTO revisions (translation_id, parent_id, number, summary, sha256, status, merged, snapshot, text, created_at)
            VALUES ({translationId}, (SELECT current_revision_id FROM translations WHERE id = {translationId}), 99, 'Slipped in', repeat('a', 64), 'Approved', false, true, 'forged', now())
            """);
        var result = await HttpAssert.JsonAsync(await client.GetAsync("/api/audit/verify"));
        Assert.False(result.GetProperty("ok").GetBoolean());
        Assert.Contains("no audit event records it", result.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }
}
