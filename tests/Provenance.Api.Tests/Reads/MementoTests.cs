using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using Provenance.Api.Tests.Support;
using Provenance.Testing;
using static Provenance.Testing.WritePathHost;

namespace Provenance.Api.Tests.Reads;

/// <summary>RFC 7089 over a translation with three published revisions (and one proposed) through HTTP.</summary>
[Collection(ApiCollection.Name)]
public sealed class MementoTests(UnthrottledWritePathHost host) : IClassFixture<UnthrottledWritePathHost>, IAsyncLifetime
{
    // When each revision became published. The approvals run now; the test then dates them, as an archive
    // migrated with its history would be, so that "between" and "after" mean fixed instants.
    private static readonly DateTimeOffset[] Published =
    [
        new(1998, 3, 1, 9, 0, 0, TimeSpan.Zero),
        new(2004, 6, 15, 12, 30, 0, TimeSpan.Zero),
        new(2019, 11, 2, 18, 45, 10, TimeSpan.Zero),
    ];

    private HttpClient _reader = null!;
    private Seeded _t = null!;
    private long[] _ids = [];
    private long _proposed;

    public async Task InitializeAsync()
    {
        var editor = host.Client(await host.KeyAsync("Ed Editor", "editor"));
        var reviewer = host.Client(await host.KeyAsync("Rita Reviewer", "reviewer"));
        _reader = host.Api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        _t = await host.CreateTranslationAsync();
        var ids = new List<long> { _t.RootRevisionId };
        var text = _t.Text;
        foreach (var (from, to) in new[] { ("We talked alone.", "We spoke alone."), ("He left for the White House.", "He went to the White House."), ("TOP SECRET", "SECRET") })
        {
            text = Edit(text, from, to);
            var id = Id(await HttpAssert.JsonAsync(await SubmitAsync(editor, _t.TranslationId, new { baseRevisionId = ids[^1], text, summary = to }), HttpStatusCode.Created));
            ids.Add(id);
        }

        _proposed = ids[^1];
        Assert.Equal(HttpStatusCode.OK, (await ReviewAsync(reviewer, ids[1], "approve")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ReviewAsync(reviewer, ids[2], "approve")).StatusCode);
        _ids = [ids[0], ids[1], ids[2]];

        await using var connection = new NpgsqlConnection(host.Api.ConnectionString);
        await connection.OpenAsync();
        for (var i = 0; i < _ids.Length; i++)
        {
            await using var date = new NpgsqlCommand("UPDATE revisions SET created_at = $2, reviewed_at = CASE WHEN reviewed_at IS NULL THEN NULL ELSE $2 END WHERE id = $1", connection);
            date.Parameters.Add(new NpgsqlParameter { Value = _ids[i] });
            date.Parameters.Add(new NpgsqlParameter { Value = Published[i] });
            await date.ExecuteNonQueryAsync();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_original_links_its_timegate_and_timemap()
    {
        var response = await _reader.GetAsync($"/api/translations/{_t.TranslationId}/text");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var link = string.Join(", ", response.Headers.GetValues("Link"));
        Assert.Contains($"</api/translations/{_t.TranslationId}/timegate>; rel=\"timegate\"", link, StringComparison.Ordinal);
        Assert.Contains($"</api/translations/{_t.TranslationId}/timemap>; rel=\"timemap\"", link, StringComparison.Ordinal);
        Assert.Contains($"</api/translations/{_t.TranslationId}/text>; rel=\"original\"", link, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Thu, 01 Jan 1970 00:00:00 GMT", 0)] // before the first memento: the first
    [InlineData("Sun, 01 Mar 1998 09:00:00 GMT", 0)] // exactly the first
    [InlineData("Sat, 01 Jan 2000 00:00:00 GMT", 0)] // between the first and the second
    [InlineData("Tue, 15 Jun 2004 12:29:59 GMT", 0)] // a second before the second
    [InlineData("Tue, 15 Jun 2004 12:30:00 GMT", 1)] // exactly the second
    [InlineData("Fri, 01 Jan 2010 00:00:00 GMT", 1)] // between the second and the third
    [InlineData("Wed, 01 Jan 2200 00:00:00 GMT", 2)] // after the last: the last
    public async Task The_timegate_redirects_to_the_revision_published_at_that_time(string acceptDatetime, int expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/translations/{_t.TranslationId}/timegate");
        request.Headers.TryAddWithoutValidation("Accept-Datetime", acceptDatetime);
        var response = await _reader.SendAsync(request);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal($"/api/revisions/{_ids[expected]}", response.Headers.Location?.OriginalString);
        Assert.Contains("accept-datetime", response.Headers.Vary);
        var link = string.Join(", ", response.Headers.GetValues("Link"));
        Assert.Contains("rel=\"original\"", link, StringComparison.Ordinal);
        Assert.Contains("rel=\"timemap\"", link, StringComparison.Ordinal);
        Assert.Contains($"</api/revisions/{_ids[expected]}>;", link, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_accept_datetime_the_timegate_redirects_to_the_newest_published_revision()
    {
        var response = await _reader.GetAsync($"/api/translations/{_t.TranslationId}/timegate");
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal($"/api/revisions/{_ids[2]}", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2004-06-15T12:30:00Z")]
    [InlineData("Tue, 32 Jun 2004 12:30:00 GMT")]
    public async Task An_unparseable_accept_datetime_is_400(string acceptDatetime)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/translations/{_t.TranslationId}/timegate");
        request.Headers.TryAddWithoutValidation("Accept-Datetime", acceptDatetime);
        var problem = await HttpAssert.ProblemAsync(await _reader.SendAsync(request), HttpStatusCode.BadRequest);
        Assert.Contains("Accept-Datetime", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_timemap_lists_every_published_revision_with_its_time()
    {
        var response = await _reader.GetAsync($"/api/translations/{_t.TranslationId}/timemap");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/link-format", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains($"</api/revisions/{_ids[0]}>; rel=\"first memento\"; datetime=\"Sun, 01 Mar 1998 09:00:00 GMT\"", body, StringComparison.Ordinal);
        Assert.Contains($"</api/revisions/{_ids[1]}>; rel=\"memento\"; datetime=\"Tue, 15 Jun 2004 12:30:00 GMT\"", body, StringComparison.Ordinal);
        Assert.Contains($"</api/revisions/{_ids[2]}>; rel=\"last memento\"; datetime=\"Sat, 02 Nov 2019 18:45:10 GMT\"", body, StringComparison.Ordinal);
        Assert.Contains("rel=\"timegate\"", body, StringComparison.Ordinal);
        Assert.Contains("rel=\"original\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain($"/api/revisions/{_proposed}>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_memento_carries_its_datetime_and_links_to_its_neighbours()
    {
        var response = await _reader.GetAsync($"/api/revisions/{_ids[1]}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Tue, 15 Jun 2004 12:30:00 GMT", Assert.Single(response.Headers.GetValues("Memento-Datetime")));
        var link = string.Join(", ", response.Headers.GetValues("Link"));
        Assert.Contains($"</api/translations/{_t.TranslationId}/text>; rel=\"original\"", link, StringComparison.Ordinal);
        Assert.Contains($"</api/translations/{_t.TranslationId}/timegate>; rel=\"timegate\"", link, StringComparison.Ordinal);
        Assert.Contains($"</api/translations/{_t.TranslationId}/timemap>; rel=\"timemap\"", link, StringComparison.Ordinal);
        Assert.Contains($"</api/revisions/{_ids[0]}>; rel=\"first prev memento\"", link, StringComparison.Ordinal);
        Assert.Contains($"</api/revisions/{_ids[1]}>; rel=\"memento\"", link, StringComparison.Ordinal);
        Assert.Contains($"</api/revisions/{_ids[2]}>; rel=\"next memento\"", link, StringComparison.Ordinal);
        // Immutable answers name no last memento: a newer publication would make it false in every cache.
        Assert.DoesNotContain("last", link, StringComparison.Ordinal);

        // A proposed revision was never published: no memento, but still linked to where the mementos are.
        var proposed = await _reader.GetAsync($"/api/revisions/{_proposed}");
        Assert.False(proposed.Headers.Contains("Memento-Datetime"));
        Assert.Contains("rel=\"timemap\"", string.Join(", ", proposed.Headers.GetValues("Link")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pinned_citation_names_the_memento_it_quotes()
    {
        var response = await _reader.GetAsync($"/api/documents/{_t.DocumentId}/citation?revision={_ids[1]}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"</api/revisions/{_ids[1]}>; rel=\"memento\"; datetime=\"Tue, 15 Jun 2004 12:30:00 GMT\"",
            string.Join(", ", response.Headers.GetValues("Link")), StringComparison.Ordinal);
    }
}
