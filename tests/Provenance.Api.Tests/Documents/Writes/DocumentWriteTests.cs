using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Provenance.Api.Tests.Support;
using Provenance.Testing;

namespace Provenance.Api.Tests.Documents.Writes;

/// <summary>Documents and translations created through the API, and what it refuses.</summary>
[Collection(ApiCollection.Name)]
public sealed class DocumentWriteTests(TestPostgres postgres) : IAsyncLifetime
{
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(postgres);

    public Task DisposeAsync() => _host.DisposeAsync();

    public static object GenizaLetter(string? url = null) => new
    {
        title = "Letter from Yeshuʿa b. Ismaʿil to Nahray b. Nissim",
        date = "1050",
        dateText = "ca. 1050",
        summary = "A business letter from Damsīs.",
        originalLanguage = "jrb",
        archive = new { code = "CUL", name = "Cambridge University Library" },
        archivalReference = "T-S 13J19.27",
        custody = new object[]
        {
            new { holder = "Ben Ezra Synagogue", relation = "kept in its genizah", place = "Fustat" },
            new { holder = "Cambridge University Library", relation = "holds the original", place = "Cambridge" },
        },
        publisherUrl = url ?? $"https://geniza.princeton.edu/en/documents/{Guid.NewGuid():N}/",
        markings = new[] { "Recto", "Verso" },
    };

    [Fact]
    public async Task Creating_a_document_answers_201_with_the_whole_record()
    {
        var response = await _host.Editor.PostAsJsonAsync("/api/documents", GenizaLetter());
        var created = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        Assert.Equal($"/api/documents/{id}", response.Headers.Location?.OriginalString);

        var document = await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/documents/{id}"));
        Assert.Equal(created.GetRawText(), document.GetRawText());
        Assert.Equal("Letter from Yeshuʿa b. Ismaʿil to Nahray b. Nissim", document.GetProperty("title").GetString());
        Assert.Equal("1050", document.GetProperty("date").GetString());
        Assert.Equal("year", document.GetProperty("datePrecision").GetString());
        Assert.Equal("ca. 1050", document.GetProperty("dateText").GetString());
        Assert.Equal("jrb", document.GetProperty("originalLanguage").GetString());
        Assert.Equal("CUL", document.GetProperty("archive").GetProperty("code").GetString());
        Assert.Equal("T-S 13J19.27", document.GetProperty("archivalReference").GetString());
        Assert.Equal(["Recto", "Verso"], document.GetProperty("markings").EnumerateArray().Select(m => m.GetString()));
        var custody = document.GetProperty("custody").EnumerateArray().ToList();
        Assert.Equal([(1, "Ben Ezra Synagogue", "Fustat"), (2, "Cambridge University Library", "Cambridge")],
            custody.Select(c => (c.GetProperty("order").GetInt32(), c.GetProperty("holder").GetString(), c.GetProperty("place").GetString())));
        Assert.Empty(document.GetProperty("translations").EnumerateArray());
    }

    [Fact]
    public async Task A_second_document_with_the_same_publisher_url_is_409_naming_the_first()
    {
        var url = $"https://example.org/record/{Guid.NewGuid():N}";
        var first = await HttpAssert.JsonAsync(await _host.Editor.PostAsJsonAsync("/api/documents", GenizaLetter(url)), HttpStatusCode.Created);
        var problem = await HttpAssert.ProblemAsync(await _host.Editor.PostAsJsonAsync("/api/documents", GenizaLetter(url)), HttpStatusCode.Conflict);
        Assert.Equal(first.GetProperty("id").GetInt64(), problem.GetProperty("documentId").GetInt64());
    }

    [Fact]
    public async Task Bad_metadata_is_422_naming_every_field_and_stores_nothing()
    {
        var response = await _host.Editor.PostAsJsonAsync("/api/documents", new
        {
            title = " ",
            date = "24 October 1962",
            originalLanguage = "Russian language",
            archive = new { name = "No code" },
            custody = new object?[] { new { holder = "NSA" }, null },
            publisherUrl = "ftp://example.org/x",
            markings = new[] { "" },
        });
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToHashSet();
        Assert.Equal(new HashSet<string> { "title", "date", "originalLanguage", "archive.code", "custody[0].relation", "custody[1]", "publisherUrl", "markings[0]" }, errors);

        var missingLanguage = await HttpAssert.ProblemAsync(await _host.Editor.PostAsJsonAsync("/api/documents", new { title = "A title" }), HttpStatusCode.UnprocessableEntity);
        Assert.True(missingLanguage.GetProperty("errors").TryGetProperty("originalLanguage", out _));
        var wrongType = await HttpAssert.ProblemAsync(await _host.Editor.PostAsJsonAsync("/api/documents", new { title = 5, originalLanguage = "en" }), HttpStatusCode.UnprocessableEntity);
        Assert.True(wrongType.GetProperty("errors").TryGetProperty("title", out _));

        var list = await HttpAssert.JsonAsync(await _host.Reader.GetAsync("/api/documents"));
        Assert.Equal(0, list.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Writes_need_an_editor_key()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Reader.PostAsJsonAsync("/api/documents", GenizaLetter())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.Reviewer.PostAsJsonAsync("/api/documents", GenizaLetter())).StatusCode);
        var id = (await HttpAssert.JsonAsync(await _host.Editor.PostAsJsonAsync("/api/documents", GenizaLetter()), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var body = new { language = "en", kind = "translation", contributors = new[] { new { name = "S. D. Goitein", role = "translator" } } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.Reader.PostAsJsonAsync($"/api/documents/{id}/translations", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.Reviewer.PostAsJsonAsync($"/api/documents/{id}/translations", body)).StatusCode);
        await HttpAssert.ProblemAsync(await _host.Editor.PostAsJsonAsync("/api/documents/999999/translations", body), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("jrb", "jrb")]
    [InlineData("EN-gb", "en-GB")]
    [InlineData("zh-hant-tw", "zh-Hant-TW")]
    [InlineData("he-Hebr", "he-Hebr")]
    [InlineData("ar-x-judeo", "ar-x-judeo")]
    [InlineData("sr-Latn-419", "sr-Latn-419")]
    public async Task Languages_are_BCP_47_tags_stored_in_canonical_case(string given, string stored)
    {
        var id = (await HttpAssert.JsonAsync(await _host.Editor.PostAsJsonAsync("/api/documents", GenizaLetter()), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var created = await HttpAssert.JsonAsync(await _host.Editor.PostAsJsonAsync($"/api/documents/{id}/translations",
            new { language = given, kind = "translation", contributors = new[] { new { name = "Moshe Gil", role = "translator" } } }), HttpStatusCode.Created);
        var translation = await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/translations/{created.GetProperty("id").GetInt64()}"));
        Assert.Equal(stored, translation.GetProperty("language").GetString());
        var found = await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/documents?language={Uri.EscapeDataString(given)}&pageSize=100"));
        Assert.Contains(found.GetProperty("items").EnumerateArray(), d => d.GetProperty("id").GetInt64() == id);
    }

    [Theory]
    [InlineData("en glish")]
    [InlineData("en_GB")]
    [InlineData("e")]
    [InlineData("en--GB")]
    [InlineData("toolongsubtag")]
    [InlineData("en-GB-")]
    [InlineData("")]
    public async Task A_language_that_is_not_a_BCP_47_tag_is_422_naming_the_field(string language)
    {
        var id = (await HttpAssert.JsonAsync(await _host.Editor.PostAsJsonAsync("/api/documents", GenizaLetter()), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var problem = await HttpAssert.ProblemAsync(await _host.Editor.PostAsJsonAsync($"/api/documents/{id}/translations",
            new { language, kind = "translation", contributors = new[] { new { name = "Moshe Gil", role = "translator" } } }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["language"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        var bad = await HttpAssert.ProblemAsync(await _host.Editor.PostAsJsonAsync("/api/documents", new { title = "T", originalLanguage = language }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["originalLanguage"], bad.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task A_document_takes_two_originals_and_two_translations_into_one_language_with_several_contributors()
    {
        var id = (await HttpAssert.JsonAsync(await _host.Editor.PostAsJsonAsync("/api/documents", GenizaLetter()), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        async Task<JsonElement> Add(object body) =>
            await HttpAssert.JsonAsync(await _host.Editor.PostAsJsonAsync($"/api/documents/{id}/translations", body), HttpStatusCode.Created);

        var gil = await Add(new { language = "jrb", kind = "original", contributors = new[] { new { name = "Moshe Gil", role = "transcriber" } }, text = "ש״ב\nכתאבי אליך" });
        var aodeh = await Add(new { language = "jrb", kind = "original", contributors = new[] { new { name = "Alan Elbaum", role = "transcriber" }, new { name = "Marina Rustow", role = "editor" } }, text = "כתאבי אליך" });
        var first = await Add(new
        {
            language = "en", kind = "translation",
            contributors = new[] { new { name = "Abraham L. Udovitch", role = "translator" }, new { name = "Marina Rustow", role = "translator" }, new { name = "Alan Elbaum", role = "editor" } },
            text = "I am writing to you, my lord.\n", summary = "Translation from Udovitch's notes",
        });
        var second = await Add(new { language = "en", kind = "translation", contributors = new[] { new { name = "Moshe Gil", role = "translator" } } });

        Assert.Equal(JsonValueKind.Null, second.GetProperty("revisionId").ValueKind);
        var document = await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/documents/{id}"));
        var translations = document.GetProperty("translations").EnumerateArray().ToList();
        Assert.Equal([("jrb", "original", "Moshe Gil"), ("jrb", "original", "Alan Elbaum"), ("en", "translation", "Abraham L. Udovitch"), ("en", "translation", "Moshe Gil")],
            translations.Select(t => (t.GetProperty("language").GetString(), t.GetProperty("kind").GetString(), t.GetProperty("translator").GetString())));

        var contributors = await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/translations/{first.GetProperty("id").GetInt64()}/contributors"));
        Assert.Equal([("Abraham L. Udovitch", "translator"), ("Marina Rustow", "translator"), ("Alan Elbaum", "editor")],
            contributors.EnumerateArray().Select(c => (c.GetProperty("name").GetString(), c.GetProperty("role").GetString())));
        var revision = await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/revisions/{first.GetProperty("revisionId").GetInt64()}"));
        Assert.Equal("Translation from Udovitch's notes", revision.GetProperty("summary").GetString());
        Assert.Equal("I am writing to you, my lord.\n", revision.GetProperty("text").GetString());
        Assert.NotEqual(JsonValueKind.Null, gil.GetProperty("revisionId").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, aodeh.GetProperty("revisionId").ValueKind);
    }

    [Fact]
    public async Task A_new_translations_first_text_is_proposed_until_someone_other_than_its_author_approves_it()
    {
        var (_, editorKey) = await _host.Api.CreateContributorAsync($"Editor-reviewer {Guid.NewGuid():N}", "editor", "reviewer");
        var author = _host.Api.ClientWithKey(editorKey);
        var id = (await HttpAssert.JsonAsync(await author.PostAsJsonAsync("/api/documents", GenizaLetter()), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var created = await HttpAssert.JsonAsync(await author.PostAsJsonAsync($"/api/documents/{id}/translations",
            new { language = "en", kind = "translation", contributors = new[] { new { name = "Moshe Gil", role = "translator" } }, text = "Greetings.\r\nNFD: Cafe\u0301\n" }), HttpStatusCode.Created);
        var translationId = created.GetProperty("id").GetInt64();
        var revisionId = created.GetProperty("revisionId").GetInt64();

        var revision = await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/revisions/{revisionId}"));
        Assert.Equal("proposed", revision.GetProperty("status").GetString());
        Assert.Equal("Greetings.\nNFD: Café\n", revision.GetProperty("text").GetString());
        await HttpAssert.ProblemAsync(await _host.Reader.GetAsync($"/api/translations/{translationId}/text"), HttpStatusCode.NotFound);

        var own = await author.PostAsJsonAsync($"/api/revisions/{revisionId}/review", new { decision = "approve" });
        await HttpAssert.ProblemAsync(own, HttpStatusCode.Forbidden);
        await HttpAssert.ProblemAsync(await _host.Reader.GetAsync($"/api/translations/{translationId}/text"), HttpStatusCode.NotFound);

        await HttpAssert.JsonAsync(await _host.Reviewer.PostAsJsonAsync($"/api/revisions/{revisionId}/review", new { decision = "approve" }));
        var text = await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/translations/{translationId}/text"));
        Assert.Equal(revisionId, text.GetProperty("revisionId").GetInt64());
    }

    [Fact]
    public async Task Bad_translation_requests_are_422_naming_the_fields()
    {
        var id = (await HttpAssert.JsonAsync(await _host.Editor.PostAsJsonAsync("/api/documents", GenizaLetter()), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var problem = await HttpAssert.ProblemAsync(await _host.Editor.PostAsJsonAsync($"/api/documents/{id}/translations", new
        {
            language = "en", kind = "summary",
            contributors = new object?[] { new { name = "A", role = "publisher" }, new { role = "translator" }, null, new { name = "B", role = "editor" }, new { name = "B", role = "editor" } },
            text = "   ",
        }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(new HashSet<string> { "kind", "contributors[0].role", "contributors[1].name", "contributors[2]", "contributors[4]", "text" },
            problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToHashSet());
        var none = await HttpAssert.ProblemAsync(await _host.Editor.PostAsJsonAsync($"/api/documents/{id}/translations", new { language = "en", kind = "translation", contributors = Array.Empty<object>() }), HttpStatusCode.UnprocessableEntity);
        Assert.True(none.GetProperty("errors").TryGetProperty("contributors", out _));

        var document = await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/documents/{id}"));
        Assert.Empty(document.GetProperty("translations").EnumerateArray());
    }

    [Fact]
    public async Task Each_write_is_one_audit_event_by_its_editor()
    {
        var before = await AuditActionsAsync();
        var id = (await HttpAssert.JsonAsync(await _host.Editor.PostAsJsonAsync("/api/documents", GenizaLetter()), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        await HttpAssert.JsonAsync(await _host.Editor.PostAsJsonAsync($"/api/documents/{id}/translations",
            new { language = "en", kind = "translation", contributors = new[] { new { name = "Moshe Gil", role = "translator" } }, text = "Text." }), HttpStatusCode.Created);
        await _host.Editor.PostAsJsonAsync("/api/documents", new { title = "" });
        var after = await AuditActionsAsync();
        Assert.Equal(["document.created", "translation.created"], after.Skip(before.Count).Select(e => e.Action));
        Assert.All(after.Skip(before.Count), e => Assert.Equal(id, e.DocumentId));
        await HttpAssert.JsonAsync(await _host.Reader.GetAsync("/api/audit/verify"));
    }

    private async Task<List<(string Action, long? DocumentId)>> AuditActionsAsync()
    {
        var page = await HttpAssert.JsonAsync(await _host.Reader.GetAsync("/api/audit?pageSize=500"));
        return page.GetProperty("items").EnumerateArray()
            .OrderBy(e => e.GetProperty("sequence").GetInt64())
            .Select(e => (e.GetProperty("action").GetString()!, e.TryGetProperty("documentId", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetInt64() : (long?)null))
            .ToList();
    }
}
