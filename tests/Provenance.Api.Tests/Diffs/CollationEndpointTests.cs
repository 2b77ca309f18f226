using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Provenance.Api.Tests.Support;
using Provenance.Testing;

namespace Provenance.Api.Tests.Diffs;

[Collection(ApiCollection.Name)]
public sealed class CollationEndpointTests(ApiHost host) : IClassFixture<ApiHost>
{
    private static readonly XNamespace Tei = "http://www.tei-c.org/ns/1.0";

    /// <summary>A Geniza translation copied into Corpus/ (see its README).</summary>
    private static string Corpus(string file) => File.ReadAllText(Path.Combine(Records.RepositoryRoot(), "tests", "Provenance.Api.Tests", "Diffs", "Corpus", file));

    private static async Task<long> AddDocumentAsync(HttpClient editor, string title) =>
        (await HttpAssert.JsonAsync(await editor.PostAsJsonAsync("/api/documents", new
        {
            title,
            originalLanguage = "jrb",
            publisherUrl = $"https://geniza.princeton.edu/en/documents/8257/?test={Guid.NewGuid():N}",
        }), HttpStatusCode.Created)).GetProperty("id").GetInt64();

    private static async Task<long> AddTextAsync(HttpClient editor, long documentId, string text, string translator, string kind = "translation", string language = "en") =>
        (await HttpAssert.JsonAsync(await editor.PostAsJsonAsync($"/api/documents/{documentId}/translations", new
        {
            language,
            kind,
            contributors = new[] { new { name = translator, role = kind == "original" ? "transcriber" : "translator" } },
            text,
        }), HttpStatusCode.Created)).GetProperty("id").GetInt64();

    /// <summary>PGPID 8257 with Khan's translation, Rustow's, and Rustow's first version as a third witness.</summary>
    private async Task<(long Document, long Khan, long Rustow, long RustowFirst)> PetitionAsync()
    {
        var document = await AddDocumentAsync(host.Editor, "Petition of Mubārak b. Ibrāhīm (PGPID 8257)");
        var khan = await AddTextAsync(host.Editor, document, Corpus("PGPID8257_s135_khan_translation.r01.txt"), "Geoffrey Khan");
        var rustow = await AddTextAsync(host.Editor, document, Corpus("PGPID8257_s29_rustow_translation.r02.txt"), "Marina Rustow");
        var first = await AddTextAsync(host.Editor, document, Corpus("PGPID8257_s29_rustow_translation.r01.txt"), "Marina Rustow");
        return (document, khan, rustow, first);
    }

    private static List<string> Texts(JsonElement segment) =>
        segment.GetProperty("readings").EnumerateArray().Select(r => r.GetProperty("text").GetString()!).ToList();

    [Fact]
    public async Task Three_renderings_of_a_Geniza_petition_are_collated_passage_by_passage_with_their_agreement()
    {
        var (document, khan, rustow, first) = await PetitionAsync();
        var collation = await HttpAssert.JsonAsync(await host.Editor.GetAsync($"/api/documents/{document}/collation?translations={khan},{rustow},{first}"));

        var witnesses = collation.GetProperty("witnesses").EnumerateArray().ToList();
        Assert.Equal([khan, rustow, first], witnesses.Select(w => w.GetProperty("translationId").GetInt64()));
        Assert.Equal(["en — Geoffrey Khan", $"en — Marina Rustow (#{rustow})", $"en — Marina Rustow (#{first})"], witnesses.Select(w => w.GetProperty("label").GetString()));
        Assert.Equal(JsonValueKind.Array, witnesses[0].GetProperty("normalization").ValueKind);
        Assert.False(collation.GetProperty("bounded").GetBoolean());

        var segments = collation.GetProperty("segments").EnumerateArray().ToList();
        Assert.All(segments, s => Assert.Equal([khan, rustow, first], s.GetProperty("readings").EnumerateArray().Select(r => r.GetProperty("translationId").GetInt64())));
        // Read in order, every witness's segments give back its whole text.
        foreach (var (id, k) in new[] { (khan, 0), (rustow, 1), (first, 2) })
        {
            var read = string.Join(" ", segments.Select(s => Texts(s)[k]).Where(t => t.Length > 0));
            Assert.Contains("In the name of God", read, StringComparison.Ordinal);
            Assert.Contains("Praise be to God alone", read, StringComparison.Ordinal);
        }

        var invocation = segments.Single(s => Texts(s)[0] == "In the name of God, the merciful and compassionate.");
        Assert.Equal(["In the name of God, the merciful, the compassionate.", "In the name of God, the merciful, the compassionate."], Texts(invocation)[1..]);
        Assert.InRange(invocation.GetProperty("agreement").GetDouble(), 0.85, 0.95);
        // Rustow's two versions read alike here; Khan's reading is a variant.
        var groups = invocation.GetProperty("readings").EnumerateArray().Select(r => r.GetProperty("group").GetInt32()).ToList();
        Assert.Equal(groups[1], groups[2]);
        Assert.NotEqual(groups[0], groups[1]);

        // Rustow revised "duties … reward" to "provisions … recompense": three readings of one passage.
        var revised = segments.Single(s => Texts(s)[1].Contains("his provisions", StringComparison.Ordinal));
        Assert.Contains("his duties", Texts(revised)[2], StringComparison.Ordinal);
        Assert.Contains("his duties", Texts(revised)[0], StringComparison.Ordinal);
        Assert.Equal(3, revised.GetProperty("readings").EnumerateArray().Select(r => r.GetProperty("group").GetInt32()).Distinct().Count());
        Assert.InRange(revised.GetProperty("agreement").GetDouble(), 0.6, 0.95);

        // Where all three render the same sentence, they agree as closely as independent renderings do.
        Assert.All(segments.Where(s => s.GetProperty("readings").EnumerateArray().All(r => !r.GetProperty("absent").GetBoolean())),
            s => Assert.InRange(s.GetProperty("agreement").GetDouble(), 0.6, 1));

        // Khan's closing formula is his alone: Rustow left it out in both versions.
        var closing = segments.Single(s => Texts(s)[0].StartsWith("My sufficiency is God", StringComparison.Ordinal));
        Assert.Equal([false, true, true], closing.GetProperty("readings").EnumerateArray().Select(r => r.GetProperty("absent").GetBoolean()));
        Assert.Equal(["", ""], Texts(closing)[1..]);
        Assert.Equal(0, closing.GetProperty("agreement").GetDouble());
    }

    [Fact]
    public async Task The_TEI_answer_is_well_formed_parallel_segmentation_with_one_witness_per_translation()
    {
        var (document, khan, rustow, first) = await PetitionAsync();
        var response = await host.Editor.GetAsync($"/api/documents/{document}/collation?translations={khan},{rustow},{first}&format=tei");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/tei+xml", response.Content.Headers.ContentType?.MediaType);
        var xml = await response.Content.ReadAsStringAsync();
        // XDocument refuses anything that is not well-formed XML (xmllint is run on the same writer in the text tests).
        var tei = XDocument.Parse(xml);
        Assert.Contains("PGPID 8257", tei.Descendants(Tei + "title").Single().Value, StringComparison.Ordinal);
        var ids = new[] { khan, rustow, first }.Select(id => $"t{id}").ToList();
        var witnesses = tei.Descendants(Tei + "listWit").Single().Elements(Tei + "witness").ToList();
        Assert.Equal(ids, witnesses.Select(w => (string?)w.Attribute(XNamespace.Xml + "id")));
        Assert.Equal("en — Geoffrey Khan", witnesses[0].Value);
        Assert.Equal("parallel-segmentation", (string?)tei.Descendants(Tei + "variantEncoding").Single().Attribute("method"));

        var json = await HttpAssert.JsonAsync(await host.Editor.GetAsync($"/api/documents/{document}/collation?translations={khan},{rustow},{first}"));
        var apps = tei.Descendants(Tei + "app").ToList();
        Assert.Equal(json.GetProperty("segments").GetArrayLength(), apps.Count);
        // Every app reads every witness exactly once.
        Assert.All(apps, app => Assert.Equal(ids.Select(i => "#" + i).Order(StringComparer.Ordinal),
            app.Elements(Tei + "rdg").SelectMany(r => ((string)r.Attribute("wit")!).Split(' ')).Order(StringComparer.Ordinal)));
        var invocation = apps.Single(a => a.Elements(Tei + "rdg").First().Value.StartsWith("In the name of God", StringComparison.Ordinal));
        Assert.Equal([$"#t{khan}", $"#t{rustow} #t{first}"], invocation.Elements(Tei + "rdg").Select(r => (string)r.Attribute("wit")!));
        var closing = apps.Single(a => a.Elements(Tei + "rdg").First().Value.StartsWith("My sufficiency is God", StringComparison.Ordinal));
        Assert.Equal("", closing.Elements(Tei + "rdg").Single(r => (string)r.Attribute("wit")! == $"#t{rustow} #t{first}").Value);
    }

    [Fact]
    public async Task Without_a_list_every_translation_of_the_document_is_collated_and_the_answer_is_revalidated()
    {
        var (document, khan, rustow, first) = await PetitionAsync();
        var original = await AddTextAsync(host.Editor, document, "ענד מולאי אלשיך", "Geoffrey Khan", kind: "original", language: "jrb");

        var response = await host.Editor.GetAsync($"/api/documents/{document}/collation");
        var collation = await HttpAssert.JsonAsync(response);
        // The transcription of the original is left out unless named.
        Assert.Equal([khan, rustow, first], collation.GetProperty("witnesses").EnumerateArray().Select(w => w.GetProperty("translationId").GetInt64()));
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);
        Assert.Contains("no-cache", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/api/documents/{document}/collation");
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await host.Editor.SendAsync(again)).StatusCode);

        // Named, the original is a witness like any other, labelled as what it is.
        var named = await HttpAssert.JsonAsync(await host.Editor.GetAsync($"/api/documents/{document}/collation?translations={original},{khan}"));
        Assert.Equal("jrb — original, transcribed by Geoffrey Khan", named.GetProperty("witnesses")[0].GetProperty("label").GetString());

        // A new translation changes what is collated, so the old tag no longer matches.
        await AddTextAsync(host.Editor, document, "In the name of God.", "Another Translator");
        using var stale = new HttpRequestMessage(HttpMethod.Get, $"/api/documents/{document}/collation");
        stale.Headers.IfNoneMatch.Add(etag);
        var fresh = await HttpAssert.JsonAsync(await host.Editor.SendAsync(stale));
        Assert.Equal(4, fresh.GetProperty("witnesses").GetArrayLength());
    }

    [Fact]
    public async Task Bad_input_is_a_problem_naming_the_parameter()
    {
        var (document, khan, rustow, _) = await PetitionAsync();
        var other = await AddDocumentAsync(host.Editor, "Another document");
        var elsewhere = await AddTextAsync(host.Editor, other, "In the name of God.", "Someone Else");

        async Task Bad(string query, string parameter, string says, long id = 0)
        {
            var problem = await HttpAssert.ProblemAsync(await host.Editor.GetAsync($"/api/documents/{(id == 0 ? document : id)}/collation{query}"), HttpStatusCode.BadRequest);
            var errors = problem.GetProperty("errors");
            Assert.Equal([parameter], errors.EnumerateObject().Select(e => e.Name));
            Assert.Contains(says, errors.GetProperty(parameter)[0].GetString(), StringComparison.Ordinal);
        }

        await Bad($"?translations={khan},424242", "translations", "Translation 424242 is not a translation of document");
        await Bad($"?translations={khan},{elsewhere}", "translations", $"Translation {elsewhere} is not a translation of document {document}");
        await Bad($"?translations={khan}", "translations", "at least 2");
        await Bad($"?translations={khan},{rustow},{khan}", "translations", $"Translation {khan} is named more than once");
        await Bad($"?translations={string.Join(",", Enumerable.Range(1, 9))}", "translations", "at most 8");
        await Bad($"?translations={khan},abc", "translations", "'abc' is not a translation id");
        await Bad($"?translations={khan},{rustow}&format=pdf", "format", "json or tei");
        await Bad("", "translations", "has 1 translation(s)", other);
        await HttpAssert.ProblemAsync(await host.Editor.GetAsync($"/api/documents/999999/collation?translations={khan},{rustow}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Texts_larger_together_than_the_cap_are_refused()
    {
        await using var api = await ProvenanceApiFactory.StartAsync(host.Postgres, seed: false,
            new Dictionary<string, string?> { ["Provenance:Diff:MaxCollationTextBytes"] = "1024" });
        using var editor = await api.CreateClientWithRolesAsync("editor");
        var document = await AddDocumentAsync(editor, "Petition (PGPID 8257)");
        var khan = await AddTextAsync(editor, document, Corpus("PGPID8257_s135_khan_translation.r01.txt"), "Geoffrey Khan");
        var rustow = await AddTextAsync(editor, document, Corpus("PGPID8257_s29_rustow_translation.r02.txt"), "Marina Rustow");

        var problem = await HttpAssert.ProblemAsync(await editor.GetAsync($"/api/documents/{document}/collation?translations={khan},{rustow}"), HttpStatusCode.BadRequest);
        Assert.Contains("at most 1024", problem.GetProperty("errors").GetProperty("translations")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_collation_revalidates_with_304_until_a_write_changes_the_document()
    {
        var (document, khan, rustow, _) = await PetitionAsync();
        var url = $"/api/documents/{document}/collation?translations={khan},{rustow}&format=tei";
        var first = await host.Editor.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("public, no-cache", first.Headers.CacheControl?.ToString());
        var tag = Assert.IsType<EntityTagHeaderValue>(first.Headers.ETag);
        Assert.False(tag.IsWeak);

        Assert.Equal(HttpStatusCode.NotModified, (await host.Editor.ConditionalGetAsync(url, tag.Tag)).StatusCode);

        await AddTextAsync(host.Editor, document, "A fourth reading.", "Another translator");
        var after = await host.Editor.ConditionalGetAsync(url, tag.Tag);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(tag.Tag, after.Headers.ETag?.Tag);
    }
}
