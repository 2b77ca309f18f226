using System.Net;
using System.Net.Http.Json;
using System.Text;
using Provenance.Api.Tests.Support;
using Provenance.Testing;

namespace Provenance.Api.Tests.Trust;

/// <summary>Issue 15 item 7: inputs that answered 500 now answer a 4xx problem naming the parameter or field.</summary>
[Collection(ApiCollection.Name)]
public sealed class BadInputTests(SeededApiHost host) : IClassFixture<SeededApiHost>
{
    [Theory]
    [InlineData("/api/audit?actor=%00", "actor")]
    [InlineData("/api/audit?entity=%00", "entity")]
    [InlineData("/api/audit?action=a%00b", "action")]
    [InlineData("/api/documents?page=2147483647", "page")]
    [InlineData("/api/audit?page=4294970&pageSize=500", "page")]
    [InlineData("/api/documents/1/history?page=2147483647&pageSize=100", "page")]
    public async Task A_query_parameter_that_answered_500_is_a_400_naming_it(string url, string parameter)
    {
        // 400 with errors by parameter, as every listing answers a bad query (a body's field errors are 422).
        var problem = await HttpAssert.ProblemAsync(await host.Api.CreateClient().GetAsync(url), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Theory]
    [InlineData("\"a\\u0000b\"")]
    [InlineData("\"\\ud800\"")]
    [InlineData("\"tail \\udc00 lone\"")]
    public async Task A_NUL_or_lone_surrogate_in_a_citation_retraction_is_a_422_naming_the_field(string reason)
    {
        using var editor = await host.Api.CreateClientWithRolesAsync("editor");
        var documentId = await Blame.TestHistory.SeedDocumentIdAsync(host.Api.CreateClient());
        var citation = await HttpAssert.JsonAsync(await editor.PostAsJsonAsync($"/api/documents/{documentId}/citations",
            new { kind = "editorial", note = "to retract" }), HttpStatusCode.Created);
        var id = citation.GetProperty("id").GetInt64();

        using var body = new StringContent($"{{\"reason\":{reason}}}", Encoding.UTF8, "application/json");
        var problem = await HttpAssert.ProblemAsync(await editor.PostAsync($"/api/citations/{id}/retract", body), HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out _), problem.ToString());

        // Nothing was half-written: the citation is still active.
        var again = await editor.PostAsJsonAsync($"/api/citations/{id}/retract", new { reason = "now a real reason" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task A_lone_surrogate_in_a_submission_is_a_422_like_every_other_field_error()
    {
        using var admin = host.Api.ClientWithKey(ProvenanceApiFactory.BootstrapAdminKey);
        using var body = new StringContent("{\"name\":\"Anna \\ud83d\",\"roles\":[\"editor\"]}", Encoding.UTF8, "application/json");
        var problem = await HttpAssert.ProblemAsync(await admin.PostAsync("/api/keys", body), HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _), problem.ToString());
    }
}
