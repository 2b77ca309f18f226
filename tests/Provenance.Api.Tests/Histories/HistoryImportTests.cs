using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Provenance.Api.Tests.Support;
using Provenance.Testing;

namespace Provenance.Api.Tests.Histories;

/// <summary>Whole histories imported through <c>POST /api/translations/{id}/history</c>, on the Geniza corpus.</summary>
[Collection(ApiCollection.Name)]
public sealed class HistoryImportTests(TestPostgres postgres) : IAsyncLifetime
{
    private ApiHost _host = null!;
    private HttpClient _editor = null!;
    private string _editorName = null!;
    private HttpClient _reviewer = null!;
    private HttpClient _reader = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync(postgres);
        _editorName = $"Importing editor {Guid.NewGuid():N}";
        _editor = _host.Api.ClientWithKey(await _host.Api.CreateKeyAsync(_editorName, "editor", "reviewer"));
        _reviewer = await _host.Api.CreateClientWithRolesAsync("reviewer");
        _reader = _host.Api.CreateClient();
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task The_whole_corpus_imports_and_every_revision_comes_back_byte_for_byte_with_its_historical_author_and_date()
    {
        var corpus = GenizaCorpus.Load();
        Assert.True(corpus.Count >= 30, "the corpus manifest lists its texts");
        var started = DateTimeOffset.UtcNow;
        foreach (var document in corpus.GroupBy(t => t.Pgpid))
        {
            var documentId = await GenizaCorpus.AddDocumentAsync(_editor, document.Key);
            foreach (var text in document)
            {
                var translationId = await GenizaCorpus.AddTranslationAsync(_editor, documentId, text);
                var imported = await HttpAssert.JsonAsync(await _editor.PostAsJsonAsync($"/api/translations/{translationId}/history", GenizaCorpus.HistoryBody(text)), HttpStatusCode.Created);
                var ids = imported.GetProperty("revisionIds").EnumerateArray().Select(i => i.GetInt64()).ToList();
                Assert.Equal(text.Revisions.Count, ids.Count);

                for (var i = 0; i < ids.Count; i++)
                {
                    var revision = await HttpAssert.JsonAsync(await _reader.GetAsync($"/api/revisions/{ids[i]}"));
                    Assert.True(text.Revisions[i].Normalized == revision.GetProperty("text").GetString(), $"{text.Revisions[i].File} came back changed");
                    Assert.Equal(i + 1, revision.GetProperty("number").GetInt32());
                }

                var history = (await HttpAssert.JsonAsync(await _reader.GetAsync($"/api/translations/{translationId}/history"))).EnumerateArray().ToList();
                Assert.Equal(ids, history.Select(h => h.GetProperty("revisionId").GetInt64()));
                for (var i = 0; i < history.Count; i++)
                {
                    var h = history[i];
                    Assert.Equal(GenizaCorpus.Author(text), h.GetProperty("author").GetString());
                    Assert.Equal(text.Revisions[i].Date, h.GetProperty("authoredAt").GetDateTimeOffset());
                    Assert.Equal($"PGP commit {text.Revisions[i].Commit}", h.GetProperty("summary").GetString());
                    Assert.Equal(_editorName, h.GetProperty("importedBy").GetString());
                    Assert.True(h.GetProperty("createdAt").GetDateTimeOffset() >= started.AddMinutes(-1), "the server's time of the import is kept too");
                    Assert.Equal(i == history.Count - 1 ? "proposed" : "superseded", h.GetProperty("status").GetString());
                    Assert.False(h.GetProperty("publishedWithoutReview").GetBoolean());
                }
            }
        }
    }

    [Fact]
    public async Task The_newest_imported_revision_is_published_only_when_someone_other_than_the_importer_and_its_authors_approves_it()
    {
        var text = GenizaCorpus.Load().First(t => t.Revisions.Count >= 5);
        // A reviewer who is the history's author, by name.
        var (_, authorKey) = await _host.Api.CreateContributorAsync(GenizaCorpus.Author(text), "reviewer");
        var author = _host.Api.ClientWithKey(authorKey);
        var documentId = await GenizaCorpus.AddDocumentAsync(_editor, text.Pgpid);
        var translationId = await GenizaCorpus.AddTranslationAsync(_editor, documentId, text);
        var ids = (await HttpAssert.JsonAsync(await _editor.PostAsJsonAsync($"/api/translations/{translationId}/history", GenizaCorpus.HistoryBody(text)), HttpStatusCode.Created))
            .GetProperty("revisionIds").EnumerateArray().Select(i => i.GetInt64()).ToList();
        await HttpAssert.ProblemAsync(await _reader.GetAsync($"/api/translations/{translationId}/text"), HttpStatusCode.NotFound);

        await HttpAssert.ProblemAsync(await _editor.PostAsJsonAsync($"/api/revisions/{ids[^1]}/review", new { decision = "approve" }), HttpStatusCode.Forbidden);
        await HttpAssert.ProblemAsync(await author.PostAsJsonAsync($"/api/revisions/{ids[^1]}/review", new { decision = "approve" }), HttpStatusCode.Forbidden);
        // The older revisions are history: superseded, never published on their own.
        await HttpAssert.ProblemAsync(await _reviewer.PostAsJsonAsync($"/api/revisions/{ids[0]}/review", new { decision = "approve" }), HttpStatusCode.Conflict);
        await HttpAssert.ProblemAsync(await _reader.GetAsync($"/api/translations/{translationId}/text"), HttpStatusCode.NotFound);

        await HttpAssert.JsonAsync(await _reviewer.PostAsJsonAsync($"/api/revisions/{ids[^1]}/review", new { decision = "approve" }));
        var published = await HttpAssert.JsonAsync(await _reader.GetAsync($"/api/translations/{translationId}/text"));
        Assert.Equal(ids[^1], published.GetProperty("revisionId").GetInt64());
        Assert.Equal(text.Revisions[^1].Normalized, published.GetProperty("text").GetString());
    }

    [Fact]
    public async Task The_importer_cannot_publish_an_imported_history_by_approving_a_later_revision_on_top_of_it()
    {
        var text = GenizaCorpus.Load().First(t => t.Revisions.Count >= 5);
        var documentId = await GenizaCorpus.AddDocumentAsync(_editor, text.Pgpid);
        var translationId = await GenizaCorpus.AddTranslationAsync(_editor, documentId, text);
        var ids = (await HttpAssert.JsonAsync(await _editor.PostAsJsonAsync($"/api/translations/{translationId}/history", GenizaCorpus.HistoryBody(text)), HttpStatusCode.Created))
            .GetProperty("revisionIds").EnumerateArray().Select(i => i.GetInt64()).ToList();
        // Someone else proposes a small fix on top of the unreviewed import...
        var other = await _host.Api.CreateClientWithRolesAsync("editor");
        var fix = await HttpAssert.JsonAsync(await other.PostAsJsonAsync($"/api/translations/{translationId}/revisions",
            new { baseRevisionId = ids[^1], text = text.Revisions[^1].Normalized + "\nA note by another editor.\n", summary = "Add a note" }), HttpStatusCode.Created);

        // ...and the importer may not approve it: that would publish the history they imported, unreviewed.
        var refused = await HttpAssert.ProblemAsync(
            await _editor.PostAsJsonAsync($"/api/revisions/{fix.GetProperty("id").GetInt64()}/review", new { decision = "approve" }), HttpStatusCode.Forbidden);
        Assert.Contains(refused.GetProperty("authoredRevisionId").GetInt64(), ids);
        await HttpAssert.ProblemAsync(await _reader.GetAsync($"/api/translations/{translationId}/text"), HttpStatusCode.NotFound);

        await HttpAssert.JsonAsync(await _reviewer.PostAsJsonAsync($"/api/revisions/{fix.GetProperty("id").GetInt64()}/review", new { decision = "approve" }));
        Assert.Equal(fix.GetProperty("id").GetInt64(),
            (await HttpAssert.JsonAsync(await _reader.GetAsync($"/api/translations/{translationId}/text"))).GetProperty("revisionId").GetInt64());
    }

    [Fact]
    public async Task Only_an_admin_publishes_a_history_without_review_and_the_revision_says_so()
    {
        var text = GenizaCorpus.Load().First(t => t.Revisions.Count >= 3);
        var documentId = await GenizaCorpus.AddDocumentAsync(_editor, text.Pgpid);
        var translationId = await GenizaCorpus.AddTranslationAsync(_editor, documentId, text);
        await HttpAssert.ProblemAsync(await _editor.PostAsJsonAsync($"/api/translations/{translationId}/history", GenizaCorpus.HistoryBody(text, publishWithoutReview: true)), HttpStatusCode.Forbidden);
        Assert.Empty((await HttpAssert.JsonAsync(await _reader.GetAsync($"/api/translations/{translationId}/history"))).EnumerateArray());

        using var admin = _host.Api.ClientWithKey(Keys.BootstrapAdmin);
        var ids = (await HttpAssert.JsonAsync(await admin.PostAsJsonAsync($"/api/translations/{translationId}/history", GenizaCorpus.HistoryBody(text, publishWithoutReview: true)), HttpStatusCode.Created))
            .GetProperty("revisionIds").EnumerateArray().Select(i => i.GetInt64()).ToList();
        var published = await HttpAssert.JsonAsync(await _reader.GetAsync($"/api/translations/{translationId}/text"));
        Assert.Equal(ids[^1], published.GetProperty("revisionId").GetInt64());
        var newest = (await HttpAssert.JsonAsync(await _reader.GetAsync($"/api/translations/{translationId}/history"))).EnumerateArray().Last();
        Assert.True(newest.GetProperty("publishedWithoutReview").GetBoolean());
        Assert.Equal("approved", newest.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, newest.GetProperty("reviewer").ValueKind);

        var audit = await HttpAssert.JsonAsync(await _reader.GetAsync("/api/audit?pageSize=500"));
        var imported = audit.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("action").GetString() == "history.imported" && e.GetProperty("entityId").GetInt64() == translationId);
        Assert.True(imported.GetProperty("details").GetProperty("publishedWithoutReview").GetBoolean());
    }

    [Fact]
    public async Task A_history_goes_only_into_a_translation_without_revisions()
    {
        var text = GenizaCorpus.Load().First(t => t.Revisions.Count >= 2);
        var documentId = await GenizaCorpus.AddDocumentAsync(_editor, text.Pgpid);
        var translationId = await GenizaCorpus.AddTranslationAsync(_editor, documentId, text);
        await HttpAssert.JsonAsync(await _editor.PostAsJsonAsync($"/api/translations/{translationId}/history", GenizaCorpus.HistoryBody(text)), HttpStatusCode.Created);
        var again = await HttpAssert.ProblemAsync(await _editor.PostAsJsonAsync($"/api/translations/{translationId}/history", GenizaCorpus.HistoryBody(text)), HttpStatusCode.Conflict);
        Assert.True(again.TryGetProperty("headRevisionId", out _));
        Assert.Equal(text.Revisions.Count, (await HttpAssert.JsonAsync(await _reader.GetAsync($"/api/translations/{translationId}/history"))).GetArrayLength());
        await HttpAssert.ProblemAsync(await _editor.PostAsJsonAsync("/api/translations/999999/history", GenizaCorpus.HistoryBody(text)), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_bad_revision_anywhere_is_422_naming_it_and_nothing_is_stored()
    {
        var text = GenizaCorpus.Load().First(t => t.Revisions.Count >= 2);
        var documentId = await GenizaCorpus.AddDocumentAsync(_editor, text.Pgpid);
        var translationId = await GenizaCorpus.AddTranslationAsync(_editor, documentId, text);
        var problem = await HttpAssert.ProblemAsync(await _editor.PostAsJsonAsync($"/api/translations/{translationId}/history", new
        {
            revisions = new object?[]
            {
                new { text = text.Revisions[0].Text, author = "gil", authoredAt = text.Revisions[0].Date, summary = "First" },
                new { text = "", author = " ", summary = "" },
                null,
                new { text = "Later", author = "gil", authoredAt = DateTimeOffset.UtcNow.AddYears(1), summary = "From the future" },
            },
        }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(new HashSet<string> { "revisions[1].text", "revisions[1].author", "revisions[1].summary", "revisions[1].authoredAt", "revisions[2]", "revisions[3].authoredAt" },
            problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToHashSet());
        var wrongDate = await HttpAssert.ProblemAsync(await _editor.PostAsJsonAsync($"/api/translations/{translationId}/history",
            new { revisions = new[] { new { text = "A", author = "gil", authoredAt = "yesterday", summary = "x" } } }), HttpStatusCode.UnprocessableEntity);
        Assert.True(wrongDate.GetProperty("errors").TryGetProperty("revisions[0].authoredAt", out _));
        await HttpAssert.ProblemAsync(await _editor.PostAsJsonAsync($"/api/translations/{translationId}/history", new { revisions = Array.Empty<object>() }), HttpStatusCode.UnprocessableEntity);
        Assert.Empty((await HttpAssert.JsonAsync(await _reader.GetAsync($"/api/translations/{translationId}/history"))).EnumerateArray());
        Assert.Equal(HttpStatusCode.Unauthorized, (await _reader.PostAsJsonAsync($"/api/translations/{translationId}/history", GenizaCorpus.HistoryBody(text))).StatusCode);
    }
}
