using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Provenance.Api.Tests.Support;
using Provenance.Data;
using Provenance.Testing;

namespace Provenance.Api.Tests.Documents;

/// <summary>Each translation's text is stemmed in its own language; a search term is parsed in all of them.</summary>
[Collection(ApiCollection.Name)]
public sealed class SearchLanguageTests(TestPostgres postgres) : IAsyncLifetime
{
    private ApiHost _host = null!;
    private const string GermanTranslation = """
        Castro empfing mich spät in der Nacht. Die Verhandlungen über die Agrarreform dauerten drei Stunden.
        """;

    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync(postgres);
        // Search indexes published texts: the records come in as an admin's migration, published at once.
        _client = await _host.Api.CreateClientWithRolesAsync("admin");
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    private async Task<long> ImportAsync(string record)
    {
        var created = await HttpAssert.JsonAsync(
            await _client.PostAsync("/api/imports?publish=true", new StringContent(record, Encoding.UTF8, "text/markdown")), HttpStatusCode.Created);
        return created.GetProperty("documentId").GetInt64();
    }

    private async Task<long[]> SearchAsync(string q)
    {
        var list = await HttpAssert.JsonAsync(await _client.GetAsync($"/api/documents?q={Uri.EscapeDataString(q)}"));
        return [.. list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64())];
    }

    [Fact]
    public async Task An_english_translation_is_found_by_english_word_forms()
    {
        var id = await ImportAsync(Records.MikoyanNotes);
        // "The conversation lasted three hours": found only through English stemming.
        Assert.Equal([id], await SearchAsync("conversations lasting"));
        Assert.Empty(await SearchAsync("Verhandlung"));
    }

    [Fact]
    public async Task A_russian_original_is_found_by_russian_word_forms()
    {
        var id = await ImportAsync(Records.RussianOriginal);
        // "о советских ракетах на Кубе"
        Assert.Equal([id], await SearchAsync("советская ракета"));
        Assert.Equal([id], await SearchAsync("ракетами"));
    }

    [Fact]
    public async Task A_russian_gloss_inside_an_english_translation_is_found_by_russian_word_forms()
    {
        var record = Records.MikoyanNotes.Replace("the missile question", "the missile question (вопрос о ракеты)", StringComparison.Ordinal);
        Assert.Contains("ракеты", record, StringComparison.Ordinal);
        var id = await ImportAsync(record);
        Assert.Equal([id], await SearchAsync("ракета"));
        Assert.Equal([id], await SearchAsync("ракетами"));
        Assert.Equal([id], await SearchAsync("missiles")); // the English words keep their English stems
        Assert.Empty(await SearchAsync("ракетчик"));
    }

    [Fact]
    public async Task A_german_translation_is_found_by_german_word_forms_beside_the_english_one()
    {
        var id = await ImportAsync(Records.MikoyanNotes);
        var german = Records.MikoyanNotes
            .Replace("Translation - English", "Translation - German", StringComparison.Ordinal)
            .Replace("Castro received me late at night. [half-line deleted--ed.] He spoke about the agrarian reform and the missile question at length.", GermanTranslation, StringComparison.Ordinal)
            .Replace("The conversation lasted three hours. Castro asked for 20 advisers.", "", StringComparison.Ordinal);
        Assert.Equal(id, await ImportAsync(german));

        // "Verhandlungen" stems to "verhandl" only in German; the English text is still found by English forms.
        Assert.Equal([id], await SearchAsync("Verhandlung"));
        Assert.Equal([id], await SearchAsync("conversations lasting"));

        await using var scope = _host.Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProvenanceDbContext>();
        Assert.Equal(["de", "en"], await db.Translations.Where(t => t.DocumentId == id).Select(t => t.Language).OrderBy(l => l).ToListAsync());
    }

    [Fact]
    public async Task Every_mapped_configuration_exists_and_sql_maps_tags_as_csharp_does()
    {
        await using var scope = _host.Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProvenanceDbContext>();
        var present = await db.Database.SqlQueryRaw<string>("SELECT cfgname::text AS \"Value\" FROM pg_ts_config").ToListAsync();
        Assert.Empty(SearchLanguages.QueryConfigurations.Except(present));

        string[] tags = ["en", "EN-GB", "ru", "de-AT", "nb", "zh-Hant", "xx", "", "english"];
        foreach (var tag in tags)
        {
            var sql = $"SELECT {SearchLanguages.ConfigurationSql("{0}")}::text AS \"Value\"";
            var inSql = await db.Database.SqlQueryRaw<string>(sql, tag).SingleAsync();
            Assert.Equal(SearchLanguages.ConfigurationOf(tag), inSql);
        }

        Assert.Equal(("english", "russian", "german", "simple"),
            (SearchLanguages.ConfigurationOf("en"), SearchLanguages.ConfigurationOf("ru-RU"), SearchLanguages.ConfigurationOf("de"), SearchLanguages.ConfigurationOf("ja")));
    }
}
