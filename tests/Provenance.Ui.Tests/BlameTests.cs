using Microsoft.Playwright;
using Provenance.Testing;
using Provenance.Ui.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Provenance.Ui.Tests;

public sealed class BlameTests(TestPostgres postgres, UiHost host) : UiTest(postgres, host)
{
    [Fact]
    public async Task Blame_shades_spans_by_revision_with_author_on_hover_and_focus()
    {
        var editorKey = await Host.CreateKeyAsync("Bea Blamed", "editor");
        var reviewerKey = await Host.CreateKeyAsync("Rob Reviewer", "reviewer");
        var (translation, head, text) = await Host.FreshTranslationAsync();
        var (status, body) = await Host.SubmitAsync(editorKey, translation, head,
            text.Replace("He left right after this.", "He left right after this, without another word.", StringComparison.Ordinal), "Closing words");
        Assert.Equal(201, status);
        var id = body.GetProperty("id").GetInt64();
        await Host.ReviewAsync(reviewerKey, id, "approve", "ok");

        var page = await OpenAsync($"#/revisions/{id}/blame");
        await Expect(page.Locator("h1")).ToContainTextAsync("Blame: revision 2");
        var spans = page.Locator("#blame-text .blame-span");
        Assert.True(await spans.CountAsync() >= 3, "the text splits into spans by revision");
        var changed = spans.Filter(new() { HasText = "without another word" });
        await Expect(changed).ToHaveCountAsync(1);
        await Expect(page.Locator(".blame-legend")).ToContainTextAsync("Revision 2 by Bea Blamed");

        await changed.HoverAsync();
        var tip = page.Locator("#blame-tip");
        await Expect(tip).ToBeVisibleAsync();
        await Expect(tip).ToContainTextAsync("Revision 2 by Bea Blamed");
        await Expect(tip).ToContainTextAsync("Closing words");

        var original = spans.First;
        await original.FocusAsync();
        await Expect(tip).ToContainTextAsync("Revision 1 by Mark H. Doctoroff");
        Assert.Equal("0", await original.GetAttributeAsync("tabindex"));
        var describedBy = await original.GetAttributeAsync("aria-describedby");
        await Expect(page.Locator($"#{describedBy}")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Revision 1 by Mark H. Doctoroff"));
        await page.Keyboard.PressAsync("Tab");
        await Expect(tip).ToContainTextAsync("Revision");

        await page.GetByLabel("Granularity", new() { Exact = true }).SelectOptionAsync("sentence");
        await Expect(page.Locator("#blame-text .blame-span").Filter(new() { HasText = "without another word" })).ToHaveCountAsync(1);
        Assert.Contains("granularity=sentence", page.Url, StringComparison.Ordinal);
        AssertNoScriptErrors(page);
    }
}
