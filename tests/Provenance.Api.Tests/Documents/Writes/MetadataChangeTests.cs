using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Provenance.Api.Tests.Support;
using Provenance.Testing;

namespace Provenance.Api.Tests.Documents.Writes;

/// <summary>Metadata changes are proposed, diffed field by field, and applied only when someone other than their author approves them.</summary>
[Collection(ApiCollection.Name)]
public sealed class MetadataChangeTests(ApiHost host) : IClassFixture<ApiHost>, IAsyncLifetime
{
    private HttpClient _editor = null!;
    private HttpClient _reviewer = null!;
    private HttpClient _reader = null!;
    private long _documentId;

    public async Task InitializeAsync()
    {
        _editor = host.Api.ClientWithKey(await host.Api.CreateKeyAsync($"Editor {Guid.NewGuid():N}", "editor", "reviewer"));
        _reviewer = await host.Api.CreateClientWithRolesAsync("reviewer");
        _reader = host.Api.CreateClient();
        _documentId = (await HttpAssert.JsonAsync(await _editor.PostAsJsonAsync("/api/documents", DocumentWriteTests.GenizaLetter()), HttpStatusCode.Created)).GetProperty("id").GetInt64();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<JsonElement> DocumentAsync() => _reader.GetAsync($"/api/documents/{_documentId}").ContinueWith(r => HttpAssert.JsonAsync(r.Result)).Unwrap();

    private async Task<JsonElement> ProposeAsync(object fields, HttpStatusCode status = HttpStatusCode.Created) =>
        await HttpAssert.JsonAsync(await _editor.PostAsJsonAsync($"/api/documents/{_documentId}/changes", new { summary = "Correct the date and custody", fields }), status);

    [Fact]
    public async Task A_change_is_a_field_by_field_diff_applied_only_when_someone_else_approves_it()
    {
        var before = await DocumentAsync();
        var change = await ProposeAsync(new
        {
            date = "1052-09",
            dateText = "September 1052",
            title = before.GetProperty("title").GetString(), // unchanged: not in the diff
            custody = new object[]
            {
                new { holder = "Ben Ezra Synagogue", relation = "kept in its genizah", place = "Fustat" },
                new { holder = "Solomon Schechter", relation = "brought to Cambridge", place = "Cairo" },
                new { holder = "Cambridge University Library", relation = "holds the original", place = "Cambridge" },
            },
            rights = "CC BY-NC 4.0",
        });
        Assert.Equal("proposed", change.GetProperty("status").GetString());
        var fields = change.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("field").GetString()!);
        Assert.Equal(["date", "dateText", "custody", "rights"], fields.Keys);
        Assert.Equal("1050", fields["date"].GetProperty("before").GetString());
        Assert.Equal("1052-09", fields["date"].GetProperty("after").GetString());
        Assert.Equal(JsonValueKind.Null, fields["rights"].GetProperty("before").ValueKind);
        Assert.Equal(3, fields["custody"].GetProperty("after").GetArrayLength());

        // Proposed is not applied.
        Assert.Equal("1050", (await DocumentAsync()).GetProperty("date").GetString());
        var changeId = change.GetProperty("id").GetInt64();
        await HttpAssert.ProblemAsync(await _editor.PostAsJsonAsync($"/api/metadata-changes/{changeId}/review", new { decision = "approve" }), HttpStatusCode.Forbidden);
        Assert.Equal("1050", (await DocumentAsync()).GetProperty("date").GetString());

        var approved = await HttpAssert.JsonAsync(await _reviewer.PostAsJsonAsync($"/api/metadata-changes/{changeId}/review", new { decision = "approve", comment = "Matches the shelfmark" }));
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        var after = await DocumentAsync();
        Assert.Equal("1052-09", after.GetProperty("date").GetString());
        Assert.Equal("month", after.GetProperty("datePrecision").GetString());
        Assert.Equal("September 1052", after.GetProperty("dateText").GetString());
        Assert.Equal([("Ben Ezra Synagogue", "Fustat"), ("Solomon Schechter", "Cairo"), ("Cambridge University Library", "Cambridge")],
            after.GetProperty("custody").EnumerateArray().Select(c => (c.GetProperty("holder").GetString(), c.GetProperty("place").GetString())));
        Assert.Contains(after.GetProperty("extraSections").EnumerateArray(), s => s.GetProperty("name").GetString() == "Rights" && s.GetProperty("text").GetString() == "CC BY-NC 4.0");

        var again = await HttpAssert.ProblemAsync(await _reviewer.PostAsJsonAsync($"/api/metadata-changes/{changeId}/review", new { decision = "reject", comment = "Too late" }), HttpStatusCode.Conflict);
        Assert.Equal("approved", again.GetProperty("revisionStatus").GetString());
        var list = await HttpAssert.JsonAsync(await _reader.GetAsync($"/api/documents/{_documentId}/changes"));
        Assert.Equal(changeId, list[0].GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task A_rejected_change_is_never_applied_and_a_stale_one_is_409()
    {
        var rejected = await ProposeAsync(new { title = "A wrong title" });
        await HttpAssert.JsonAsync(await _reviewer.PostAsJsonAsync($"/api/metadata-changes/{rejected.GetProperty("id").GetInt64()}/review", new { decision = "reject", comment = "Not this letter" }));
        Assert.NotEqual("A wrong title", (await DocumentAsync()).GetProperty("title").GetString());

        var first = await ProposeAsync(new { archivalReference = "T-S 13J19.28" });
        var second = await ProposeAsync(new { archivalReference = "T-S 13J19.29", markings = new[] { "Recto" } });
        await HttpAssert.JsonAsync(await _reviewer.PostAsJsonAsync($"/api/metadata-changes/{first.GetProperty("id").GetInt64()}/review", new { decision = "approve" }));
        var stale = await HttpAssert.ProblemAsync(await _reviewer.PostAsJsonAsync($"/api/metadata-changes/{second.GetProperty("id").GetInt64()}/review", new { decision = "approve" }), HttpStatusCode.Conflict);
        Assert.Equal(["archivalReference"], stale.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        var document = await DocumentAsync();
        Assert.Equal("T-S 13J19.28", document.GetProperty("archivalReference").GetString());
        Assert.Equal(2, document.GetProperty("markings").GetArrayLength());
    }

    [Fact]
    public async Task Bad_changes_are_422_naming_the_field_and_store_nothing()
    {
        var unknown = await HttpAssert.ProblemAsync(await _editor.PostAsJsonAsync($"/api/documents/{_documentId}/changes", new { summary = "x", fields = new { id = 5, title = "" } }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(new HashSet<string> { "fields.id", "fields.title" }, unknown.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToHashSet());
        var language = await HttpAssert.ProblemAsync(await _editor.PostAsJsonAsync($"/api/documents/{_documentId}/changes", new { summary = "x", fields = new { originalLanguage = "Judaeo Arabic" } }), HttpStatusCode.UnprocessableEntity);
        Assert.True(language.GetProperty("errors").TryGetProperty("fields.originalLanguage", out _));
        var wrongType = await HttpAssert.ProblemAsync(await _editor.PostAsJsonAsync($"/api/documents/{_documentId}/changes", new { summary = "x", fields = new { markings = "Recto" } }), HttpStatusCode.UnprocessableEntity);
        Assert.True(wrongType.GetProperty("errors").TryGetProperty("fields.markings", out _));
        var noSummary = await HttpAssert.ProblemAsync(await _editor.PostAsJsonAsync($"/api/documents/{_documentId}/changes", new { fields = new { dateText = "1051" } }), HttpStatusCode.UnprocessableEntity);
        Assert.True(noSummary.GetProperty("errors").TryGetProperty("summary", out _));
        var same = await HttpAssert.ProblemAsync(await _editor.PostAsJsonAsync($"/api/documents/{_documentId}/changes", new { summary = "x", fields = new { date = "1050" } }), HttpStatusCode.UnprocessableEntity);
        Assert.True(same.GetProperty("errors").TryGetProperty("fields", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await _reviewer.PostAsJsonAsync($"/api/documents/{_documentId}/changes", new { summary = "x", fields = new { dateText = "1051" } })).StatusCode);
        Assert.Empty((await HttpAssert.JsonAsync(await _reader.GetAsync($"/api/documents/{_documentId}/changes"))).EnumerateArray());
    }
}
