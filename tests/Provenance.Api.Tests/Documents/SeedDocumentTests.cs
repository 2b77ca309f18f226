using System.Net;
using System.Text.Json;
using Provenance.Api.Tests.Support;
using Provenance.Testing;
using Provenance.Text;

namespace Provenance.Api.Tests.Documents;

[Collection(ApiCollection.Name)]
public sealed class SeedDocumentTests(SeededApiHost host) : IClassFixture<SeededApiHost>
{
    private async Task<JsonElement> SeedSummaryAsync()
    {
        var list = await HttpAssert.JsonAsync(await host.Reader.GetAsync("/api/documents"));
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        return list.GetProperty("items")[0];
    }

    [Fact]
    public async Task The_seed_is_listed_with_archive_translator_language_and_date()
    {
        var item = await SeedSummaryAsync();
        Assert.Equal("Telegram from Soviet Ambassador to the USA Dobrynin to the USSR MFA", item.GetProperty("title").GetString());
        Assert.Equal("1962-10-24", item.GetProperty("date").GetString());
        Assert.Equal("October 24, 1962", item.GetProperty("dateText").GetString());
        Assert.Equal("ru", item.GetProperty("originalLanguage").GetString());
        Assert.Equal("AVP RF", item.GetProperty("archive").GetProperty("code").GetString());
        Assert.Equal("Archive of Foreign Policy of the Russian Federation", item.GetProperty("archive").GetProperty("name").GetString());
        Assert.Equal(["Mark H. Doctoroff"], item.GetProperty("translators").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task The_seed_record_has_markings_custody_citation_and_its_translation()
    {
        var id = (await SeedSummaryAsync()).GetProperty("id").GetInt64();
        var doc = await HttpAssert.JsonAsync(await host.Reader.GetAsync($"/api/documents/{id}"));

        Assert.Equal(["TOP SECRET", "Making Copies Prohibited", "Copy No. 1"], doc.GetProperty("markings").EnumerateArray().Select(m => m.GetString()));
        Assert.StartsWith("Dobrynin relays the results of a meeting with R. Kennedy", doc.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains("copy courtesy of NSA; translation by Mark H. Doctoroff", doc.GetProperty("citation").GetString(), StringComparison.Ordinal);
        Assert.Equal("https://digitalarchive.umd.edu/document/111625", doc.GetProperty("publisherUrl").GetString());
        Assert.Equal("111625", doc.GetProperty("publisherRecordId").GetString());

        var custody = doc.GetProperty("custody").EnumerateArray().ToList();
        Assert.Equal(2, custody.Count);
        Assert.Equal(("AVP RF", 1), (custody[0].GetProperty("holder").GetString(), custody[0].GetProperty("order").GetInt32()));
        Assert.Equal(("NSA", "copy courtesy of"), (custody[1].GetProperty("holder").GetString(), custody[1].GetProperty("relation").GetString()));

        var translation = Assert.Single(doc.GetProperty("translations").EnumerateArray());
        Assert.Equal("en", translation.GetProperty("language").GetString());
        Assert.Equal("translation", translation.GetProperty("kind").GetString());
        Assert.Equal("Mark H. Doctoroff", translation.GetProperty("translator").GetString());
        Assert.Equal(translation.GetProperty("headRevisionId").GetInt64(), translation.GetProperty("currentRevisionId").GetInt64());
    }

    [Fact]
    public async Task The_seed_revision_holds_the_normalized_body_and_its_sha256()
    {
        var id = (await SeedSummaryAsync()).GetProperty("id").GetInt64();
        var doc = await HttpAssert.JsonAsync(await host.Reader.GetAsync($"/api/documents/{id}"));
        var translation = doc.GetProperty("translations")[0];
        var translationId = translation.GetProperty("id").GetInt64();

        var history = await HttpAssert.JsonAsync(await host.Reader.GetAsync($"/api/translations/{translationId}/revisions"));
        var first = Assert.Single(history.EnumerateArray());
        Assert.Equal(1, first.GetProperty("number").GetInt32());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("parentId").ValueKind);
        Assert.Equal("approved", first.GetProperty("status").GetString());

        var response = await host.Reader.GetAsync($"/api/revisions/{first.GetProperty("id").GetInt64()}");
        var revision = await HttpAssert.JsonAsync(response);
        var text = revision.GetProperty("text").GetString()!;
        Assert.StartsWith("CIPHERED TELEGRAM", text, StringComparison.Ordinal);
        Assert.EndsWith("24.X.62 A. DOBRYNIN", text, StringComparison.Ordinal);
        Assert.Contains("[Kennedy adviser Theodore] Sorensen", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[Source:", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', text);
        Assert.Equal(TextNormalizer.Sha256Hex(text), revision.GetProperty("sha256").GetString());
        Assert.Equal("Mark H. Doctoroff", revision.GetProperty("author").GetString());
        Assert.NotNull(response.Headers.ETag);
    }

    [Theory]
    [InlineData("q=Kennedy+missiles", 1)]
    [InlineData("q=deceived", 1)]
    [InlineData("q=spaceship", 0)]
    [InlineData("archive=AVP+RF", 1)]
    [InlineData("archive=RGANI", 0)]
    [InlineData("translator=doctoroff", 1)]
    [InlineData("translator=Zubok", 0)]
    [InlineData("language=ru", 1)]
    [InlineData("language=de", 0)]
    [InlineData("language=RU", 1)]
    [InlineData("language=Russian", 1)]
    [InlineData("language=EN", 1)]
    [InlineData("from=1962-10&to=1962-10-31", 1)]
    [InlineData("from=1963", 0)]
    [InlineData("to=1962-10-23", 0)]
    public async Task Filters_select_the_seed_or_not(string query, int expected)
    {
        var list = await HttpAssert.JsonAsync(await host.Reader.GetAsync($"/api/documents?{query}"));
        Assert.Equal(expected, list.GetProperty("total").GetInt32());
        Assert.Equal(expected, list.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=1962-13-01", "to")]
    [InlineData("pageSize=1000", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("language=not_a_tag", "language")]
    public async Task Bad_query_parameters_are_a_problem_naming_the_parameter(string query, string field)
    {
        var problem = await HttpAssert.ProblemAsync(await host.Reader.GetAsync($"/api/documents?{query}"), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Unknown_ids_are_404_problems()
    {
        await HttpAssert.ProblemAsync(await host.Reader.GetAsync("/api/documents/999999"), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await host.Reader.GetAsync("/api/revisions/999999"), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await host.Reader.GetAsync("/api/translations/999999/revisions"), HttpStatusCode.NotFound);
    }
}
