using System.Net;
using Provenance.Api.Tests.Support;
using Provenance.Testing;

namespace Provenance.Api.Tests.Operations;

[Collection(ApiCollection.Name)]
public sealed class OperationsTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_healthy(string path)
    {
        var response = await host.Reader.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_document_endpoints()
    {
        var doc = await HttpAssert.JsonAsync(await host.Reader.GetAsync("/openapi/v1.json"));
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/documents", out _));
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/imports", out _));
    }

    [Fact]
    public async Task The_reference_page_is_served()
    {
        var response = await host.Reader.GetAsync("/reference");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_routes_are_problem_documents()
    {
        await HttpAssert.ProblemAsync(await host.Reader.GetAsync("/api/nothing-here"), HttpStatusCode.NotFound);
    }
}
