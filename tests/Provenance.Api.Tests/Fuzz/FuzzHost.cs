using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Provenance.Testing;

namespace Provenance.Api.Tests.Fuzz;

/// <summary>
/// One seeded API host for the bad-input tests, and the probe every request goes through: it fails
/// on a 5xx, on an error answer that is not a problem document (or whose <c>status</c> differs) and
/// on any request that takes longer than <see cref="Timeout"/>. Every answer is logged; when
/// <c>FUZZ_REPORT</c> names a file, the table in docs/reliability.md is written there at the end.
/// </summary>
public sealed class FuzzHost : IAsyncLifetime
{
    /// <summary>Far above any answer's time, so only a hang fails, never a loaded machine.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private readonly TestPostgres _postgres = new();
    private readonly ConcurrentDictionary<(string Area, string Tried), ConcurrentDictionary<int, int>> _answers = new();
    private readonly ConcurrentQueue<(string Area, string Tried)> _order = new();

    public ProvenanceApiFactory Api { get; private set; } = null!;
    public HttpClient Editor { get; private set; } = null!;
    public HttpClient Anonymous { get; private set; } = null!;

    /// <summary>The seed's translation and its first revision.</summary>
    public const long TranslationId = 1;
    public const long RevisionId = 1;

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        Api = await ProvenanceApiFactory.StartAsync(_postgres, seed: true, settings: new Dictionary<string, string?>
        {
            ["Provenance:RateLimit:WritesPerMinute"] = "1000000",
        });
        Editor = Api.ClientWithKey(await Api.CreateKeyAsync("Fuzz editor", "editor"));
        Editor.Timeout = Timeout;
        Anonymous = Api.CreateClient();
        Anonymous.Timeout = Timeout;
    }

    public async Task DisposeAsync()
    {
        if (Environment.GetEnvironmentVariable("FUZZ_REPORT") is { Length: > 0 } path)
        {
            await File.WriteAllTextAsync(path, Table());
        }

        Editor.Dispose();
        Anonymous.Dispose();
        await Api.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    /// <summary>A request with a raw body; <paramref name="contentType"/> null sends none.</summary>
    public static HttpRequestMessage Raw(HttpMethod method, string path, byte[]? body = null, string? contentType = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        return request;
    }

    public static HttpRequestMessage Post(string path, string body, string? contentType = "application/json") =>
        Raw(HttpMethod.Post, path, Encoding.UTF8.GetBytes(body), contentType);

    public static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

    /// <summary>Sends the request, checks the answer is no 5xx, no hang and (for 4xx) a problem document; logs it.</summary>
    public async Task<(HttpStatusCode Status, string Body)> ProbeAsync(string area, string tried, HttpRequestMessage request, HttpClient? client = null)
    {
        client ??= Editor;
        var described = $"{area} {tried}: {request.Method} {Truncate(request.RequestUri?.ToString() ?? "", 120)}";
        using var cts = new CancellationTokenSource(Timeout);
        var clock = Stopwatch.StartNew();
        HttpResponseMessage response;
        string body;
        try
        {
            response = await client.SendAsync(request, cts.Token);
            body = await response.Content.ReadAsStringAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Log(area, tried, 0);
            Assert.Fail($"{described} did not answer within {Timeout.TotalMinutes} min (a hang).");
            throw;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            Log(area, tried, status);
            Assert.True(status < 500, $"{described} answered {status} after {clock.ElapsedMilliseconds} ms: {Truncate(body, 2000)}");
            if (status >= 400)
            {
                Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
                    $"{described} answered {status} as {response.Content.Headers.ContentType}: {Truncate(body, 500)}");
                using var problem = JsonDocument.Parse(body);
                Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
            }

            return (response.StatusCode, body);
        }
    }

    private void Log(string area, string tried, int status)
    {
        var counts = _answers.GetOrAdd((area, tried), key =>
        {
            _order.Enqueue(key);
            return new ConcurrentDictionary<int, int>();
        });
        counts.AddOrUpdate(status, 1, (_, n) => n + 1);
    }

    /// <summary>What was tried and what it answered, as a Markdown table (0 = no answer in time).</summary>
    public string Table()
    {
        var sb = new StringBuilder("| Endpoint | Tried | Requests | Answers |\n|---|---|---|---|\n");
        foreach (var key in _order)
        {
            var counts = _answers[key];
            var answers = string.Join(", ", counts.OrderBy(c => c.Key).Select(c => counts.Count == 1 && c.Value == 1
                ? c.Key.ToString(CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"{c.Key} ×{c.Value}")));
            sb.Append(CultureInfo.InvariantCulture, $"| {key.Area} | {key.Tried.Replace("|", "\\|", StringComparison.Ordinal)} | {counts.Values.Sum()} | {answers} |\n");
        }

        return sb.ToString();
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max] + "…";
}

[CollectionDefinition(Name)]
public sealed class FuzzCollection : ICollectionFixture<FuzzHost>
{
    public const string Name = "fuzz";
}
