using System.Net;
using Provenance.Api.Hosting;
using Provenance.Api.Tests.Support;
using Provenance.Testing;
using static Provenance.Testing.WritePathHost;

namespace Provenance.Api.Tests.Reads;

/// <summary>
/// Two API instances on one database, as behind a load balancer: an anonymous read may be answered from what its
/// instance read within <c>Provenance:Caching:RecheckAfter</c>, and whoever writes sees their write at once.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class RecheckTests(TestPostgres postgres)
{
    [Fact]
    public async Task Within_the_window_anonymous_reads_ask_no_database_while_a_writer_sees_their_write_through_any_instance()
    {
        await using var a = await WritePathHost.StartAsync(postgres, ("Provenance:Caching:RecheckAfter", "01:00:00"), ("Provenance:RateLimit:WritesPerMinute", "10000"));
        await using var b = a.Api.AnotherInstance();
        var (editorKey, reviewerKey) = (await a.KeyAsync("Ed Editor", "editor"), await a.KeyAsync("Rita Reviewer", "reviewer"));
        using var reader = a.Client();
        using var editorOnA = a.Client(editorKey);
        var t = await a.CreateTranslationAsync();
        var documentUrl = $"/api/documents/{t.DocumentId}";
        var revisionUrl = $"/api/revisions/{t.RootRevisionId}";
        var before = (await reader.GetAsync(documentUrl)).Headers.ETag;
        Assert.DoesNotContain("next memento", Links(await reader.GetAsync(revisionUrl)), StringComparison.Ordinal);

        var second = await PublishedEditThroughAsync(b, editorKey, reviewerKey, t);

        // The other instance's write is not seen by anonymous readers of this one within the window, as from a standby
        // that far behind: they are answered from what this instance read, without a query.
        Assert.Equal(before, (await reader.GetAsync(documentUrl)).Headers.ETag);
        Assert.DoesNotContain("next memento", Links(await reader.GetAsync(revisionUrl)), StringComparison.Ordinal);

        // The writer holds a key, and a keyed read always asks: it sees its write through this instance at once.
        var keyed = await editorOnA.GetAsync(documentUrl);
        Assert.NotEqual(before, keyed.Headers.ETag);
        Assert.Contains((await HttpAssert.JsonAsync(keyed)).GetProperty("translations").EnumerateArray(), x => x.GetProperty("currentRevisionId").GetInt64() == second);
        Assert.Contains($"/api/revisions/{second}>; rel=\"next memento\"", Links(await editorOnA.GetAsync(revisionUrl)), StringComparison.Ordinal);

        // So does a read that names its last write's position (the header a write answers with when there is a standby).
        using (var positioned = new HttpRequestMessage(HttpMethod.Get, documentUrl))
        {
            positioned.Headers.Add(ReadRouting.LsnHeader, "0/1");
            Assert.Equal(keyed.Headers.ETag, (await reader.SendAsync(positioned)).Headers.ETag);
        }

        // Any write through this instance ends the window for every path at once.
        Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(editorOnA, t.TranslationId, new
        {
            baseRevisionId = second, text = Edit(Edit(t.Text, "We talked alone.", "We spoke alone."), "He left", "He went"), summary = "left → went",
        })).StatusCode);
        var after = await reader.GetAsync(documentUrl);
        Assert.NotEqual(keyed.Headers.ETag, after.Headers.ETag);
        Assert.Equal((await editorOnA.GetAsync(documentUrl)).Headers.ETag, after.Headers.ETag);
        Assert.Contains($"/api/revisions/{second}>; rel=\"next memento\"", Links(await reader.GetAsync(revisionUrl)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_the_window_has_passed_anonymous_reads_see_the_other_instances_writes()
    {
        var window = TimeSpan.FromMilliseconds(300);
        await using var a = await WritePathHost.StartAsync(postgres, ("Provenance:Caching:RecheckAfter", window.ToString()), ("Provenance:RateLimit:WritesPerMinute", "10000"));
        await using var b = a.Api.AnotherInstance();
        var (editorKey, reviewerKey) = (await a.KeyAsync("Ed Editor", "editor"), await a.KeyAsync("Rita Reviewer", "reviewer"));
        using var reader = a.Client();
        var t = await a.CreateTranslationAsync();
        var documentUrl = $"/api/documents/{t.DocumentId}";
        var revisionUrl = $"/api/revisions/{t.RootRevisionId}";
        var before = await reader.GetAsync(documentUrl);
        Assert.DoesNotContain("next memento", Links(await reader.GetAsync(revisionUrl)), StringComparison.Ordinal);

        var second = await PublishedEditThroughAsync(b, editorKey, reviewerKey, t);
        await Task.Delay(window * 2);

        var after = await reader.GetAsync(documentUrl);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
        Assert.Contains((await HttpAssert.JsonAsync(after)).GetProperty("translations").EnumerateArray(), x => x.GetProperty("currentRevisionId").GetInt64() == second);
        Assert.Equal(HttpStatusCode.NotModified, (await reader.ConditionalGetAsync(documentUrl, after.Headers.ETag!.Tag)).StatusCode);
        Assert.Contains($"/api/revisions/{second}>; rel=\"next memento\"", Links(await reader.GetAsync(revisionUrl)), StringComparison.Ordinal);
    }

    /// <summary>An edit submitted and approved through <paramref name="instance"/> by two keys of its database.</summary>
    private static async Task<long> PublishedEditThroughAsync(ProvenanceApiFactory instance, string editorKey, string reviewerKey, Seeded t)
    {
        using var editor = instance.ClientWithKey(editorKey);
        using var reviewer = instance.ClientWithKey(reviewerKey);
        var revision = Id(await HttpAssert.JsonAsync(await SubmitAsync(editor, t.TranslationId, new
        {
            baseRevisionId = t.RootRevisionId, text = Edit(t.Text, "We talked alone.", "We spoke alone."), summary = "talked → spoke",
        }), HttpStatusCode.Created));
        Assert.Equal(HttpStatusCode.OK, (await ReviewAsync(reviewer, revision, "approve")).StatusCode);
        return revision;
    }

    private static string Links(HttpResponseMessage response) =>
        string.Join(", ", response.Headers.TryGetValues("Link", out var links) ? links : []);
}
