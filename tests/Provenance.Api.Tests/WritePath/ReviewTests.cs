using System.Net;
using System.Text.Json;
using Provenance.Api.Tests.Support;
using Provenance.Data.Entities;
using Provenance.Testing;
using static Provenance.Testing.WritePathHost;

namespace Provenance.Api.Tests.WritePath;

[Collection(ApiCollection.Name)]
public sealed class ReviewTests(WritePathHost host) : IClassFixture<WritePathHost>, IAsyncLifetime
{
    private HttpClient _editor = null!;
    private HttpClient _reviewer = null!;

    public async Task InitializeAsync()
    {
        _editor = host.Client(await host.KeyAsync("Ed Editor", "editor"));
        _reviewer = host.Client(await host.KeyAsync("Rita Reviewer", "reviewer"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonElement> SubmitAsync(Seeded t, long baseId, string text, string summary = "Edit") =>
        await HttpAssert.JsonAsync(await WritePathHost.SubmitAsync(_editor, t.TranslationId, new { baseRevisionId = baseId, text, summary }), HttpStatusCode.Created);

    [Fact]
    public async Task Approving_publishes_the_revision_and_supersedes_older_proposed_ones()
    {
        var t = await host.CreateTranslationAsync();
        var second = await SubmitAsync(t, t.RootRevisionId, Edit(t.Text, "We talked alone.", "We spoke alone."));
        var third = await SubmitAsync(t, Id(second), Edit(second.GetProperty("text").GetString()!, "He left", "He then left"));

        // Readers still see the published (imported) text.
        var before = await HttpAssert.JsonAsync(await host.Client().GetAsync($"/api/translations/{t.TranslationId}/text"));
        Assert.Equal(t.RootRevisionId, before.GetProperty("revisionId").GetInt64());
        Assert.Equal(t.Text, before.GetProperty("text").GetString());

        var approved = await HttpAssert.JsonAsync(await ReviewAsync(_reviewer, Id(third), "approve", "Matches the original."));
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.Equal("Rita Reviewer", approved.GetProperty("reviewer").GetString());
        Assert.Equal("Matches the original.", approved.GetProperty("reviewComment").GetString());

        var translation = await HttpAssert.JsonAsync(await host.Client().GetAsync($"/api/translations/{t.TranslationId}"));
        Assert.Equal(Id(third), translation.GetProperty("currentRevisionId").GetInt64());
        Assert.Equal(Id(third), translation.GetProperty("headRevisionId").GetInt64());

        var after = await HttpAssert.JsonAsync(await host.Client().GetAsync($"/api/translations/{t.TranslationId}/text"));
        Assert.Equal(Id(third), after.GetProperty("revisionId").GetInt64());
        Assert.Contains("He then left", after.GetProperty("text").GetString(), StringComparison.Ordinal);

        var history = await host.HistoryAsync(t.TranslationId);
        Assert.Equal([RevisionStatus.Approved, RevisionStatus.Superseded, RevisionStatus.Approved], history.Select(r => r.Status));

        var audit = (await host.AuditAsync(t.DocumentId)).Last();
        Assert.Equal(("revision.reviewed", "Rita Reviewer", Id(third)), (audit.Action, audit.ActorName, audit.EntityId!.Value));
        using var details = JsonDocument.Parse(audit.Details);
        Assert.Equal("approve", details.RootElement.GetProperty("decision").GetString());
        Assert.True(details.RootElement.GetProperty("published").GetBoolean());
        Assert.Equal([Id(second)], details.RootElement.GetProperty("supersededRevisionIds").EnumerateArray().Select(e => e.GetInt64()));

        // A superseded revision is not reviewed any more.
        await HttpAssert.ProblemAsync(await ReviewAsync(_reviewer, Id(second), "approve"), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Approving_puts_the_published_text_into_search_and_proposing_does_not()
    {
        var t = await host.CreateTranslationAsync();
        var proposed = await SubmitAsync(t, t.RootRevisionId, Edit(t.Text, "He left for the White House.", "He left for Zanzibar."));
        var search = $"/api/documents?q=Zanzibar";
        Assert.Equal(0, (await HttpAssert.JsonAsync(await host.Client().GetAsync(search))).GetProperty("total").GetInt32());

        await HttpAssert.JsonAsync(await ReviewAsync(_reviewer, Id(proposed), "approve"));
        var found = await HttpAssert.JsonAsync(await host.Client().GetAsync(search));
        Assert.Equal(t.DocumentId, Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Rejecting_needs_a_comment_and_leaves_the_published_revision()
    {
        var t = await host.CreateTranslationAsync();
        var proposed = await SubmitAsync(t, t.RootRevisionId, Edit(t.Text, "TOP SECRET", "SECRET"));

        var problem = await HttpAssert.ProblemAsync(await ReviewAsync(_reviewer, Id(proposed), "reject"), HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("comment", out _));

        var rejected = await HttpAssert.JsonAsync(await ReviewAsync(_reviewer, Id(proposed), "reject", "The original is marked TOP SECRET."));
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        var translation = await host.TranslationAsync(t.TranslationId);
        Assert.Equal(t.RootRevisionId, translation.CurrentRevisionId);
        Assert.Equal(Id(proposed), translation.HeadRevisionId);

        // Reviewed once is reviewed for good.
        var again = await HttpAssert.ProblemAsync(await ReviewAsync(_reviewer, Id(proposed), "approve"), HttpStatusCode.Conflict);
        Assert.Equal("rejected", again.GetProperty("revisionStatus").GetString());
        Assert.Equal(["revision.submitted", "revision.reviewed"], (await host.AuditAsync(t.DocumentId)).Select(e => e.Action));
    }

    [Fact]
    public async Task The_imported_approved_revision_cannot_be_reviewed_again()
    {
        var t = await host.CreateTranslationAsync();
        await HttpAssert.ProblemAsync(await ReviewAsync(_reviewer, t.RootRevisionId, "approve"), HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("""{ "decision": "maybe", "comment": "c" }""", "decision")]
    [InlineData("""{ "comment": "c" }""", "decision")]
    [InlineData("""{ "decision": "approve", "comment": 5 }""", "comment")]
    [InlineData("""{ "decision": "approve", "comment": "LONG" }""", "comment")]
    public async Task Invalid_reviews_are_422_naming_the_field(string body, string field)
    {
        var t = await host.CreateTranslationAsync();
        var proposed = await SubmitAsync(t, t.RootRevisionId, t.Text + "\nMore.");
        var content = new StringContent(body.Replace("LONG", new string('c', 4001), StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json");
        var problem = await HttpAssert.ProblemAsync(await _reviewer.PostAsync($"/api/revisions/{Id(proposed)}/review", content), HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(RevisionStatus.Proposed, (await host.HistoryAsync(t.TranslationId))[1].Status);
    }

    [Fact]
    public async Task Reviewing_an_unknown_revision_is_404()
    {
        await HttpAssert.ProblemAsync(await ReviewAsync(_reviewer, 99_999_999, "approve"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_head_text_is_for_editors_and_reviewers_only()
    {
        var t = await host.CreateTranslationAsync();
        var proposed = await SubmitAsync(t, t.RootRevisionId, t.Text + "\nUnreviewed.");
        var url = $"/api/translations/{t.TranslationId}/text?revision=head";

        await HttpAssert.ProblemAsync(await host.Client().GetAsync(url), HttpStatusCode.Unauthorized);
        var adminOnly = host.Client(await host.KeyAsync("Key admin", "admin"));
        var head = await HttpAssert.JsonAsync(await adminOnly.GetAsync(url));
        Assert.Equal(Id(proposed), head.GetProperty("revisionId").GetInt64());

        foreach (var client in new[] { _editor, _reviewer })
        {
            var response = await client.GetAsync(url);
            var text = await HttpAssert.JsonAsync(response);
            Assert.Equal(Id(proposed), text.GetProperty("revisionId").GetInt64());
            Assert.True(text.GetProperty("head").GetBoolean());
            Assert.False(text.GetProperty("published").GetBoolean());
            Assert.Equal("proposed", text.GetProperty("status").GetString());
            Assert.EndsWith("Unreviewed.", text.GetProperty("text").GetString(), StringComparison.Ordinal);
            Assert.Equal($"\"rev-{Id(proposed)}\"", response.Headers.ETag?.ToString());
        }

        var published = await HttpAssert.JsonAsync(await _editor.GetAsync($"/api/translations/{t.TranslationId}/text?revision=published"));
        Assert.Equal(t.RootRevisionId, published.GetProperty("revisionId").GetInt64());
        var problem = await HttpAssert.ProblemAsync(await _editor.GetAsync($"/api/translations/{t.TranslationId}/text?revision=latest"), HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("revision", out _));
        await HttpAssert.ProblemAsync(await _editor.GetAsync("/api/translations/99999999/text"), HttpStatusCode.NotFound);
    }
}
