using System.Net;
using Provenance.Api.Tests.Support;
using Provenance.Testing;
using static Provenance.Testing.WritePathHost;

namespace Provenance.Api.Tests.WritePath;

[Collection(ApiCollection.Name)]
public sealed class RateLimitTests(TestPostgres postgres) : IAsyncLifetime
{
    private WritePathHost _host = null!;

    public async Task InitializeAsync() => _host = await WritePathHost.StartAsync(postgres, ("Provenance:RateLimit:WritesPerMinute", "3"));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_key_over_its_write_allowance_gets_429_with_retry_after_and_other_keys_do_not()
    {
        var t = await _host.CreateTranslationAsync();
        var busy = _host.Client(await _host.KeyAsync("Busy Editor", "editor"));
        var calm = _host.Client(await _host.KeyAsync("Calm Editor", "editor"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            // Unchanged resubmissions are writes too: they count.
            statuses.Add((await SubmitAsync(busy, t.TranslationId, new { baseRevisionId = t.RootRevisionId, text = t.Text, summary = "Same" })).StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        var limited = await SubmitAsync(busy, t.TranslationId, new { baseRevisionId = t.RootRevisionId, text = t.Text, summary = "Same" });
        var problem = await HttpAssert.ProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.Contains("retry", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);

        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(calm, t.TranslationId, new { baseRevisionId = t.RootRevisionId, text = t.Text, summary = "Same" })).StatusCode);
        // Reads are not limited.
        Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync($"/api/translations/{t.TranslationId}/text")).StatusCode);
    }
}
