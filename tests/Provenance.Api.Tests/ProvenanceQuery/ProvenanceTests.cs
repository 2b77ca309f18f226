using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Provenance.Api.Tests.Blame;
using Provenance.Api.Tests.Support;
using Provenance.Testing;

namespace Provenance.Api.Tests.ProvenanceQuery;

[Collection(ApiCollection.Name)]
public sealed class ProvenanceTests(TestPostgres postgres) : IAsyncLifetime
{
    private ApiHost _host = null!;
    private const string Python = "/usr/bin/python3";

    private long _documentId;
    private long _translationId;
    private long _revision2;
    private long _revision3;
    private long _retractedCitation;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync(postgres, seed: true);
        var editor = await _host.Api.CreateClientWithRolesAsync("editor");
        _documentId = await TestHistory.SeedDocumentIdAsync(_host.Reader);
        var translation = await TestHistory.SeedTranslationAsync(_host.Reader, _documentId);
        _translationId = translation.GetProperty("id").GetInt64();
        var text = (await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/revisions/{translation.GetProperty("currentRevisionId").GetInt64()}"))).GetProperty("text").GetString()!;
        _revision2 = await TestHistory.AddRevisionAsync(_host.Api, _translationId, text.Replace("contradictory[?]", "contradictory", StringComparison.Ordinal),
            "Ann Editor", "Drop the editorial [?]", reviewer: "Rex Reviewer");
        _revision3 = await TestHistory.AddRevisionAsync(_host.Api, _translationId, text.Replace("Sorensen", "Sorenson", StringComparison.Ordinal),
            "Ben Editor", "Spelling");
        await HttpAssert.JsonAsync(await editor.PostAsJsonAsync($"/api/documents/{_documentId}/citations", new
        {
            kind = "archival", revisionId = _revision2, archive = "AVP RF", fond = "059a", opis = "7", delo = "2", locator = "l. 37",
        }), HttpStatusCode.Created);
        var wrong = await HttpAssert.JsonAsync(await editor.PostAsJsonAsync($"/api/documents/{_documentId}/citations", new
        {
            kind = "published", title = "The Kennedy Tapes", publisher = "Norton", year = 2002, url = "https://example.org/tapes",
        }), HttpStatusCode.Created);
        _retractedCitation = wrong.GetProperty("id").GetInt64();
        await HttpAssert.JsonAsync(await editor.PostAsJsonAsync($"/api/citations/{_retractedCitation}/retract", new { reason = "Wrong edition" }));
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Provenance_lists_origin_custody_publisher_translations_revisions_and_citations()
    {
        var p = await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/documents/{_documentId}/provenance"));
        var document = p.GetProperty("document");
        Assert.Equal("AVP RF", document.GetProperty("archive").GetProperty("code").GetString());
        Assert.Equal(["AVP RF", "NSA"], document.GetProperty("custody").EnumerateArray().Select(c => c.GetProperty("holder").GetString()));
        Assert.Equal([1, 2], document.GetProperty("custody").EnumerateArray().Select(c => c.GetProperty("order").GetInt32()));
        Assert.Equal("https://digitalarchive.umd.edu/document/111625", document.GetProperty("publisher").GetProperty("url").GetString());
        Assert.Equal("111625", document.GetProperty("publisher").GetProperty("recordId").GetString());

        var translation = Assert.Single(p.GetProperty("translations").EnumerateArray());
        Assert.Equal("Mark H. Doctoroff", translation.GetProperty("translator").GetString());
        Assert.Equal(_revision2, translation.GetProperty("currentRevisionId").GetInt64());
        Assert.Equal(_revision3, translation.GetProperty("headRevisionId").GetInt64());
        var revisions = translation.GetProperty("revisions").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], revisions.Select(r => r.GetProperty("number").GetInt32()));
        Assert.Equal(["Mark H. Doctoroff", "Ann Editor", "Ben Editor"], revisions.Select(r => r.GetProperty("author").GetString()));
        Assert.Equal(["approved", "approved", "proposed"], revisions.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal("Rex Reviewer", revisions[1].GetProperty("reviewer").GetString());
        Assert.Equal("Drop the editorial [?]", revisions[1].GetProperty("summary").GetString());
        Assert.Equal(revisions[0].GetProperty("id").GetInt64(), revisions[1].GetProperty("parentId").GetInt64());
        Assert.All(revisions, r => Assert.Equal(64, r.GetProperty("sha256").GetString()!.Length));
        Assert.False(revisions[0].TryGetProperty("text", out _));

        var citations = p.GetProperty("citations").EnumerateArray().ToList();
        Assert.Equal(["published", "archival", "published"], citations.Select(c => c.GetProperty("kind").GetString()));
        Assert.True(citations.Single(c => c.GetProperty("id").GetInt64() == _retractedCitation).GetProperty("retracted").GetBoolean());
    }

    [Fact]
    public async Task Prov_json_has_the_relations_of_the_history()
    {
        var prov = await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/documents/{_documentId}/provenance?format=prov-json"));
        Assert.Equal($"{_host.Reader.BaseAddress!.ToString().TrimEnd('/')}/ns/provenance/#", prov.GetProperty("prefix").GetProperty("provenance").GetString());
        var derivations = prov.GetProperty("wasDerivedFrom").EnumerateObject().Select(r => r.Value).ToList();

        string? Type(JsonElement r) => r.TryGetProperty("prov:type", out var t) ? t.GetProperty("$").GetString() : null;
        bool Has(string generated, string used, string? type) => derivations.Any(r =>
            r.GetProperty("prov:generatedEntity").GetString() == generated && r.GetProperty("prov:usedEntity").GetString() == used && Type(r) == type);

        var original = $"doc:{_documentId}";
        var revisions = (await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/translations/{_translationId}/revisions"))).EnumerateArray()
            .OrderBy(r => r.GetProperty("number").GetInt32()).Select(r => $"rev:{r.GetProperty("id").GetInt64()}").ToList();
        Assert.True(Has($"translation:{_translationId}", original, "prov:PrimarySource"));
        Assert.True(Has($"translation:{_translationId}", $"doc:{_documentId}-custody-2", null), "the translation was made from the NSA copy");
        Assert.True(Has($"doc:{_documentId}-custody-2", original, null), "the NSA copy derives from the original");
        Assert.True(Has(revisions[1], revisions[0], "prov:Revision"));
        Assert.True(Has(revisions[2], revisions[1], "prov:Revision"));
        Assert.True(Has(revisions[0], $"doc:{_documentId}-publisher-record", "prov:Quotation"));
        Assert.True(Has($"doc:{_documentId}-publisher-record", original, "prov:PrimarySource"));
        Assert.True(Has(revisions[1], original, "prov:PrimarySource"));
        Assert.Contains(derivations, r => Type(r) == "provenance:Cites" && r.GetProperty("prov:generatedEntity").GetString() == $"rev:{_revision2}");

        var revision = prov.GetProperty("entity").GetProperty($"rev:{_revision2}");
        Assert.Equal(2, revision.GetProperty("provenance:number").GetProperty("$").GetInt32());
        Assert.Equal("approved", revision.GetProperty("provenance:status").GetString());
        Assert.Equal(64, revision.GetProperty("provenance:sha256").GetString()!.Length);

        var agents = prov.GetProperty("agent").EnumerateObject().Select(a => a.Value.GetProperty("prov:label").GetString()).ToList();
        Assert.Contains("Mark H. Doctoroff", agents);
        Assert.Contains("Rex Reviewer", agents);
        Assert.Contains("NSA", agents);
        Assert.Contains("Archive of Foreign Policy of the Russian Federation", agents);
        Assert.Contains("Wilson Center Digital Archive", agents);
        var roles = prov.GetProperty("wasAssociatedWith").EnumerateObject().Select(a => a.Value.GetProperty("prov:role").GetProperty("$").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "provenance:translator", "provenance:author", "provenance:reviewer", "provenance:custodian" }, roles);
        Assert.Single(prov.GetProperty("wasInvalidatedBy").EnumerateObject());
        Assert.True(prov.TryGetProperty("wasGeneratedBy", out _));
        Assert.True(prov.TryGetProperty("wasAttributedTo", out _));
        Assert.True(prov.TryGetProperty("specializationOf", out _));
    }

    [Fact]
    public async Task Python_prov_reads_the_prov_json_and_round_trips_it()
    {
        var response = await _host.Reader.GetAsync($"/api/documents/{_documentId}/provenance?format=prov-json");
        var body = await response.Content.ReadAsStringAsync();
        var expected = JsonDocument.Parse(body).RootElement.EnumerateObject()
            .Where(p => p.Name != "prefix").Sum(p => p.Value.EnumerateObject().Count());

        Assert.True(File.Exists(Python), $"{Python} is missing: install python3 and python3-prov (apt-get install -y python3-prov) to run this test.");
        var path = Path.Combine(Path.GetTempPath(), $"prov-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, body);
        try
        {
            var script = "import sys\n" +
                "from prov.model import ProvDocument\n" +
                "d = ProvDocument.deserialize(source=sys.argv[1], format='json')\n" +
                "s = d.serialize(format='json')\n" +
                "d2 = ProvDocument.deserialize(content=s, format='json')\n" +
                "assert d == d2, 'round trip changed the document'\n" +
                "print(len(d.records))\n";
            var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(script);
            start.ArgumentList.Add(path);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var error = await stderr;
            Assert.False(error.Contains("No module named 'prov'", StringComparison.Ordinal),
                "The python prov library is missing: apt-get install -y python3-prov (or pip install prov).");
            Assert.True(process.ExitCode == 0, $"python prov failed ({process.ExitCode}): {error}");
            Assert.Equal(expected, int.Parse((await stdout).Trim(), System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(expected > 40, $"only {expected} records");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Unknown_documents_and_formats_are_problems()
    {
        await HttpAssert.ProblemAsync(await _host.Reader.GetAsync("/api/documents/999999/provenance"), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await _host.Reader.GetAsync("/api/documents/999999/provenance?format=prov-json"), HttpStatusCode.NotFound);
        var problem = await HttpAssert.ProblemAsync(await _host.Reader.GetAsync($"/api/documents/{_documentId}/provenance?format=rdf"), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("format", out _));
    }
}
