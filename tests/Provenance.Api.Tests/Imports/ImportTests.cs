using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Provenance.Api.Tests.Support;
using Provenance.Data;
using Provenance.Testing;

namespace Provenance.Api.Tests.Imports;

[Collection(ApiCollection.Name)]
public sealed class ImportTests(TestPostgres postgres) : IAsyncLifetime
{
    private ApiHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync(postgres);
        // Imports need an editor key; reads here are public either way.
        _client = await _host.Api.CreateClientWithRolesAsync("editor");
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    private Task<HttpResponseMessage> ImportAsync(string record, string mediaType = "text/markdown") =>
        _client.PostAsync("/api/imports", new StringContent(record, Encoding.UTF8, mediaType));

    private async Task<(int Documents, int Revisions, int AuditEvents)> CountsAsync()
    {
        await using var scope = _host.Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProvenanceDbContext>();
        return (await db.Documents.CountAsync(), await db.Revisions.CountAsync(), await db.AuditEvents.CountAsync());
    }

    [Fact]
    public async Task A_record_of_another_shape_becomes_a_correct_document()
    {
        var response = await ImportAsync(Records.MikoyanNotes);
        var created = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        Assert.True(created.GetProperty("created").GetBoolean());
        var id = created.GetProperty("documentId").GetInt64();
        Assert.Equal($"/api/documents/{id}", response.Headers.Location?.OriginalString);

        var doc = await HttpAssert.JsonAsync(await _client.GetAsync($"/api/documents/{id}"));
        Assert.Equal("Notes of Conversation between A. I. Mikoyan and Fidel Castro", doc.GetProperty("title").GetString());
        Assert.Equal("1959-03", doc.GetProperty("date").GetString());
        Assert.Equal("month", doc.GetProperty("datePrecision").GetString());
        Assert.Equal(JsonNull, doc.GetProperty("summary").ValueKind);
        Assert.Equal("APRF", doc.GetProperty("archive").GetProperty("code").GetString());
        Assert.Equal(["SECRET"], doc.GetProperty("markings").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(
            ["APRF", "NHK (Japanese TV)", "CWIHP", "National Security Archive"],
            doc.GetProperty("custody").EnumerateArray().Select(c => c.GetProperty("holder").GetString()));
        Assert.Equal("Vladislav M. Zubok", doc.GetProperty("translations")[0].GetProperty("translator").GetString());
        Assert.Contains(doc.GetProperty("extraSections").EnumerateArray(), s => s.GetProperty("name").GetString() == "Rights");

        var revision = await HttpAssert.JsonAsync(await _client.GetAsync($"/api/revisions/{created.GetProperty("revisionId").GetInt64()}"));
        Assert.Contains("[half-line deleted--ed.]", revision.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    private const System.Text.Json.JsonValueKind JsonNull = System.Text.Json.JsonValueKind.Null;

    [Fact]
    public async Task Importing_the_same_record_twice_adds_nothing()
    {
        await HttpAssert.JsonAsync(await ImportAsync(Records.MikoyanNotes), HttpStatusCode.Created);
        var before = await CountsAsync();

        var again = await HttpAssert.JsonAsync(await ImportAsync(Records.MikoyanNotes.Replace("\n", "\r\n", StringComparison.Ordinal)));
        Assert.False(again.GetProperty("created").GetBoolean());
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Changed_text_of_a_known_record_adds_a_revision_with_its_audit_event()
    {
        var first = await HttpAssert.JsonAsync(await ImportAsync(Records.MikoyanNotes), HttpStatusCode.Created);
        var before = await CountsAsync();

        var response = await ImportAsync(Records.MikoyanNotes.Replace("20 advisers", "twenty advisers", StringComparison.Ordinal));
        var second = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal(first.GetProperty("documentId").GetInt64(), second.GetProperty("documentId").GetInt64());
        Assert.Equal(first.GetProperty("translationId").GetInt64(), second.GetProperty("translationId").GetInt64());
        Assert.Equal("revision", second.GetProperty("change").GetString());

        var revision = await HttpAssert.JsonAsync(await _client.GetAsync(response.Headers.Location));
        Assert.Equal(2, revision.GetProperty("number").GetInt32());
        Assert.Equal(first.GetProperty("revisionId").GetInt64(), revision.GetProperty("parentId").GetInt64());
        Assert.Equal((before.Documents, before.Revisions + 1, before.AuditEvents + 1), await CountsAsync());
    }

    [Fact]
    public async Task Footnotes_custody_places_and_warnings_reach_the_document_and_the_answer()
    {
        const string record = """
            **July 20, 1945**  
            **Report from the Soviet Embassy in London on a Conversation with an American Officer**

            **Contents:**

            Translation - English

            An officer introduced to me by Barman
            1 approached me on behalf of General Donovan2 at the reception.

            Counsellor of the Embassy K. NOVIKOV

            1 The Russian text is unclear here.

            2 William J. Donovan, head of the Office of Strategic Services.

            [Source: Archive of Foreign Policy, Russian Federation (AVP RF), Moscow; copy obtained by NHK (Japanese Television), provided to CWIHP, and on file at National Security Archive, Washington, D.C.; translation by Vladislav M. Zubok.]
            """;
        var created = await HttpAssert.JsonAsync(await ImportAsync(record), HttpStatusCode.Created);
        Assert.Contains(created.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("field").GetString() == "footnotes");

        var doc = await HttpAssert.JsonAsync(await _client.GetAsync($"/api/documents/{created.GetProperty("documentId").GetInt64()}"));
        Assert.Equal(
            [("1", "The Russian text is unclear here."), ("2", "William J. Donovan, head of the Office of Strategic Services.")],
            doc.GetProperty("footnotes").EnumerateArray().Select(f => (f.GetProperty("marker").GetString(), f.GetProperty("text").GetString())));
        Assert.Equal(
            [("AVP RF", "Moscow"), ("NHK (Japanese Television)", null), ("CWIHP", null), ("National Security Archive", "Washington, D.C.")],
            doc.GetProperty("custody").EnumerateArray().Select(c => (c.GetProperty("holder").GetString(), c.GetProperty("place").GetString())));
        var revision = await HttpAssert.JsonAsync(await _client.GetAsync($"/api/revisions/{created.GetProperty("revisionId").GetInt64()}"));
        Assert.Equal("An officer introduced to me by Barman[1] approached me on behalf of General Donovan[2] at the reception.\n\nCounsellor of the Embassy K. NOVIKOV",
            revision.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Russian_words_are_found_in_other_word_forms()
    {
        // Search indexes published texts: an admin's migration publishes the record at once.
        var admin = await _host.Api.CreateClientWithRolesAsync("admin");
        await HttpAssert.JsonAsync(await admin.PostAsync("/api/imports?publish=true",
            new StringContent(Records.RussianOriginal, Encoding.UTF8, "text/markdown")), HttpStatusCode.Created);
        var list = await HttpAssert.JsonAsync(await _client.GetAsync("/api/documents?q=ракета"));
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal("ru", list.GetProperty("items")[0].GetProperty("originalLanguage").GetString());
    }

    [Theory]
    [InlineData("", "title")]
    [InlineData("just some words with no structure", "title")]
    [InlineData("**October 24, 1962**\n**A title with nothing below**\n", "body")]
    public async Task Garbage_is_a_422_naming_what_is_missing(string record, string field)
    {
        var before = await CountsAsync();
        var problem = await HttpAssert.ProblemAsync(await ImportAsync(record), HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Invalid_utf8_is_a_422()
    {
        var content = new ByteArrayContent([0x2A, 0x2A, 0xC3, 0x28, 0xFF, 0x2A]);
        content.Headers.ContentType = new("text/markdown");
        await HttpAssert.ProblemAsync(await _client.PostAsync("/api/imports", content), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Json_is_not_a_record_format()
    {
        await HttpAssert.ProblemAsync(await ImportAsync("{}", "application/json"), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_record_over_the_size_limit_is_413()
    {
        var huge = "**1962**\n**Big**\n\n" + new string('x', 4 * 1024 * 1024 + 10);
        await HttpAssert.ProblemAsync(await ImportAsync(huge), HttpStatusCode.RequestEntityTooLarge);
    }
}
