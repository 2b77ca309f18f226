using System.Net;
using Provenance.Api.Tests.Support;
using Provenance.Data.Entities;
using Provenance.Testing;
using static Provenance.Testing.WritePathHost;

namespace Provenance.Api.Tests.Trust;

/// <summary>
/// Issue 15 items 2 and 3, the review rule: a text is published only when someone other than every author of
/// the changes it publishes approved it, and a rejected revision's changes never reach it by a merge.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ReviewRuleTests(WritePathHost host) : IClassFixture<WritePathHost>
{
    private async Task<string> PublishedTextAsync(Seeded t) =>
        (await HttpAssert.JsonAsync(await host.Client().GetAsync($"/api/translations/{t.TranslationId}/text"))).GetProperty("text").GetString()!;

    [Fact]
    public async Task A_reviewer_cannot_publish_their_own_revision_by_approving_one_on_top_of_it()
    {
        var t = await host.CreateTranslationAsync();
        using var both = host.Client(await host.KeyAsync("Mallory Both", "editor", "reviewer"));
        using var other = host.Client(await host.KeyAsync("Olga Editor", "editor"));
        using var reviewer = host.Client(await host.KeyAsync("Rita Reviewer", "reviewer"));

        var x = await HttpAssert.JsonAsync(await SubmitAsync(both, t.TranslationId,
            new { baseRevisionId = t.RootRevisionId, text = Edit(t.Text, "We talked alone.", "We talked alone, unreviewed."), summary = "X" }), HttpStatusCode.Created);
        var y = await HttpAssert.JsonAsync(await SubmitAsync(other, t.TranslationId,
            new { baseRevisionId = Id(x), text = Edit(x.GetProperty("text").GetString()!, "He left for", "He then left for"), summary = "Y" }), HttpStatusCode.Created);

        var refused = await HttpAssert.ProblemAsync(await ReviewAsync(both, Id(y), "approve"), HttpStatusCode.Forbidden);
        Assert.Equal(Id(x), refused.GetProperty("authoredRevisionId").GetInt64());
        Assert.Equal(t.Text, await PublishedTextAsync(t));
        Assert.Equal([RevisionStatus.Approved, RevisionStatus.Proposed, RevisionStatus.Proposed], (await host.HistoryAsync(t.TranslationId)).Select(r => r.Status));

        // Someone who wrote none of it may.
        await HttpAssert.JsonAsync(await ReviewAsync(reviewer, Id(y), "approve"));
        Assert.Contains("unreviewed", await PublishedTextAsync(t), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_revision_is_merged_around_and_never_published_by_a_later_approval()
    {
        var t = await host.CreateTranslationAsync();
        using var editor = host.Client(await host.KeyAsync("Ed Editor", "editor"));
        using var second = host.Client(await host.KeyAsync("Sam Editor", "editor"));
        using var rejecter = host.Client(await host.KeyAsync("Rita Reviewer", "reviewer"));
        using var approver = host.Client(await host.KeyAsync("Vera Reviewer", "reviewer"));

        var rejected = await HttpAssert.JsonAsync(await SubmitAsync(editor, t.TranslationId,
            new { baseRevisionId = t.RootRevisionId, text = Edit(t.Text, "an armed Soviet ship", "a REJECTED ship"), summary = "Bad" }), HttpStatusCode.Created);
        await HttpAssert.JsonAsync(await ReviewAsync(rejecter, Id(rejected), "reject", "Not in the original."));

        // From the older published base: stale, so it is stored on the rejected head, but its text is merged
        // onto the published revision, not onto the rejected one.
        var later = await HttpAssert.JsonAsync(await SubmitAsync(second, t.TranslationId,
            new { baseRevisionId = t.RootRevisionId, text = Edit(t.Text, "He left for", "He then left for"), summary = "Good" }), HttpStatusCode.Created);
        Assert.Equal(Id(rejected), later.GetProperty("parentId").GetInt64());
        Assert.DoesNotContain("REJECTED", later.GetProperty("text").GetString()!, StringComparison.Ordinal);

        await HttpAssert.JsonAsync(await ReviewAsync(approver, Id(later), "approve"));
        var published = await PublishedTextAsync(t);
        Assert.DoesNotContain("REJECTED", published, StringComparison.Ordinal);
        Assert.Equal(Edit(t.Text, "He left for", "He then left for"), published);

        var merged = (await host.AuditAsync(t.DocumentId)).Single(e => e.Action == "revision.merged");
        Assert.Contains($"\"skippedRejectedRevisionIds\":[{Id(rejected)}]", merged.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Building_on_a_rejected_revision_resubmits_its_changes_for_review()
    {
        var t = await host.CreateTranslationAsync();
        using var editor = host.Client(await host.KeyAsync("Ed Editor", "editor"));
        using var second = host.Client(await host.KeyAsync("Sam Editor", "editor"));
        using var reviewer = host.Client(await host.KeyAsync("Rita Reviewer", "reviewer"));
        using var other = host.Client(await host.KeyAsync("Vera Reviewer", "reviewer"));

        var rejected = await HttpAssert.JsonAsync(await SubmitAsync(editor, t.TranslationId,
            new { baseRevisionId = t.RootRevisionId, text = Edit(t.Text, "an armed Soviet ship", "an armed ship"), summary = "Shorter" }), HttpStatusCode.Created);
        await HttpAssert.JsonAsync(await ReviewAsync(reviewer, Id(rejected), "reject", "Say whose ship."));

        // Sam edits the rejected text itself (base = the rejected head): its change is his submission now, reviewed again.
        var resubmitted = await HttpAssert.JsonAsync(await SubmitAsync(second, t.TranslationId,
            new { baseRevisionId = Id(rejected), text = Edit(rejected.GetProperty("text").GetString()!, "He left for", "He then left for"), summary = "Again" }), HttpStatusCode.Created);
        Assert.Contains("an armed ship", resubmitted.GetProperty("text").GetString()!, StringComparison.Ordinal);
        await HttpAssert.JsonAsync(await ReviewAsync(other, Id(resubmitted), "approve"));
        Assert.Contains("an armed ship", await PublishedTextAsync(t), StringComparison.Ordinal);
    }
}
