using System.Net;
using Provenance.Testing;
using static Provenance.Testing.WritePathHost;

namespace Provenance.Api.Tests.Reads;

/// <summary>
/// Reads against a real hot standby: each test has its own primary, a standby made with <c>pg_basebackup -R</c>,
/// and the API on both (<c>ConnectionStrings:ProvenanceReplica</c>), the seed imported on the primary.
/// </summary>
public sealed class ReadReplicaTests : IAsyncLifetime
{
    private PrimaryAndStandby _servers = null!;
    private ProvenanceApiFactory _api = null!;

    public async Task InitializeAsync()
    {
        _servers = await PrimaryAndStandby.StartAsync();
        _api = new ProvenanceApiFactory(_servers.PrimaryConnection, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ConnectionStrings:ProvenanceReplica"] = _servers.StandbyConnection,
            ["Provenance:BootstrapAdminKey"] = ProvenanceApiFactory.BootstrapAdminKey,
            ["Provenance:RateLimit:WritesPerMinute"] = "10000",
            // One failed read keeps the standby out for longer than any test runs.
            ["Provenance:ReadReplica:RetryAfter"] = "01:00:00",
            // Every read asks its server: these tests look at which one (RecheckTests, at what a read may skip).
            ["Provenance:Caching:RecheckAfter"] = "00:00:00",
        });
        _ = _api.Server; // migrates and imports the seed on the primary
        await _servers.CatchUpAsync();
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _servers.DisposeAsync();
    }

    [Fact]
    public async Task Reads_are_served_by_the_standby_and_the_primary_serves_none_of_them()
    {
        using var reader = _api.CreateClient();
        var revisions = await HttpAssert.JsonAsync(await reader.GetAsync("/api/translations/1/revisions"));
        var revision = revisions[0].GetProperty("id").GetInt64();

        // With the primary stopped, every one of these reads can only have been answered by the standby.
        await _servers.StopPrimaryAsync();
        foreach (var url in new[]
        {
            "/api/documents", "/api/documents?q=Kennedy", "/api/documents/1", "/api/documents/1/provenance",
            "/api/documents/1/provenance?format=prov-json", "/api/documents/1/citations", "/api/documents/1/citation?style=bibtex",
            "/api/translations/1", "/api/translations/1/revisions", "/api/translations/1/text", "/api/translations/1/timemap",
            $"/api/revisions/{revision}", $"/api/revisions/{revision}/diff/{revision}", $"/api/revisions/{revision}/blame",
        })
        {
            var response = await reader.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("standby", Assert.Single(response.Headers.GetValues("Provenance-Read-Source")));

            // Revalidation is answered by the standby too.
            Assert.Equal(HttpStatusCode.NotModified, (await reader.ConditionalGetAsync(url, response.Headers.ETag!.Tag)).StatusCode);
        }

        var text = await HttpAssert.JsonAsync(await reader.GetAsync("/api/translations/1/text"));
        Assert.Contains("Sorensen", text.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_wrote_reads_from_the_primary_until_the_standby_has_replayed_its_write()
    {
        using var editor = _api.ClientWithKey(await _api.CreateKeyAsync("Ed Editor", "editor"));
        using var reader = _api.CreateClient();
        var current = await HttpAssert.JsonAsync(await reader.GetAsync("/api/translations/1/text"));
        await _servers.CatchUpAsync();

        // The standby stops replaying: whatever is written now, it does not have.
        await _servers.PauseReplayAsync();
        var submitted = await SubmitAsync(editor, 1, new
        {
            baseRevisionId = current.GetProperty("revisionId").GetInt64(),
            text = current.GetProperty("text").GetString() + "\n[Read-your-writes check.]",
            summary = "Replica check",
        });
        var revision = Id(await HttpAssert.JsonAsync(submitted, HttpStatusCode.Created));
        var lsn = Assert.Single(submitted.Headers.GetValues("Provenance-Lsn"));
        Assert.Contains(submitted.Headers.GetValues("Set-Cookie"), c => c.StartsWith($"provenance-lsn={Uri.EscapeDataString(lsn)};", StringComparison.Ordinal));

        // Without the write's position a reader gets the standby, which is behind: the new revision is not there yet.
        var stale = await reader.GetAsync("/api/translations/1/revisions");
        Assert.Equal("standby", Assert.Single(stale.Headers.GetValues("Provenance-Read-Source")));
        Assert.DoesNotContain((await HttpAssert.JsonAsync(stale)).EnumerateArray(), r => r.GetProperty("id").GetInt64() == revision);

        // With it (header or cookie), the primary answers and the write is there.
        foreach (var send in new Action<HttpRequestMessage>[]
        {
            r => r.Headers.Add("Provenance-Lsn", lsn),
            r => r.Headers.Add("Cookie", $"provenance-lsn={lsn}"),
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/translations/1/revisions");
            send(request);
            var fresh = await reader.SendAsync(request);
            Assert.Equal("primary", Assert.Single(fresh.Headers.GetValues("Provenance-Read-Source")));
            Assert.Contains((await HttpAssert.JsonAsync(fresh)).EnumerateArray(), r => r.GetProperty("id").GetInt64() == revision);
        }

        // Once the standby has replayed the write, it serves that client again.
        await _servers.ResumeReplayAsync();
        await _servers.CatchUpAsync();
        using var caughtUp = new HttpRequestMessage(HttpMethod.Get, $"/api/revisions/{revision}");
        caughtUp.Headers.Add("Provenance-Lsn", lsn);
        var response = await reader.SendAsync(caughtUp);
        Assert.Equal("standby", Assert.Single(response.Headers.GetValues("Provenance-Read-Source")));
        Assert.Equal("proposed", (await HttpAssert.JsonAsync(response)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task When_the_standby_is_down_reads_fall_back_to_the_primary()
    {
        using var reader = _api.CreateClient();
        Assert.Equal("standby", Assert.Single((await reader.GetAsync("/api/documents/1")).Headers.GetValues("Provenance-Read-Source")));

        await _servers.StopStandbyAsync();
        foreach (var url in new[] { "/api/documents/1", "/api/documents/1", "/api/translations/1/text", "/api/documents" })
        {
            var response = await reader.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("primary", Assert.Single(response.Headers.GetValues("Provenance-Read-Source")));
        }

        // A client that wrote is not stuck either: the standby cannot be asked, so the primary answers.
        using var editor = _api.ClientWithKey(await _api.CreateKeyAsync("Ed Editor", "editor"));
        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync("/api/me")).StatusCode);
    }
}
