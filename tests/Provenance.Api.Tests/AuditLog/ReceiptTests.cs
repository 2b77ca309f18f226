using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Provenance.Api.Tests.Blame;
using Provenance.Api.Tests.Support;
using Provenance.Testing;

namespace Provenance.Api.Tests.AuditLog;

/// <summary>Receipts for revisions and citations, checked as docs/provenance.md tells a researcher to: key, receipt, script.</summary>
[Collection(ApiCollection.Name)]
public sealed class ReceiptTests(TestPostgres postgres) : IAsyncLifetime
{
    private AuditLogHost _host = null!;
    private long _revisionId;
    private string _text = "";

    public async Task InitializeAsync()
    {
        _host = await AuditLogHost.StartAsync(postgres);
        var translation = await TestHistory.SeedTranslationAsync(_host.Reader, _host.DocumentId);
        _revisionId = translation.GetProperty("currentRevisionId").GetInt64();
        _text = (await HttpAssert.JsonAsync(await _host.Reader.GetAsync($"/api/revisions/{_revisionId}"))).GetProperty("text").GetString()!;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(int Exit, string Output, string Error)> CheckAsync(string receipt, params string[] extra)
    {
        var file = await _host.WriteFileAsync($"receipt-{Guid.NewGuid():N}.json", receipt);
        var keyFile = await _host.WriteFileAsync("verifier.key", await _host.VerifierKeyAsync());
        return await AuditLogHost.RunVerifierAsync(null, ["receipt", keyFile, file, .. extra]);
    }

    [Fact]
    public async Task A_revision_receipt_proves_its_event_and_text_with_only_the_public_key()
    {
        await _host.AddCitationAsync("after the revision");
        var receipt = await (await _host.Reader.GetAsync($"/api/revisions/{_revisionId}/receipt")).Content.ReadAsStringAsync();
        var json = JsonDocument.Parse(receipt).RootElement;
        // The seed's first revision was created by the import of its document, whose event names it.
        Assert.Equal("document.imported", json.GetProperty("event").GetProperty("action").GetString());
        Assert.Contains($"\"revisionId\":{_revisionId},", json.GetProperty("event").GetProperty("canonical").GetString(), StringComparison.Ordinal);
        Assert.Equal(json.GetProperty("event").GetProperty("sequence").GetInt64() - 1, json.GetProperty("leafIndex").GetInt64());

        var textFile = await _host.WriteFileAsync("revision.txt", _text);
        var (exit, output, error) = await CheckAsync(receipt, "--text", textFile);
        Assert.True(exit == 0, error);
        Assert.Contains("is in log provenance/audit", output, StringComparison.Ordinal);

        // Another text, another event or another proof: the script says no.
        var otherText = await _host.WriteFileAsync("other.txt", _text + "x");
        Assert.Equal(1, (await CheckAsync(receipt, "--text", otherText)).Exit);
        var forged = JsonNode.Parse(receipt)!;
        forged["event"]!["canonical"] = forged["event"]!["canonical"]!.GetValue<string>().Replace("document.imported", "document.forged", StringComparison.Ordinal);
        Assert.Equal(1, (await CheckAsync(forged.ToJsonString())).Exit);
        var wrongProof = JsonNode.Parse(receipt)!;
        wrongProof["hashes"]![0] = Convert.ToBase64String(new byte[32]);
        Assert.Equal(1, (await CheckAsync(wrongProof.ToJsonString())).Exit);
    }

    [Fact]
    public async Task A_citation_pinned_to_a_revision_has_a_receipt_for_both()
    {
        var citation = await _host.AddCitationAsync("pinned", _revisionId);
        var response = await _host.Reader.GetAsync($"/api/citations/{citation.GetProperty("id").GetInt64()}/receipt");
        var receipt = await response.Content.ReadAsStringAsync();
        var json = JsonDocument.Parse(receipt).RootElement;
        Assert.Equal("citation.added", json.GetProperty("event").GetProperty("action").GetString());
        Assert.Equal(json.GetProperty("revision").GetProperty("event").GetProperty("sequence").GetInt64() - 1,
            json.GetProperty("revision").GetProperty("leafIndex").GetInt64());

        var (exit, output, error) = await CheckAsync(receipt);
        Assert.True(exit == 0, error);
        Assert.Equal(2, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Receipts_of_unknown_revisions_and_citations_are_404_problems()
    {
        await HttpAssert.ProblemAsync(await _host.Reader.GetAsync("/api/revisions/999999/receipt"), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await _host.Reader.GetAsync("/api/citations/999999/receipt"), HttpStatusCode.NotFound);
    }
}
