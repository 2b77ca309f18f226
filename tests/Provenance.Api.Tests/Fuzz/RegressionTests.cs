using System.Net;
using Provenance.Testing;

namespace Provenance.Api.Tests.Fuzz;

/// <summary>One focused test per 5xx the bad-input tests found, named after the fixed behaviour.</summary>
[Collection(FuzzCollection.Name)]
public sealed class RegressionTests(FuzzHost host)
{
    [Fact]
    public async Task Import_with_a_title_longer_than_its_column_is_422_naming_title()
    {
        var record = Records.MikoyanNotes.Replace("Notes of Conversation between A. I. Mikoyan and Fidel Castro",
            string.Concat(Enumerable.Repeat("A very long title ", 100)), StringComparison.Ordinal);
        var (status, body) = await host.ProbeAsync("POST /api/imports", "regression: title of 1,800 characters", FuzzHost.Post("/api/imports", record, "text/markdown"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("\"title\"", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("q")]
    [InlineData("archive")]
    [InlineData("translator")]
    [InlineData("language")]
    public async Task Document_search_with_a_NUL_is_400_naming_the_parameter(string parameter)
    {
        var (status, body) = await host.ProbeAsync("GET (ids and queries)", "regression: NUL in a search parameter", FuzzHost.Get($"/api/documents?{parameter}=a%00b"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains($"\"{parameter}\"", body, StringComparison.Ordinal);
    }
}
