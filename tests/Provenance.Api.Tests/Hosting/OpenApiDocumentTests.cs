using System.Net;
using System.Text;
using System.Text.Json;
using Provenance.Api.Tests.Support;
using Provenance.Testing;

namespace Provenance.Api.Tests.Hosting;

/// <summary>
/// The OpenAPI document declares what the service does: every operation that needs a key says so (and
/// really answers 401 without one), every 4xx it lists is a problem document, tags are described.
/// The document is also written to <c>artifacts/openapi/v1.json</c>, which <c>.ci/run</c> lints with Redocly.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiDocumentTests(ApiHost host) : IClassFixture<ApiHost>, IAsyncLifetime
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];
    private JsonElement _document;

    public async Task InitializeAsync()
    {
        var body = await (await host.Reader.GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync();
        _document = JsonDocument.Parse(body).RootElement;
        var dump = Path.Combine(Records.RepositoryRoot(), "artifacts", "openapi");
        Directory.CreateDirectory(dump);
        await File.WriteAllTextAsync(Path.Combine(dump, "v1.json"), body);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private IEnumerable<(string Path, string Method, JsonElement Operation)> Operations() =>
        from path in _document.GetProperty("paths").EnumerateObject()
        from op in path.Value.EnumerateObject()
        where Methods.Contains(op.Name)
        select (path.Name, op.Name, op.Value);

    private static bool NeedsKey(JsonElement operation) =>
        operation.GetProperty("security").EnumerateArray().Any(r => r.TryGetProperty("bearer", out _));

    [Fact]
    public void The_bearer_key_scheme_is_declared()
    {
        var bearer = _document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
    }

    [Fact]
    public void Every_operation_declares_its_security_and_keyed_ones_their_401_and_403()
    {
        var operations = Operations().ToList();
        Assert.NotEmpty(operations);
        foreach (var (path, method, op) in operations)
        {
            Assert.True(op.TryGetProperty("security", out _), $"{method} {path} declares no security");
            var responses = op.GetProperty("responses");
            Assert.Equal(NeedsKey(op), responses.TryGetProperty("401", out _));
        }

        var createKey = _document.GetProperty("paths").GetProperty("/api/keys").GetProperty("post");
        Assert.True(NeedsKey(createKey));
        Assert.Contains("admin", createKey.GetProperty("responses").GetProperty("403").GetProperty("description").GetString(), StringComparison.Ordinal);
        var submit = _document.GetProperty("paths").GetProperty("/api/translations/{id}/revisions").GetProperty("post");
        Assert.True(NeedsKey(submit));
        Assert.True(submit.GetProperty("responses").TryGetProperty("429", out _)); // rate-limited writes
        var search = _document.GetProperty("paths").GetProperty("/api/documents").GetProperty("get");
        Assert.Equal(0, search.GetProperty("security").GetArrayLength()); // reads are public by default
    }

    [Fact]
    public void Every_operation_lists_a_4xx_and_every_4xx_is_a_problem_document()
    {
        foreach (var (path, method, op) in Operations())
        {
            var clientErrors = op.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('4')).ToList();
            if (op.TryGetProperty("parameters", out _) || op.TryGetProperty("requestBody", out _) || NeedsKey(op))
            {
                Assert.True(clientErrors.Count > 0, $"{method} {path} lists no 4xx response");
            }

            foreach (var response in clientErrors)
            {
                Assert.True(response.Value.GetProperty("content").TryGetProperty("application/problem+json", out _),
                    $"{method} {path} {response.Name} is not declared as a problem document");
            }
        }
    }

    [Fact]
    public void Tags_are_described_the_license_is_stated_and_servers_end_without_a_slash()
    {
        foreach (var tag in _document.GetProperty("tags").EnumerateArray())
        {
            Assert.False(string.IsNullOrWhiteSpace(tag.TryGetProperty("description", out var d) ? d.GetString() : null),
                $"tag {tag.GetProperty("name")} has no description: add it to OpenApiSetup.TagDescriptions");
        }

        Assert.False(string.IsNullOrWhiteSpace(_document.GetProperty("info").GetProperty("license").GetProperty("name").GetString()));
        foreach (var server in _document.GetProperty("servers").EnumerateArray())
        {
            Assert.False(server.GetProperty("url").GetString()!.EndsWith('/'), server.GetProperty("url").GetString());
        }
    }

    [Fact]
    public async Task Every_operation_declared_as_needing_a_key_answers_401_without_one_and_the_others_do_not()
    {
        foreach (var (path, method, op) in Operations())
        {
            var url = string.Concat(path.Split('/').Select((s, i) => (i == 0 ? "" : "/") + (s.StartsWith('{') ? "1" : s)));
            using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url);
            if (op.TryGetProperty("requestBody", out var body))
            {
                var mediaType = body.GetProperty("content").EnumerateObject().First().Name;
                request.Content = new StringContent(mediaType.EndsWith("json", StringComparison.Ordinal) ? "{}" : "x", Encoding.UTF8, mediaType);
            }

            var response = await host.Reader.SendAsync(request);
            if (NeedsKey(op))
            {
                await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
            }
            else
            {
                Assert.True(response.StatusCode != HttpStatusCode.Unauthorized, $"{method} {path} is declared public but answered 401");
            }
        }
    }

    [Fact]
    public async Task When_reads_need_a_key_every_operation_declares_the_bearer_scheme()
    {
        await using var api = await ProvenanceApiFactory.StartAsync(host.Postgres, seed: false,
            new Dictionary<string, string?> { ["Provenance:RequireKeyForReads"] = "true" });
        using var client = api.CreateClient();
        var document = JsonDocument.Parse(await (await client.GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync()).RootElement;
        var search = document.GetProperty("paths").GetProperty("/api/documents").GetProperty("get");
        Assert.True(NeedsKey(search));
        Assert.True(search.GetProperty("responses").TryGetProperty("401", out _));
        await HttpAssert.ProblemAsync(await client.GetAsync("/api/documents"), HttpStatusCode.Unauthorized);
    }
}
