using Microsoft.Playwright;
using Provenance.Testing;
using Provenance.Ui.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Provenance.Ui.Tests;

/// <summary>
/// Drives the main pages on realistic data and saves a 1280×900 PNG of each: into the test output by default,
/// into <c>docs/screenshots</c> with <c>PROVENANCE_UI_SCREENSHOTS=docs</c> (how the README's images are made).
/// </summary>
public sealed class ScreenshotTests(TestPostgres postgres, UiHost host) : UiTest(postgres, host)
{
    private static string OutputDirectory()
    {
        var setting = Environment.GetEnvironmentVariable("PROVENANCE_UI_SCREENSHOTS");
        var dir = setting switch
        {
            null or "" => Path.Combine(AppContext.BaseDirectory, "screenshots"),
            "docs" => Path.Combine(SeedRecords.RepositoryRoot(), "docs", "screenshots"),
            _ => setting,
        };
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public async Task Main_pages_are_captured()
    {
        var dir = OutputDirectory();
        var editorKey = await Host.CreateKeyAsync("Erin Editor", "editor");
        var reviewerKey = await Host.CreateKeyAsync("Rita Reviewer", "reviewer");
        var (translation, head, text) = await Host.SeedTranslationAsync();
        var second = await Host.ImportAsync(SeedRecords.OtherTranslator());
        var documentId = second.GetProperty("documentId").GetInt64();
        var (status, body) = await Host.SubmitAsync(editorKey, translation, head, SeedRecords.Revise(text), "Wording in paragraph 2; Sorensen note; move the closing paragraph");
        Assert.Equal(201, status);
        var revised = body.GetProperty("id").GetInt64();
        await Host.ReviewAsync(reviewerKey, revised, "approve", "Checked against the Russian original.");

        async Task ShotAsync(IPage page, string name)
        {
            await page.EvaluateAsync("() => document.fonts.ready");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, $"{name}.png") });
        }

        var page = await OpenAsync("#/documents?q=missiles");
        await ShotAsync(page, "documents");

        await GoAsync(page, $"#/documents/{documentId}");
        await ShotAsync(page, "document");

        await GoAsync(page, $"#/translations/{translation}");
        await ShotAsync(page, "history");

        await GoAsync(page, $"#/revisions/{head}/diff/{revised}");
        await page.Locator("table.diff tr.row-changed").First.ScrollIntoViewIfNeededAsync();
        await page.EvaluateAsync("() => window.scrollBy(0, -120)");
        await ShotAsync(page, "diff");

        await page.GetByRole(AriaRole.Button, new() { Name = "Inline" }).ClickAsync();
        await page.Locator(".diff.inline .op.moved").First.ScrollIntoViewIfNeededAsync();
        await ShotAsync(page, "diff-inline");

        await GoAsync(page, $"#/revisions/{revised}/blame");
        var changed = page.Locator("#blame-text .blame-span").Filter(new() { HasText = "evidently agitated" });
        await changed.ScrollIntoViewIfNeededAsync();
        await changed.HoverAsync();
        await Expect(page.Locator("#blame-tip")).ToBeVisibleAsync();
        await ShotAsync(page, "blame");

        var compared = await Host.ComparedPairAsync();
        await GoAsync(page, $"#/documents/{compared.Document}/compare?left={compared.Left}&right={compared.Right}");
        await Expect(page.Locator("#heat-strip a.heat-cell").First).ToBeVisibleAsync();
        await page.EvaluateAsync("() => { document.getElementById('compare-summary').scrollIntoView({ behavior: 'instant' }); window.scrollBy({ top: -16, behavior: 'instant' }); }");
        await ShotAsync(page, "compare");

        var editor = await OpenAsync("");
        await SignInAsync(editor, editorKey, "Erin Editor");
        await GoAsync(editor, $"#/translations/{translation}/edit");
        await editor.GetByLabel("Edit summary").FillAsync("Fix the page-break artifact in paragraph 13");
        var current = await editor.Locator("#edit-text").InputValueAsync();
        await editor.GetByLabel("Text", new() { Exact = true }).FillAsync(current.Replace("mutual trust in each\n\nother's personal assurances", "mutual trust in each other's personal assurances", StringComparison.Ordinal)
            .Replace("a heavy blow to everything", "a severe blow to everything", StringComparison.Ordinal));
        await Expect(editor.Locator("#preview-diff .op.changed, #preview-diff .op.deleted").First).ToBeVisibleAsync();
        await ShotAsync(editor, "edit");

        var reviewer = await OpenAsync("");
        await SignInAsync(reviewer, reviewerKey, "Rita Reviewer");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Submit revision" }).ClickAsync();
        await Expect(editor.Locator("#submitted")).ToBeVisibleAsync();
        var proposed = (await Host.GetJsonAsync($"/api/translations/{translation}")).GetProperty("headRevisionId").GetInt64();
        await GoAsync(reviewer, $"#/revisions/{revised}/diff/{proposed}");
        await reviewer.GetByLabel("Comment").FillAsync("The paragraph break was a page break in the scan.");
        await ShotAsync(reviewer, "review");

        foreach (var name in new[] { "documents", "document", "history", "diff", "diff-inline", "blame", "compare", "edit", "review" })
        {
            Assert.True(new FileInfo(Path.Combine(dir, $"{name}.png")).Length > 10_000, $"{name}.png is empty");
        }
    }
}
