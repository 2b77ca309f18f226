using System.Net;
using System.Net.Http.Json;
using Provenance.Api.Tests.Support;
using Provenance.Testing;

namespace Provenance.Api.Tests.Trust;

/// <summary>
/// Issue 15 item 8: diff previews are open to anyone, so they get a budget per client and per key, a cap on
/// how many run at once and a deadline; citation writes share the per-key write budget. Low limits here so
/// the test reaches them in a few requests.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class DiffLimitTests(TestPostgres postgres) : IAsyncLifetime
{
    private WritePathHost _host = null!;

    public async Task InitializeAsync() => _host = await WritePathHost.StartAsync(postgres,
        ("Provenance:RateLimit:AnonymousDiffsPerMinute", "3"),
        ("Provenance:RateLimit:KeyedDiffsPerMinute", "6"),
        ("Provenance:RateLimit:WritesPerMinute", "8"),
        ("Provenance:RateLimit:WindowSeconds", "3600"));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static Task<HttpResponseMessage> DiffAsync(HttpClient client) =>
        client.PostAsJsonAsync("/api/diff", new { left = "Хрущев said", right = "Хрущёв said" });

    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        await HttpAssert.ProblemAsync(response, HttpStatusCode.TooManyRequests);
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), response.Headers.ToString());
    }

    [Fact]
    public async Task Anonymous_previews_get_a_budget_per_client_and_a_key_gets_its_own_larger_one()
    {
        using var anonymous = _host.Client();
        for (var i = 0; i < 3; i++)
        {
            await HttpAssert.JsonAsync(await DiffAsync(anonymous));
        }

        await AssertTooManyAsync(await DiffAsync(anonymous));

        using var keyed = _host.Client(await _host.KeyAsync("Ed Editor", "editor"));
        for (var i = 0; i < 6; i++)
        {
            await HttpAssert.JsonAsync(await DiffAsync(keyed));
        }

        await AssertTooManyAsync(await DiffAsync(keyed));
    }

    [Fact]
    public async Task Citation_writes_count_against_the_per_key_write_budget()
    {
        var t = await _host.CreateTranslationAsync();
        using var editor = _host.Client(await _host.KeyAsync("Cite Often", "editor"));
        for (var i = 0; i < 8; i++)
        {
            await HttpAssert.JsonAsync(await editor.PostAsJsonAsync($"/api/documents/{t.DocumentId}/citations", new { kind = "editorial", note = $"n{i}" }), HttpStatusCode.Created);
        }

        await AssertTooManyAsync(await editor.PostAsJsonAsync($"/api/documents/{t.DocumentId}/citations", new { kind = "editorial", note = "one more" }));
    }
}
