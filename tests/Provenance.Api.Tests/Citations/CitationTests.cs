using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Provenance.Api.Citations;
using Provenance.Api.Tests.Blame;
using Provenance.Api.Tests.Support;
using Provenance.Testing;

namespace Provenance.Api.Tests.Citations;

[Collection(ApiCollection.Name)]
public sealed class CitationTests(TestPostgres postgres) : IAsyncLifetime
{
    private ApiHost _host = null!;
    private long _documentId;
    private long _revisionId;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync(postgres, seed: true);
        _documentId = await TestHistory.SeedDocumentIdAsync(_host.Reader);
        _revisionId = (await TestHistory.SeedTranslationAsync(_host.Reader, _documentId)).GetProperty("currentRevisionId").GetInt64();
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    private async Task<List<JsonElement>> CitationsAsync() =>
        [.. (await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/documents/{_documentId}/citations"))).EnumerateArray()];

    private async Task<int> AuditCountAsync(string action) =>
        (await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/audit?action={action}"))).GetProperty("total").GetInt32();

    private static object Archival(long? revisionId = null) => new
    {
        kind = "archival",
        revisionId,
        archive = "Archive of Foreign Policy of the Russian Federation",
        collection = "Referentura po SShA",
        fond = "059a",
        opis = "7",
        delo = "2",
        locator = "ll. 37-40",
        note = "Checked against the original ciphered telegram",
        // Server-owned: ignored.
        id = 12345,
        addedBy = "Mallory",
        addedAt = "2000-01-01T00:00:00Z",
        retracted = true,
    };

    [Fact]
    public async Task The_seed_record_citation_block_became_a_published_citation()
    {
        var seed = Assert.Single(await CitationsAsync());
        Assert.Equal("published", seed.GetProperty("kind").GetString());
        Assert.Contains("copy courtesy of NSA", seed.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal("https://digitalarchive.umd.edu/document/111625", seed.GetProperty("url").GetString());
        Assert.False(seed.GetProperty("retracted").GetBoolean());
    }

    [Fact]
    public async Task An_editor_adds_an_archival_citation_to_a_revision_with_one_audit_event()
    {
        var before = await AuditCountAsync("citation.added");
        var created = await HttpAssert.JsonAsync(await _host.Editor.PostAsJsonAsync($"/api/documents/{_documentId}/citations", Archival(_revisionId)), HttpStatusCode.Created);

        Assert.NotEqual(12345, created.GetProperty("id").GetInt64());
        Assert.Equal(_revisionId, created.GetProperty("revisionId").GetInt64());
        Assert.Equal(1, created.GetProperty("revisionNumber").GetInt32());
        Assert.Equal("archival", created.GetProperty("kind").GetString());
        Assert.Equal("059a", created.GetProperty("fond").GetString());
        Assert.StartsWith("editor ", created.GetProperty("addedBy").GetString(), StringComparison.Ordinal);
        Assert.True(created.GetProperty("addedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.False(created.GetProperty("retracted").GetBoolean());
        Assert.Equal(before + 1, await AuditCountAsync("citation.added"));

        var listed = await CitationsAsync();
        Assert.Equal(2, listed.Count);
        Assert.Equal(created.GetProperty("id").GetInt64(), listed[1].GetProperty("id").GetInt64());
        await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/citations/{created.GetProperty("id").GetInt64()}"));
    }

    [Theory]
    [InlineData("""{"kind":"archival","fond":"1"}""", "archive")]
    [InlineData("""{"kind":"published","publisher":"X"}""", "title")]
    [InlineData("""{"kind":"editorial"}""", "note")]
    [InlineData("""{"kind":"rumour","note":"x"}""", "kind")]
    [InlineData("""{"note":"x"}""", "kind")]
    [InlineData("""{"kind":"published","title":"T","url":"ftp://x"}""", "url")]
    [InlineData("""{"kind":"published","title":"T","year":3000}""", "year")]
    [InlineData("""{"kind":"editorial","note":"x","revisionId":999999}""", "revisionId")]
    public async Task Invalid_citations_are_422_naming_the_field_and_write_nothing(string body, string field)
    {
        var before = await AuditCountAsync("citation.added");
        var response = await _host.Editor.PostAsync($"/api/documents/{_documentId}/citations", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Single(await CitationsAsync());
        Assert.Equal(before, await AuditCountAsync("citation.added"));
    }

    [Fact]
    public async Task A_revision_of_another_document_is_refused()
    {
        var import = await _host.Editor.PostAsync("/api/imports", new StringContent(Records.MikoyanNotes, System.Text.Encoding.UTF8, "text/markdown"));
        var other = await HttpAssert.JsonAsync(import, HttpStatusCode.Created);
        var response = await _host.Editor.PostAsJsonAsync($"/api/documents/{_documentId}/citations",
            new { kind = "editorial", note = "x", revisionId = other.GetProperty("revisionId").GetInt64() });
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("revisionId", out _));
    }

    [Fact]
    public async Task Writes_need_an_editor_key()
    {
        var anonymous = await _host.Reader.PostAsJsonAsync($"/api/documents/{_documentId}/citations", Archival());
        await HttpAssert.ProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        var reviewer = await _host.Api.CreateClientWithRolesAsync("reviewer");
        await HttpAssert.ProblemAsync(await reviewer.PostAsJsonAsync($"/api/documents/{_documentId}/citations", Archival()), HttpStatusCode.Forbidden);
        var seedId = (await CitationsAsync())[0].GetProperty("id").GetInt64();
        await HttpAssert.ProblemAsync(await reviewer.PostAsJsonAsync($"/api/citations/{seedId}/retract", new { reason = "x" }), HttpStatusCode.Forbidden);
        var admin = await _host.Api.CreateClientWithRolesAsync("admin");
        await HttpAssert.JsonAsync(await admin.PostAsJsonAsync($"/api/documents/{_documentId}/citations", Archival()), HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_retracted_citation_stays_listed_marked_with_who_when_and_why_and_cannot_be_retracted_twice()
    {
        var seedId = (await CitationsAsync())[0].GetProperty("id").GetInt64();
        await HttpAssert.ProblemAsync(await _host.Editor.PostAsJsonAsync($"/api/citations/{seedId}/retract", new { reason = " " }), HttpStatusCode.UnprocessableEntity);

        var retracted = await HttpAssert.JsonAsync(await _host.Editor.PostAsJsonAsync($"/api/citations/{seedId}/retract", new { reason = "Superseded by the archival reference" }));
        Assert.True(retracted.GetProperty("retracted").GetBoolean());

        var listed = Assert.Single(await CitationsAsync());
        Assert.True(listed.GetProperty("retracted").GetBoolean());
        Assert.Equal("Superseded by the archival reference", listed.GetProperty("retractionReason").GetString());
        Assert.StartsWith("editor ", listed.GetProperty("retractedBy").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(JsonValueKind.Null, listed.GetProperty("retractedAt").ValueKind);
        Assert.Equal(1, await AuditCountAsync("citation.retracted"));

        await HttpAssert.ProblemAsync(await _host.Editor.PostAsJsonAsync($"/api/citations/{seedId}/retract", new { reason = "again" }), HttpStatusCode.Conflict);
        Assert.Equal(1, await AuditCountAsync("citation.retracted"));
        await HttpAssert.ProblemAsync(await _host.Editor.PostAsJsonAsync("/api/citations/999999/retract", new { reason = "x" }), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await _host.Reader.GetAsync("/api/documents/999999/citations"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Chicago_names_title_date_archive_custody_translator_publisher_url_and_access_date()
    {
        var response = await _host.Reader.GetAsync($"/api/documents/{_documentId}/citation?style=chicago");
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var today = DateTimeOffset.UtcNow.ToString("MMMM d, yyyy", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            "\u201CTelegram from Soviet Ambassador to the USA Dobrynin to the USSR MFA,\u201D October 24, 1962, " +
            "Archive of Foreign Policy of the Russian Federation (AVP RF), copy courtesy of NSA, trans. Mark H. Doctoroff, " +
            $"Wilson Center Digital Archive, https://digitalarchive.umd.edu/document/111625 (accessed {today}).",
            text);
    }

    [Fact]
    public async Task A_pinned_revision_puts_its_number_and_hash_in_every_style()
    {
        var revision = await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/revisions/{_revisionId}"));
        var sha = revision.GetProperty("sha256").GetString()!;
        foreach (var style in new[] { "chicago", "csl-json", "bibtex" })
        {
            var text = await (await _host.Reader.GetAsync($"/api/documents/{_documentId}/citation?style={style}&revision={_revisionId}")).Content.ReadAsStringAsync();
            Assert.Contains($"evision 1, SHA-256 {sha}", text, StringComparison.Ordinal);
        }

        var problem = await HttpAssert.ProblemAsync(await _host.Reader.GetAsync($"/api/documents/{_documentId}/citation?revision=999999"), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("revision", out _));
    }

    [Fact]
    public async Task Csl_json_uses_the_real_variables()
    {
        var response = await _host.Reader.GetAsync($"/api/documents/{_documentId}/citation?style=csl-json");
        Assert.Equal("application/vnd.citationstyles.csl+json", response.Content.Headers.ContentType?.MediaType);
        var item = Assert.Single(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray());
        Assert.Equal("manuscript", item.GetProperty("type").GetString());
        Assert.Equal("Telegram from Soviet Ambassador to the USA Dobrynin to the USSR MFA", item.GetProperty("title").GetString());
        Assert.Equal([1962, 10, 24], item.GetProperty("issued").GetProperty("date-parts")[0].EnumerateArray().Select(p => p.GetInt32()));
        var translator = Assert.Single(item.GetProperty("translator").EnumerateArray());
        Assert.Equal(("Doctoroff", "Mark H."), (translator.GetProperty("family").GetString(), translator.GetProperty("given").GetString()));
        Assert.Equal("en", item.GetProperty("language").GetString());
        Assert.Equal("ru", item.GetProperty("custom").GetProperty("original-language").GetString());
        Assert.Equal("Archive of Foreign Policy of the Russian Federation (AVP RF)", item.GetProperty("archive").GetString());
        Assert.Equal("https://digitalarchive.umd.edu/document/111625", item.GetProperty("URL").GetString());
        Assert.Equal(3, item.GetProperty("accessed").GetProperty("date-parts")[0].GetArrayLength());
        Assert.Equal("Wilson Center Digital Archive", item.GetProperty("publisher").GetString());
        Assert.Contains("Original language: Russian", item.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Contains("copy courtesy of NSA", item.GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csl_json_takes_archive_location_from_an_archival_citation()
    {
        await HttpAssert.JsonAsync(await _host.Editor.PostAsJsonAsync($"/api/documents/{_documentId}/citations", Archival()), HttpStatusCode.Created);
        var text = await (await _host.Reader.GetAsync($"/api/documents/{_documentId}/citation?style=csl-json")).Content.ReadAsStringAsync();
        var item = JsonDocument.Parse(text).RootElement[0];
        Assert.Equal("Referentura po SShA, f. 059a, op. 7, d. 2, ll. 37-40", item.GetProperty("archive_location").GetString());
    }

    [Fact]
    public async Task BibTeX_is_a_misc_entry_with_translator_year_url_and_note()
    {
        var response = await _host.Reader.GetAsync($"/api/documents/{_documentId}/citation?style=bibtex");
        Assert.Equal("application/x-bibtex", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith($"@misc{{provenance-doc{_documentId},\n", text, StringComparison.Ordinal);
        Assert.Contains("  title = {{Telegram from Soviet Ambassador to the USA Dobrynin to the USSR MFA}}", text, StringComparison.Ordinal);
        Assert.Contains("  translator = {Doctoroff, Mark H.}", text, StringComparison.Ordinal);
        Assert.Contains("  year = {1962}", text, StringComparison.Ordinal);
        Assert.Contains("  month = {oct}", text, StringComparison.Ordinal);
        Assert.Contains("  url = {https://digitalarchive.umd.edu/document/111625}", text, StringComparison.Ordinal);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        Assert.Equal(text.Count(c => c == '{'), text.Count(c => c == '}'));
    }

    [Fact]
    public async Task BibTeX_names_the_holding_archive_and_its_reference()
    {
        await HttpAssert.JsonAsync(await _host.Editor.PostAsJsonAsync($"/api/documents/{_documentId}/citations", Archival()), HttpStatusCode.Created);
        var text = await (await _host.Reader.GetAsync($"/api/documents/{_documentId}/citation?style=bibtex")).Content.ReadAsStringAsync();
        Assert.Contains("  note = {Held by Archive of Foreign Policy of the Russian Federation (AVP RF), Referentura po SShA, f. 059a, op. 7, d. 2, ll. 37-40. Original language",
            text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_title_ending_with_a_comma_gets_one_comma_in_a_Chicago_note()
    {
        var record = Records.MikoyanNotes.Replace("**Notes of Conversation between A. I. Mikoyan and Fidel Castro**",
            "**Notes of Conversation between A. I. Mikoyan and Fidel Castro,**", StringComparison.Ordinal);
        var imported = await HttpAssert.JsonAsync(
            await _host.Editor.PostAsync("/api/imports", new StringContent(record, System.Text.Encoding.UTF8, "text/markdown")), HttpStatusCode.Created);
        var text = await (await _host.Reader.GetAsync($"/api/documents/{imported.GetProperty("documentId").GetInt64()}/citation?style=chicago")).Content.ReadAsStringAsync();
        Assert.StartsWith("\u201CNotes of Conversation between A. I. Mikoyan and Fidel Castro,\u201D March 1959, ", text, StringComparison.Ordinal);
        Assert.DoesNotContain(",,", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_with_several_translations_names_every_translator_unless_one_is_chosen()
    {
        var second = Records.Seed().Replace("translation by Mark H. Doctoroff.]", "translation by Svetlana Savranskaya.]", StringComparison.Ordinal)
            .Replace("Late in the evening of October 23,", "Late in the evening of October 22,", StringComparison.Ordinal);
        var imported = await HttpAssert.JsonAsync(
            await _host.Editor.PostAsync("/api/imports", new StringContent(second, System.Text.Encoding.UTF8, "text/markdown")), HttpStatusCode.Created);
        Assert.Equal(_documentId, imported.GetProperty("documentId").GetInt64());
        var secondTranslation = imported.GetProperty("translationId").GetInt64();
        async Task<string> Cite(string query) =>
            await (await _host.Reader.GetAsync($"/api/documents/{_documentId}/citation?{query}")).Content.ReadAsStringAsync();

        Assert.Contains(", trans. Mark H. Doctoroff and Svetlana Savranskaya, ", await Cite("style=chicago"), StringComparison.Ordinal);
        Assert.Contains("  translator = {Doctoroff, Mark H. and Savranskaya, Svetlana}", await Cite("style=bibtex"), StringComparison.Ordinal);
        var item = JsonDocument.Parse(await Cite("style=csl-json")).RootElement[0];
        Assert.Equal(["Doctoroff", "Savranskaya"], item.GetProperty("translator").EnumerateArray().Select(t => t.GetProperty("family").GetString()));

        // Choosing one translation (or pinning one of its revisions) credits its translator alone.
        var chosen = await Cite($"style=chicago&translation={secondTranslation}");
        Assert.Contains(", trans. Svetlana Savranskaya, ", chosen, StringComparison.Ordinal);
        Assert.DoesNotContain("Doctoroff", chosen, StringComparison.Ordinal);
        Assert.Contains(", trans. Mark H. Doctoroff, ", await Cite($"style=chicago&revision={_revisionId}"), StringComparison.Ordinal);

        var problem = await HttpAssert.ProblemAsync(await _host.Reader.GetAsync($"/api/documents/{_documentId}/citation?translation=999999"), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("translation", out _));
        problem = await HttpAssert.ProblemAsync(
            await _host.Reader.GetAsync($"/api/documents/{_documentId}/citation?translation={secondTranslation}&revision={_revisionId}"), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("translation", out _));
    }

    [Fact]
    public async Task The_prov_namespace_is_a_page_of_the_service_defining_every_term_the_documents_use()
    {
        var prov = await (await _host.Reader.GetAsync($"/api/documents/{_documentId}/provenance?format=prov-json")).Content.ReadAsStringAsync();
        var ns = JsonDocument.Parse(prov).RootElement.GetProperty("prefix").GetProperty("provenance").GetString()!;
        Assert.StartsWith(_host.Reader.BaseAddress!.ToString().TrimEnd('/'), ns, StringComparison.Ordinal);
        var page = await _host.Reader.GetAsync(new Uri(ns).GetLeftPart(UriPartial.Path));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        var terms = System.Text.RegularExpressions.Regex.Matches(prov, "provenance:([A-Za-z0-9]+)").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.True(terms.Count > 10, string.Join(", ", terms));
        Assert.All(terms, term => Assert.Contains($"id=\"{term}\"", html, StringComparison.Ordinal));
    }

    [Fact]
    public void BibTeX_escapes_the_characters_TeX_treats_specially()
    {
        Assert.Equal(@"R\&D 50\% \$5 \#1 a\_b \{x\} \textasciitilde{}\textasciicircum{}\textbackslash{}", CitationExport.Escape(@"R&D 50% $5 #1 a_b {x} ~^\"));
    }

    [Fact]
    public async Task Unknown_styles_and_documents_are_problems()
    {
        var problem = await HttpAssert.ProblemAsync(await _host.Reader.GetAsync($"/api/documents/{_documentId}/citation?style=mla"), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("style", out _));
        await HttpAssert.ProblemAsync(await _host.Reader.GetAsync("/api/documents/999999/citation"), HttpStatusCode.NotFound);
    }
}
