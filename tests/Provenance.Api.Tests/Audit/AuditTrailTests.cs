using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Provenance.Api.Tests.Blame;
using Provenance.Api.Tests.Support;
using Provenance.Data;
using Provenance.Testing;

namespace Provenance.Api.Tests.Audit;

[Collection(ApiCollection.Name)]
public sealed class AuditTrailTests(TestPostgres postgres) : IAsyncLifetime
{
    private ApiHost _host = null!;
    private long _documentId;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync(postgres, seed: true);
        _documentId = await TestHistory.SeedDocumentIdAsync(_host.Reader);
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    private Task<HttpResponseMessage> AddCitationAsync(string note) =>
        _host.Editor.PostAsJsonAsync($"/api/documents/{_documentId}/citations", new { kind = "editorial", note });

    private async Task<JsonElement> VerifyAsync() => await HttpAssert.JsonAsync(await _host.Reader.GetAsync("/api/audit/verify"));

    private async Task<List<JsonElement>> AllEventsAsync()
    {
        var page = await HttpAssert.JsonAsync(await _host.Reader.GetAsync("/api/audit?pageSize=500"));
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    private async Task<NpgsqlConnection> SuperuserAsync()
    {
        var connection = new NpgsqlConnection(_host.Api.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Verify_walks_an_intact_chain()
    {
        for (var i = 0; i < 3; i++)
        {
            await HttpAssert.JsonAsync(await AddCitationAsync($"note {i}"), HttpStatusCode.Created);
        }

        var events = await AllEventsAsync();
        var result = await VerifyAsync();
        Assert.True(result.GetProperty("ok").GetBoolean(), result.ToString());
        Assert.Equal(events.Count, result.GetProperty("checked").GetInt64());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("firstBrokenEventId").ValueKind);
        Assert.Equal(events[^1].GetProperty("hash").GetString(), result.GetProperty("headHash").GetString());
    }

    [Fact]
    public async Task A_row_forged_with_triggers_disabled_is_reported_at_that_event()
    {
        for (var i = 0; i < 4; i++)
        {
            await HttpAssert.JsonAsync(await AddCitationAsync($"note {i}"), HttpStatusCode.Created);
        }

        var forged = (await AllEventsAsync()).Single(e => e.GetProperty("details").TryGetProperty("note", out var n) && n.GetString() == "note 1");
        await using (var connection = await SuperuserAsync())
        {
            await ExecuteAsync(connection, "SET session_replication_role = replica");
            await ExecuteAsync(connection, $"UPDATE audit_events SET details = '{{\"kind\":\"editorial\",\"note\":\"forged\"}}' WHERE id = {forged.GetProperty("id").GetInt64()}");
        }

        var result = await VerifyAsync();
        Assert.False(result.GetProperty("ok").GetBoolean());
        Assert.Equal(forged.GetProperty("id").GetInt64(), result.GetProperty("firstBrokenEventId").GetInt64());
        Assert.Equal(forged.GetProperty("sequence").GetInt64(), result.GetProperty("firstBrokenSequence").GetInt64());
        Assert.Equal(forged.GetProperty("sequence").GetInt64(), result.GetProperty("checked").GetInt64());
        Assert.Contains("hash does not match", result.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_row_with_a_recomputed_hash_breaks_the_link_of_the_next_event()
    {
        for (var i = 0; i < 3; i++)
        {
            await HttpAssert.JsonAsync(await AddCitationAsync($"note {i}"), HttpStatusCode.Created);
        }

        var events = await AllEventsAsync();
        var forged = events[^2];
        await using (var scope = _host.Api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ProvenanceDbContext>();
            var row = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Id == forged.GetProperty("id").GetInt64());
            row.ActorName = "someone else";
            var rehashed = Data.Auditing.AuditChain.ComputeHash(row);
            await using var connection = await SuperuserAsync();
            await ExecuteAsync(connection, "SET session_replication_role = replica");
            await ExecuteAsync(connection, $"UPDATE audit_events SET actor_name = 'someone else', hash = '{rehashed}' WHERE id = {row.Id}");
        }

        var result = await VerifyAsync();
        Assert.False(result.GetProperty("ok").GetBoolean());
        Assert.Equal(events[^1].GetProperty("id").GetInt64(), result.GetProperty("firstBrokenEventId").GetInt64());
        Assert.Contains($"event {forged.GetProperty("id").GetInt64()}", result.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_row_is_reported_as_a_sequence_gap_at_the_event_after_it()
    {
        await HttpAssert.JsonAsync(await AddCitationAsync("a"), HttpStatusCode.Created);
        await HttpAssert.JsonAsync(await AddCitationAsync("b"), HttpStatusCode.Created);
        var events = await AllEventsAsync();
        await using (var connection = await SuperuserAsync())
        {
            await ExecuteAsync(connection, "SET session_replication_role = replica");
            await ExecuteAsync(connection, $"DELETE FROM audit_events WHERE id = {events[^2].GetProperty("id").GetInt64()}");
        }

        var result = await VerifyAsync();
        Assert.False(result.GetProperty("ok").GetBoolean());
        Assert.Equal(events[^1].GetProperty("id").GetInt64(), result.GetProperty("firstBrokenEventId").GetInt64());
        Assert.Contains("missing", result.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UPDATE audit_events SET action = 'forged'")]
    [InlineData("DELETE FROM audit_events")]
    [InlineData("TRUNCATE audit_events")]
    public async Task The_app_connection_cannot_update_delete_or_truncate_audit_events(string sql)
    {
        await using var scope = _host.Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProvenanceDbContext>();
        Assert.True(await db.AuditEvents.AnyAsync());

        // The app's role lacks the privilege; the owner has it, and the append-only triggers refuse it.
        var error = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync(sql));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Contains("permission denied", error.MessageText, StringComparison.Ordinal);
        await using (var owner = await SuperuserAsync())
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(owner, sql));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
            Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
        }

        Assert.True((await VerifyAsync()).GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task EF_bulk_updates_and_deletes_of_audit_events_are_refused()
    {
        await using var scope = _host.Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProvenanceDbContext>();
        var update = await Assert.ThrowsAsync<PostgresException>(() => db.AuditEvents.ExecuteUpdateAsync(s => s.SetProperty(e => e.ActorName, "x")));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => db.AuditEvents.ExecuteDeleteAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, update.SqlState);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, delete.SqlState);
    }

    [Fact]
    public async Task Concurrent_writers_append_one_unforked_chain()
    {
        const int writers = 24;
        var responses = await Task.WhenAll(Enumerable.Range(0, writers).Select(i => AddCitationAsync($"parallel {i}")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));

        var events = await AllEventsAsync();
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal(events.Count, events.Select(e => e.GetProperty("previousHash").GetString()).Distinct(StringComparer.Ordinal).Count());
        for (var i = 1; i < events.Count; i++)
        {
            Assert.Equal(events[i - 1].GetProperty("hash").GetString(), events[i].GetProperty("previousHash").GetString());
        }

        Assert.Equal(writers, events.Count(e => e.GetProperty("action").GetString() == "citation.added"));
        Assert.True((await VerifyAsync()).GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task The_audit_list_filters_by_entity_actor_action_and_time_and_pages()
    {
        var created = await HttpAssert.JsonAsync(await AddCitationAsync("filtered"), HttpStatusCode.Created);
        var citationId = created.GetProperty("id").GetInt64();
        var actorId = created.GetProperty("addedById").GetInt64();
        var actorName = created.GetProperty("addedBy").GetString()!;

        var byEntity = await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/audit?entity=citation&entityId={citationId}"));
        var only = Assert.Single(byEntity.GetProperty("items").EnumerateArray());
        Assert.Equal("citation.added", only.GetProperty("action").GetString());
        Assert.Equal(_documentId, only.GetProperty("documentId").GetInt64());
        Assert.Equal("filtered", only.GetProperty("details").GetProperty("note").GetString());
        Assert.Equal(64, only.GetProperty("hash").GetString()!.Length);

        foreach (var actor in new[] { actorId.ToString(System.Globalization.CultureInfo.InvariantCulture), Uri.EscapeDataString(actorName.ToUpperInvariant()) })
        {
            var byActor = await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/audit?actor={actor}"));
            Assert.Equal(1, byActor.GetProperty("total").GetInt32());
        }

        var imports = await HttpAssert.JsonAsync(await _host.Reader.GetAsync("/api/audit?action=document.imported"));
        Assert.Equal(1, imports.GetProperty("total").GetInt32());

        var future = await HttpAssert.JsonAsync(await _host.Reader.GetAsync("/api/audit?from=2999-01-01"));
        Assert.Equal(0, future.GetProperty("total").GetInt32());
        var past = await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/audit?to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"))}"));
        Assert.Equal((await AllEventsAsync()).Count, past.GetProperty("total").GetInt32());

        var paged = await HttpAssert.JsonAsync(await _host.Reader.GetAsync("/api/audit?page=2&pageSize=1"));
        Assert.Equal(2, Assert.Single(paged.GetProperty("items").EnumerateArray()).GetProperty("sequence").GetInt64());
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=31.12.2020x", "to")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=0", "page")]
    public async Task Bad_audit_filters_are_400_problems_naming_the_parameter(string query, string field)
    {
        var problem = await HttpAssert.ProblemAsync(await _host.Reader.GetAsync($"/api/audit?{query}"), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Document_history_holds_the_import_its_revisions_and_its_citations_in_chain_order()
    {
        var translation = await TestHistory.SeedTranslationAsync(_host.Reader, _documentId);
        var revisionId = await TestHistory.AddRevisionAsync(_host.Api, translation.GetProperty("id").GetInt64(), "New text.\n", "Dana Editor", "Rewrite");
        var citation = await HttpAssert.JsonAsync(await AddCitationAsync("history"), HttpStatusCode.Created);
        await HttpAssert.JsonAsync(await _host.Editor.PostAsJsonAsync($"/api/citations/{citation.GetProperty("id").GetInt64()}/retract", new { reason = "wrong" }));

        var history = await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/documents/{_documentId}/history"));
        var items = history.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["document.imported", "revision.submitted", "citation.added", "citation.retracted"], items.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(revisionId, items[1].GetProperty("entityId").GetInt64());
        Assert.All(items, e => Assert.Equal(_documentId, e.GetProperty("documentId").GetInt64()));
        Assert.DoesNotContain(items, e => e.GetProperty("action").GetString() == "key.created");
        await HttpAssert.ProblemAsync(await _host.Reader.GetAsync("/api/documents/999999/history"), HttpStatusCode.NotFound);
    }
}
