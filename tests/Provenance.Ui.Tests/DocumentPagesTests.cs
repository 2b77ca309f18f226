using Microsoft.Playwright;
using Provenance.Testing;
using Provenance.Ui.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Provenance.Ui.Tests;

public sealed class DocumentPagesTests(TestPostgres postgres, UiHost host) : UiTest(postgres, host)
{
    private const string SeedTitle = SeedRecords.Title;

    [Fact]
    public async Task Root_serves_the_pages_and_lists_the_seed()
    {
        var page = await OpenAsync("");

        await Expect(page.Locator("h1")).ToHaveTextAsync("Documents");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = SeedTitle })).ToBeVisibleAsync();
        await Expect(page.Locator("#result-count")).ToHaveTextAsync("1 document");
        await Expect(page.GetByRole(AriaRole.Banner)).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main)).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeVisibleAsync();
        AssertNoScriptErrors(page);
    }

    [Fact]
    public async Task Filters_narrow_the_list_and_bad_dates_are_explained()
    {
        var page = await OpenAsync("#/documents");

        await page.GetByLabel("Text").FillAsync("Kennedy missiles");
        await page.GetByLabel("Archive").FillAsync("AVP RF");
        await page.GetByLabel("Translator").FillAsync("Doctoroff");
        await page.GetByLabel("Language").FillAsync("ru");
        await page.GetByLabel("From date").FillAsync("1962-10");
        await page.GetByLabel("To date").FillAsync("1962");
        await SubmitAndWaitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Search" }));
        await Expect(page.Locator("#result-count")).ToHaveTextAsync("1 document match");
        Assert.Contains("translator=Doctoroff", page.Url, StringComparison.Ordinal);

        await page.GetByLabel("Translator").FillAsync("Zubok");
        await SubmitAndWaitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Search" }));
        await Expect(page.Locator("#result-count")).ToHaveTextAsync("0 documents match");
        await Expect(page.GetByText("Nothing matches these filters.")).ToBeVisibleAsync();

        await GoAsync(page, "#/documents?from=10/24/1962");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("from is a date as yyyy, yyyy-MM or yyyy-MM-dd.");
        AssertNoScriptErrors(page);
    }

    [Fact]
    public async Task Document_page_shows_record_markings_custody_and_translations()
    {
        var list = await Host.GetJsonAsync("/api/documents");
        var id = list.GetProperty("items")[0].GetProperty("id").GetInt64();
        var page = await OpenAsync("");

        var before = await page.EvaluateAsync<string>("() => document.body.dataset.ready");
        await page.GetByRole(AriaRole.Link, new() { Name = SeedTitle }).ClickAsync();
        await WaitRenderedAsync(page, before);

        Assert.EndsWith($"#/documents/{id}", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("h1")).ToHaveTextAsync(SeedTitle);
        await Expect(page).ToHaveTitleAsync($"{SeedTitle} — Provenance");
        var markings = page.Locator("ul.markings li");
        await Expect(markings).ToContainTextAsync(["TOP SECRET", "Making Copies Prohibited", "Copy No. 1"]);
        var custody = page.Locator("#custody ol.timeline > li");
        Assert.True(await custody.CountAsync() >= 2, "the custody chain has the archive and the copy");
        await Expect(custody.First).ToContainTextAsync("AVP RF");
        await Expect(page.Locator("#custody")).ToContainTextAsync("NSA");
        await Expect(page.Locator("#translations")).ToContainTextAsync("Mark H. Doctoroff");
        await Expect(page.Locator("#record")).ToContainTextAsync("Russian");
        await Expect(page.Locator("#citations blockquote")).ToContainTextAsync("Wilson Center Digital Archive");
        AssertNoScriptErrors(page);
    }

    [Fact]
    public async Task Pages_work_at_narrow_widths_without_horizontal_scrolling()
    {
        var page = await OpenAsync("", width: 375, height: 800);
        var before = await page.EvaluateAsync<string>("() => document.body.dataset.ready");
        await page.GetByRole(AriaRole.Link, new() { Name = SeedTitle }).ClickAsync();
        await WaitRenderedAsync(page, before);

        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the document page scrolls sideways at 375px");
    }

    [Fact]
    public async Task Keyboard_users_can_skip_to_content_and_reach_the_document()
    {
        var page = await OpenAsync("");

        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#skip-link")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#main")).ToBeFocusedAsync();

        // The first link in the results table is reachable with Tab and opens with Enter.
        var link = page.GetByRole(AriaRole.Link, new() { Name = SeedTitle });
        for (var i = 0; i < 30 && !await link.EvaluateAsync<bool>("e => e === document.activeElement"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await Expect(link).ToBeFocusedAsync();
        var before = await page.EvaluateAsync<string>("() => document.body.dataset.ready");
        await page.Keyboard.PressAsync("Enter");
        await WaitRenderedAsync(page, before);
        await Expect(page.Locator("h1")).ToHaveTextAsync(SeedTitle);
        await Expect(page.Locator("h1")).ToBeFocusedAsync();
    }

    private static async Task SubmitAndWaitAsync(IPage page, ILocator button)
    {
        var before = await page.EvaluateAsync<string>("() => document.body.dataset.ready");
        await button.ClickAsync();
        await WaitRenderedAsync(page, before);
    }
}
