using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Provenance.Api.Caching;
using Provenance.Api.Tests.Support;
using Provenance.Testing;
using static Provenance.Testing.WritePathHost;

namespace Provenance.Api.Tests.Reads;

/// <summary>RFC 9110/9111 through HTTP: validators, 304s, lifetimes, and what a write does to them.</summary>
[Collection(ApiCollection.Name)]
public sealed class HttpCachingTests(UnthrottledWritePathHost host) : IClassFixture<UnthrottledWritePathHost>, IAsyncLifetime
{
    private const string Immutable = "public, max-age=31536000, immutable";
    private const string Revalidate = "public, no-cache";
    private HttpClient _editor = null!;
    private HttpClient _reviewer = null!;
    private HttpClient _reader = null!;

    public async Task InitializeAsync()
    {
        _editor = host.Client(await host.KeyAsync("Ed Editor", "editor"));
        _reviewer = host.Client(await host.KeyAsync("Rita Reviewer", "reviewer"));
        _reader = host.Client();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Reviewed_revisions_their_diffs_and_blame_are_immutable_and_revalidate_with_304()
    {
        var t = await host.CreateTranslationAsync();
        var second = await ApprovedEditAsync(t, "We talked alone.", "We spoke alone.");

        foreach (var url in new[]
        {
            $"/api/revisions/{t.RootRevisionId}",
            $"/api/revisions/{second}",
            $"/api/revisions/{t.RootRevisionId}/diff/{second}",
            $"/api/revisions/{t.RootRevisionId}/diff/{second}?format=unified",
            $"/api/revisions/{second}/blame?granularity=sentence",
        })
        {
            var response = await _reader.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var etag = response.Headers.ETag;
            Assert.True(etag is { IsWeak: false }, $"{url}: a strong ETag");
            Assert.Equal(Immutable, response.Headers.CacheControl?.ToString());

            var again = await ConditionalGetAsync(url, etag!.Tag);
            Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
            Assert.Equal(etag, again.Headers.ETag);
            Assert.Equal(Immutable, again.Headers.CacheControl?.ToString());
            Assert.Empty(await again.Content.ReadAsByteArrayAsync());

            // A tag of another representation is no match: the full answer comes back.
            Assert.Equal(HttpStatusCode.OK, (await ConditionalGetAsync(url, "\"rev-1-0000000000000000\"")).StatusCode);
        }

        // The tag is built from the text's hash.
        var revision = await HttpAssert.JsonAsync(await _reader.GetAsync($"/api/revisions/{second}"));
        var tag = (await _reader.GetAsync($"/api/revisions/{second}")).Headers.ETag!.Tag;
        Assert.Contains(revision.GetProperty("sha256").GetString()![..16], tag, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proposed_revision_is_revalidated_and_its_review_changes_its_tag()
    {
        var t = await host.CreateTranslationAsync();
        var proposed = Id(await HttpAssert.JsonAsync(await SubmitAsync(_editor, t.TranslationId,
            new { baseRevisionId = t.RootRevisionId, text = Edit(t.Text, "We talked alone.", "We spoke alone."), summary = "Wording" }), HttpStatusCode.Created));
        var url = $"/api/revisions/{proposed}";

        var before = await _reader.GetAsync(url);
        Assert.Equal(Revalidate, before.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.NotModified, (await ConditionalGetAsync(url, before.Headers.ETag!.Tag)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await ReviewAsync(_reviewer, proposed, "approve")).StatusCode);
        var after = await ConditionalGetAsync(url, before.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
        Assert.Equal(Immutable, after.Headers.CacheControl?.ToString());
        Assert.Equal("approved", (await HttpAssert.JsonAsync(after)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Changing_resources_answer_304_until_a_write_changes_them()
    {
        var t = await host.CreateTranslationAsync();
        var urls = new[]
        {
            "/api/documents",
            "/api/documents?q=Kennedy",
            $"/api/documents/{t.DocumentId}",
            $"/api/documents/{t.DocumentId}/provenance",
            $"/api/documents/{t.DocumentId}/provenance?format=prov-json",
            $"/api/documents/{t.DocumentId}/citations",
            $"/api/documents/{t.DocumentId}/citation?style=bibtex",
            $"/api/documents/{t.DocumentId}/citation?revision={t.RootRevisionId}",
            $"/api/translations/{t.TranslationId}",
            $"/api/translations/{t.TranslationId}/revisions",
            $"/api/translations/{t.TranslationId}/text",
            $"/api/translations/{t.TranslationId}/timemap",
        };

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var url in urls)
        {
            var response = await _reader.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
            Assert.True(response.Headers.ETag is { IsWeak: false }, $"{url}: a strong ETag");
            Assert.Equal(Revalidate, response.Headers.CacheControl?.ToString());
            tags[url] = response.Headers.ETag!.Tag;

            var again = await ConditionalGetAsync(url, tags[url]);
            Assert.True(again.StatusCode == HttpStatusCode.NotModified, $"{url}: {again.StatusCode}");
            Assert.Equal(tags[url], again.Headers.ETag?.Tag);
            Assert.Empty(await again.Content.ReadAsByteArrayAsync());
            Assert.Equal(HttpStatusCode.NotModified, (await ConditionalGetAsync(url, "*")).StatusCode);
        }

        // A published edit changes every one of them: the old tags no longer match.
        await ApprovedEditAsync(t, "We talked alone.", "We spoke alone.");
        foreach (var url in urls)
        {
            var response = await ConditionalGetAsync(url, tags[url]);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode} after a write");
            Assert.NotEqual(tags[url], response.Headers.ETag?.Tag);
        }

        var text = await HttpAssert.JsonAsync(await _reader.GetAsync($"/api/translations/{t.TranslationId}/text"));
        Assert.Contains("We spoke alone.", text.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_published_text_tag_is_a_base_for_if_match()
    {
        var t = await host.CreateTranslationAsync();
        var tag = (await _reader.GetAsync($"/api/translations/{t.TranslationId}/text")).Headers.ETag!.Tag;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/translations/{t.TranslationId}/revisions")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { text = t.Text + "\nPostscript.", summary = "Postscript" }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", tag);
        var created = await HttpAssert.JsonAsync(await _editor.SendAsync(request), HttpStatusCode.Created);
        Assert.Equal(t.RootRevisionId, created.GetProperty("parentId").GetInt64());
    }

    [Fact]
    public async Task Missing_resources_are_404_with_or_without_if_none_match()
    {
        foreach (var url in new[] { "/api/revisions/999999", "/api/documents/999999", "/api/translations/999999/text", "/api/revisions/999999/blame" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await ConditionalGetAsync(url, "*")).StatusCode);
        }
    }

    [Fact]
    public async Task A_row_damaged_after_its_text_was_cached_is_found_by_the_verifier_and_then_refused()
    {
        var t = await host.CreateTranslationAsync();
        var second = await ApprovedEditAsync(t, "We talked alone.", "We spoke alone.");
        var third = await ApprovedEditAsync(t, "He left for the White House.", "He went to the White House.");
        var url = $"/api/revisions/{third}";
        var first = await _reader.GetAsync(url);
        var text = (await HttpAssert.JsonAsync(first)).GetProperty("text").GetString();
        var etag = first.Headers.ETag!.Tag;

        await using (var connection = new NpgsqlConnection(host.Api.ConnectionString))
        {
            await connection.OpenAsync();
            await using var tamper = new NpgsqlCommand(
                "UPDATE revisions SET delta = overlay(delta placing '\\x5a'::bytea from length(delta) for 1) WHERE id = $1 AND delta IS NOT NULL", connection);
            tamper.Parameters.Add(new NpgsqlParameter { Value = third });
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync());
        }

        // Until the verifier runs, the cached text is served: it is the text whose hash the row stores, never a wrong one.
        Assert.Equal(text, (await HttpAssert.JsonAsync(await _reader.GetAsync(url))).GetProperty("text").GetString());

        var damaged = await host.Api.Services.GetRequiredService<RevisionTextVerifier>().VerifyAsync(CancellationToken.None);
        Assert.Equal([third], damaged);

        var refused = await _reader.GetAsync(url);
        Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Null(refused.Headers.ETag);
        Assert.Equal(HttpStatusCode.InternalServerError, (await _reader.GetAsync($"/api/revisions/{second}/diff/{third}")).StatusCode);

        // A 304 is answered from the validator alone: the damaged text is not rebuilt for it.
        Assert.Equal(HttpStatusCode.NotModified, (await ConditionalGetAsync(url, etag)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _reader.GetAsync($"/api/revisions/{second}")).StatusCode);
    }

    [Fact]
    public async Task An_immutable_tag_once_read_is_revalidated_without_the_database_while_a_200_checks_the_row_again()
    {
        var t = await host.CreateTranslationAsync();
        var second = await ApprovedEditAsync(t, "We talked alone.", "We spoke alone.");
        var urls = new[] { $"/api/revisions/{second}", $"/api/revisions/{second}/blame", $"/api/revisions/{t.RootRevisionId}/diff/{second}" };
        var tags = new Dictionary<string, string>();
        foreach (var url in urls)
        {
            tags[url] = (await _reader.GetAsync(url)).Headers.ETag!.Tag;
        }

        // Damage the stored hash: the database would now give every one of these a different tag.
        await using (var connection = new NpgsqlConnection(host.Api.ConnectionString))
        {
            await connection.OpenAsync();
            await using var tamper = new NpgsqlCommand("UPDATE revisions SET sha256 = repeat('0', 64) WHERE id = $1", connection);
            tamper.Parameters.Add(new NpgsqlParameter { Value = second });
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync());
        }

        // A client's copy was checked when it was sent and an immutable tag never changes, so it still revalidates.
        foreach (var url in urls)
        {
            var again = await ConditionalGetAsync(url, tags[url]);
            Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
            Assert.Equal(tags[url], again.Headers.ETag!.Tag);
            Assert.Equal(Immutable, again.Headers.CacheControl?.ToString());
        }

        // Once its instance's window has passed, an anonymous read asks for the row as stored again, and a keyed one
        // always does: the damage is refused.
        await Task.Delay(host.Api.Services.GetRequiredService<IOptions<CachingOptions>>().Value.RecheckAfter * 2);
        var refused = await _reader.GetAsync(urls[0]);
        Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using var keyed = host.Client(await host.KeyAsync("Kay Keyed", "editor"));
        Assert.Equal(HttpStatusCode.InternalServerError, (await keyed.GetAsync(urls[0])).StatusCode);
    }

    [Fact]
    public async Task A_repeat_read_is_answered_from_the_kept_body_until_a_write_changes_the_tag()
    {
        var t = await host.CreateTranslationAsync();
        var documentUrl = $"/api/documents/{t.DocumentId}";
        var first = await _reader.GetAsync(documentUrl);
        var body = await first.Content.ReadAsStringAsync();

        // A change that bypasses the write path (no audit event) leaves the tag as it was: the kept body is answered.
        await using (var connection = new NpgsqlConnection(host.Api.ConnectionString))
        {
            await connection.OpenAsync();
            await using var sneak = new NpgsqlCommand("UPDATE documents SET title = 'Changed behind the write path' WHERE id = $1", connection);
            sneak.Parameters.Add(new NpgsqlParameter { Value = t.DocumentId });
            Assert.Equal(1, await sneak.ExecuteNonQueryAsync());
        }

        var again = await _reader.GetAsync(documentUrl);
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        Assert.Equal(body, await again.Content.ReadAsStringAsync());
        Assert.Equal("application/json", again.Content.Headers.ContentType?.MediaType);

        // A write has a new tag, so the next read is built afresh (and sees the row as it is).
        var second = await ApprovedEditAsync(t, "We talked alone.", "We spoke alone.");
        var after = await _reader.GetAsync(documentUrl);
        Assert.NotEqual(first.Headers.ETag, after.Headers.ETag);
        var detail = await HttpAssert.JsonAsync(after);
        Assert.Equal("Changed behind the write path", detail.GetProperty("title").GetString());
        Assert.Contains(detail.GetProperty("translations").EnumerateArray(), x => x.GetProperty("currentRevisionId").GetInt64() == second);

        // A revision: the same bytes again. Its answer is immutable, so its Memento links never call it the last
        // (a cache would keep that for a year); once a newer revision is published they name it as next at once.
        var revisionUrl = $"/api/revisions/{second}";
        var revision = await _reader.GetAsync(revisionUrl);
        var repeat = await _reader.GetAsync(revisionUrl);
        Assert.Equal(await revision.Content.ReadAsStringAsync(), await repeat.Content.ReadAsStringAsync());
        Assert.Equal(revision.Headers.GetValues("Link"), repeat.Headers.GetValues("Link"));
        var before = string.Join(", ", repeat.Headers.GetValues("Link"));
        Assert.Contains($"/api/revisions/{second}>; rel=\"memento\"", before, StringComparison.Ordinal);
        Assert.DoesNotContain("last", before, StringComparison.Ordinal);
        Assert.DoesNotContain("next", before, StringComparison.Ordinal);

        var third = await ApprovedEditAsync(t, "He left for the White House.", "He went to the White House.");
        var links = string.Join(", ", (await _reader.GetAsync(revisionUrl)).Headers.GetValues("Link"));
        Assert.Contains($"/api/revisions/{third}>; rel=\"next memento\"", links, StringComparison.Ordinal);
        Assert.DoesNotContain("last", links, StringComparison.Ordinal);
        var timeMap = await (await _reader.GetAsync($"/api/translations/{t.TranslationId}/timemap")).Content.ReadAsStringAsync();
        Assert.Contains($"/api/revisions/{third}>; rel=\"last memento\"", timeMap, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Head_answers_every_read_with_the_headers_of_its_get_and_no_body()
    {
        var t = await host.CreateTranslationAsync();
        var second = await ApprovedEditAsync(t, "We talked alone.", "We spoke alone.");
        foreach (var url in new[]
        {
            $"/api/documents/{t.DocumentId}",
            "/api/documents?q=Kennedy",
            $"/api/revisions/{second}",
            $"/api/revisions/{t.RootRevisionId}/diff/{second}",
            $"/api/revisions/{second}/blame",
            $"/api/translations/{t.TranslationId}/text",
            $"/api/translations/{t.TranslationId}/timemap",
            "/",
        })
        {
            var get = await _reader.GetAsync(url);
            using var request = new HttpRequestMessage(HttpMethod.Head, url);
            var head = await _reader.SendAsync(request);
            Assert.True(head.StatusCode == HttpStatusCode.OK, $"HEAD {url}: {head.StatusCode}");
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
            Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
            Assert.Equal(get.Headers.ETag, head.Headers.ETag);
            Assert.Equal(get.Headers.CacheControl, head.Headers.CacheControl);
            Assert.Equal(get.Headers.TryGetValues("Link", out var links) ? links : [], head.Headers.TryGetValues("Link", out var headLinks) ? headLinks : []);

            if (get.Headers.ETag is { } etag)
            {
                using var conditional = new HttpRequestMessage(HttpMethod.Head, url);
                conditional.Headers.IfNoneMatch.Add(etag);
                Assert.Equal(HttpStatusCode.NotModified, (await _reader.SendAsync(conditional)).StatusCode);
            }
        }

        // The TimeGate negotiates for HEAD as for GET; a missing resource and a write-only route say so.
        using (var timeGate = new HttpRequestMessage(HttpMethod.Head, $"/api/translations/{t.TranslationId}/timegate"))
        {
            timeGate.Headers.TryAddWithoutValidation("Accept-Datetime", "Thu, 01 Jan 1970 00:00:00 GMT");
            using var noRedirects = host.Api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var found = await noRedirects.SendAsync(timeGate);
            Assert.Equal(HttpStatusCode.Found, found.StatusCode);
            Assert.EndsWith($"/api/revisions/{t.RootRevisionId}", found.Headers.Location?.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await _reader.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/revisions/999999"))).StatusCode);
        var writeOnly = await _reader.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/diff"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, writeOnly.StatusCode);
    }

    private Task<HttpResponseMessage> ConditionalGetAsync(string url, string etag) => _reader.ConditionalGetAsync(url, etag);

    /// <summary>Submits an edit of the newest text (an editor) and approves it (a reviewer); returns its id.</summary>
    private async Task<long> ApprovedEditAsync(Seeded t, string from, string to)
    {
        var current = await HttpAssert.JsonAsync(await _reader.GetAsync($"/api/translations/{t.TranslationId}/text"));
        var revision = Id(await HttpAssert.JsonAsync(await SubmitAsync(_editor, t.TranslationId, new
        {
            baseRevisionId = current.GetProperty("revisionId").GetInt64(),
            text = Edit(current.GetProperty("text").GetString()!, from, to),
            summary = $"{from} → {to}",
        }), HttpStatusCode.Created));
        Assert.Equal(HttpStatusCode.OK, (await ReviewAsync(_reviewer, revision, "approve")).StatusCode);
        return revision;
    }
}
