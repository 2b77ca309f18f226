using Microsoft.Playwright;
using Provenance.Testing;
using Provenance.Ui.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Provenance.Ui.Tests;

public sealed class EditingAndReviewTests(TestPostgres postgres, UiHost host) : UiTest(postgres, host)
{
    private const string Sentence = "He was in an obviously excited condition";

    [Fact]
    public async Task Editor_submits_with_a_live_preview_and_a_reviewer_approves_it()
    {
        var editorKey = await Host.CreateKeyAsync("Erin Editor", "editor");
        var reviewerKey = await Host.CreateKeyAsync("Rita Reviewer", "reviewer");
        var (translation, published, text) = await Host.FreshTranslationAsync();

        var page = await OpenAsync("");
        await SignInAsync(page, editorKey, "Erin Editor");
        await Expect(page.Locator(".roles")).ToHaveTextAsync("(editor)");

        await GoAsync(page, $"#/translations/{translation}/edit");
        await Expect(page.Locator("#edit-text")).ToHaveValueAsync(text);
        await page.GetByLabel("Edit summary").FillAsync("Plainer wording of Kennedy's state");
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync(text.Replace(Sentence, "He was in a visibly excited condition", StringComparison.Ordinal));

        var preview = page.Locator("#preview-diff");
        await Expect(preview.Locator("ins").Filter(new() { HasText = "visibly" })).ToBeVisibleAsync();
        await Expect(preview.Locator("del").Filter(new() { HasText = "obviously" })).ToBeVisibleAsync();
        await Expect(page.Locator("#preview-stats")).ToContainTextAsync("Words inserted");

        await page.GetByRole(AriaRole.Button, new() { Name = "Submit revision" }).ClickAsync();
        await Expect(page.Locator("#submitted")).ToContainTextAsync("Revision 2 submitted");
        await Expect(page.Locator("#submitted")).ToContainTextAsync("Status: proposed");
        var proposed = await Host.GetJsonAsync($"/api/translations/{translation}");
        Assert.Equal(published, proposed.GetProperty("currentRevisionId").GetInt64());
        var newId = proposed.GetProperty("headRevisionId").GetInt64();
        Assert.NotEqual(published, newId);

        // The reviewer, in a browser of their own, finds the proposal in the history and approves it from its diff.
        var reviewer = await OpenAsync("");
        await SignInAsync(reviewer, reviewerKey, "Rita Reviewer");
        await GoAsync(reviewer, $"#/translations/{translation}");
        var row = reviewer.Locator($"#revision-row-{newId}");
        await Expect(row).ToContainTextAsync("proposed");
        await Expect(row).ToContainTextAsync("Erin Editor");
        await ClickAndWaitAsync(reviewer, row.GetByRole(AriaRole.Link, new() { Name = "Diff revision 2 against its parent" }));
        await Expect(reviewer.Locator("table.diff del").Filter(new() { HasText = "obviously" })).ToBeVisibleAsync();
        await Expect(reviewer.Locator("#review-heading")).ToHaveTextAsync("Review revision 2");

        await reviewer.GetByLabel("Comment").FillAsync("Matches the Russian original.");
        await ClickAndWaitAsync(reviewer, reviewer.GetByRole(AriaRole.Button, new() { Name = "Approve" }));
        await Expect(reviewer.Locator("#review")).ToHaveCountAsync(0);
        await Expect(reviewer.Locator(".rev-card.right .badge.status-approved")).ToBeVisibleAsync();

        var after = await Host.GetJsonAsync($"/api/translations/{translation}");
        Assert.Equal(newId, after.GetProperty("currentRevisionId").GetInt64());
        var documentId = after.GetProperty("documentId").GetInt64();
        await GoAsync(reviewer, $"#/documents/{documentId}");
        // The document page names the revision by its number and links it by its id.
        await Expect(reviewer.Locator($"#translations a[href='#/revisions/{newId}']")).ToHaveTextAsync("revision 2");
        await GoAsync(reviewer, $"#/translations/{translation}");
        await Expect(reviewer.Locator($"#revision-row-{newId}")).ToContainTextAsync("Rita Reviewer");
        await Expect(reviewer.Locator($"#revision-row-{newId}")).ToContainTextAsync("Matches the Russian original.");
        AssertNoScriptErrors(page);
        AssertNoScriptErrors(reviewer);
    }

    [Fact]
    public async Task Reviewer_rejects_with_a_comment_and_the_author_cannot_review_their_own()
    {
        var editorKey = await Host.CreateKeyAsync("Ed Both", "editor", "reviewer");
        var reviewerKey = await Host.CreateKeyAsync("Rhea Reviewer", "reviewer");
        var (translation, head, text) = await Host.FreshTranslationAsync();
        var (status, body) = await Host.SubmitAsync(editorKey, translation, head, text.Replace("Saying goodbye", "On leaving", StringComparison.Ordinal), "Shorter");
        Assert.Equal(201, status);
        var id = body.GetProperty("id").GetInt64();

        var author = await OpenAsync("");
        await SignInAsync(author, editorKey, "Ed Both");
        await GoAsync(author, $"#/revisions/{id}");
        await Expect(author.Locator("#review")).ToContainTextAsync("You wrote this revision");
        await Expect(author.GetByRole(AriaRole.Button, new() { Name = "Approve" })).ToHaveCountAsync(0);

        var reviewer = await OpenAsync("");
        await SignInAsync(reviewer, reviewerKey, "Rhea Reviewer");
        await GoAsync(reviewer, $"#/revisions/{id}");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Reject" }).ClickAsync();
        await Expect(reviewer.Locator("#review .error")).ToContainTextAsync("comment");

        await reviewer.GetByLabel("Comment").FillAsync("The original says 'saying goodbye'.");
        await ClickAndWaitAsync(reviewer, reviewer.GetByRole(AriaRole.Button, new() { Name = "Reject" }));
        await Expect(reviewer.Locator(".badge.status-rejected")).ToBeVisibleAsync();
        await Expect(reviewer.Locator("dl.meta")).ToContainTextAsync("The original says 'saying goodbye'.");
    }

    [Fact]
    public async Task Overlapping_edit_shows_the_conflict_and_a_separate_edit_merges_cleanly()
    {
        var editorKey = await Host.CreateKeyAsync("Eve Editor", "editor");
        var otherKey = await Host.CreateKeyAsync("Oscar Other", "editor");
        var (translation, head, text) = await Host.FreshTranslationAsync();

        var page = await OpenAsync("");
        await SignInAsync(page, editorKey, "Eve Editor");
        await GoAsync(page, $"#/translations/{translation}/edit");
        await Expect(page.Locator("#edit-text")).ToHaveValueAsync(text);

        // Someone else saves a change to the same sentence while the page is open.
        var (status, _) = await Host.SubmitAsync(otherKey, translation, head, text.Replace(Sentence, "He was in a clearly excited condition", StringComparison.Ordinal), "Other wording");
        Assert.Equal(201, status);

        await page.GetByLabel("Edit summary").FillAsync("My wording");
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync(text.Replace(Sentence, "He was in a plainly excited condition", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit revision" }).ClickAsync();
        var conflict = page.Locator("#conflict");
        await Expect(conflict).ToContainTextAsync("Not saved");
        await Expect(conflict.Locator("figure").Nth(1)).ToContainTextAsync("clearly excited");
        await Expect(conflict.Locator("figure").Nth(2)).ToContainTextAsync("plainly excited");

        await page.GetByRole(AriaRole.Button, new() { Name = "Continue on top of the newest revision" }).ClickAsync();
        await Expect(page.Locator("#base-info")).ToContainTextAsync("revision 2");
        await Expect(page.Locator("#edit-text")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("plainly excited"));

        // Another edit elsewhere meanwhile: submitting on the old base now merges cleanly.
        var latest = await Host.GetJsonAsync($"/api/translations/{translation}");
        var headNow = latest.GetProperty("headRevisionId").GetInt64();
        var headText = (await Host.GetJsonAsync($"/api/revisions/{headNow}")).GetProperty("text").GetString()!;
        (status, _) = await Host.SubmitAsync(otherKey, translation, headNow, headText.Replace("He left right after this.", "He left immediately after this.", StringComparison.Ordinal), "Elsewhere");
        Assert.Equal(201, status);

        // The text area still holds revision 2 with this editor's wording; revision 3 changed another paragraph.
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit revision" }).ClickAsync();
        await Expect(page.Locator("#submitted")).ToContainTextAsync("merged cleanly");
        AssertNoScriptErrors(page);
    }
}
