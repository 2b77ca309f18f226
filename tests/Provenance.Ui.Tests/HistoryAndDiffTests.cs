using Microsoft.Playwright;
using Provenance.Testing;
using Provenance.Ui.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Provenance.Ui.Tests;

public sealed class HistoryAndDiffTests(TestPostgres postgres, UiHost host) : UiTest(postgres, host)
{
    private async Task<(long Translation, long First, long Second)> TwoRevisionsAsync()
    {
        var imported = await Host.ImportAsync(SeedRecords.Revised());
        var translation = imported.GetProperty("translationId").GetInt64();
        var revisions = await Host.GetJsonAsync($"/api/translations/{translation}/revisions");
        var first = revisions.EnumerateArray().Single(r => r.GetProperty("number").GetInt32() == 1).GetProperty("id").GetInt64();
        return (translation, first, imported.GetProperty("revisionId").GetInt64());
    }

    [Fact]
    public async Task History_lists_revisions_and_picking_two_shows_their_diff()
    {
        var (translation, first, second) = await TwoRevisionsAsync();
        var page = await OpenAsync($"#/translations/{translation}");

        await Expect(page.Locator("h1")).ToContainTextAsync("History: en translation by Mark H. Doctoroff");
        var rows = page.Locator("table.revisions tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.First).ToContainTextAsync("Mark H. Doctoroff");
        await Expect(rows.First).ToContainTextAsync("approved");
        await Expect(page.Locator($"#revision-row-{second} code")).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("^[0-9a-f]{64}$"));

        await page.GetByLabel("Diff from revision 1").CheckAsync();
        await page.GetByLabel("Diff to revision 2").CheckAsync();
        var before = await page.EvaluateAsync<string>("() => document.body.dataset.ready");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show diff" }).ClickAsync();
        await WaitRenderedAsync(page, before);

        Assert.EndsWith($"#/revisions/{first}/diff/{second}", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Diff of revision 1 → 2");
        var diff = page.Locator("table.diff.side-by-side");
        await Expect(diff.Locator("td.cell.left del").First).ToHaveTextAsync("obviously");
        await Expect(diff.Locator("td.cell.right ins").First).ToHaveTextAsync("evidently");
        await Expect(diff.Locator("ins.editorial")).ToHaveTextAsync("[allegedly]");
        await Expect(diff.Locator("ins.editorial")).ToHaveAttributeAsync("title", "editorial insertion (added)");
        await Expect(page.Locator(".stats")).ToContainTextAsync("Words inserted+3");
        await Expect(page.Locator(".stats")).ToContainTextAsync("Editorial changes1");
        AssertNoScriptErrors(page);
    }

    [Fact]
    public async Task Insertions_and_deletions_carry_marks_that_do_not_need_colour()
    {
        var (_, first, second) = await TwoRevisionsAsync();
        var page = await OpenAsync($"#/revisions/{first}/diff/{second}");

        var ins = page.Locator("table.diff ins:not(.ws)").First;
        var del = page.Locator("table.diff del:not(.ws)").First;
        Assert.Contains("+", await ins.EvaluateAsync<string>("e => getComputedStyle(e, '::before').content"), StringComparison.Ordinal);
        Assert.Contains("underline", await ins.EvaluateAsync<string>("e => getComputedStyle(e).textDecorationLine"), StringComparison.Ordinal);
        Assert.Contains("−", await del.EvaluateAsync<string>("e => getComputedStyle(e, '::before').content"), StringComparison.Ordinal);
        Assert.Contains("line-through", await del.EvaluateAsync<string>("e => getComputedStyle(e).textDecorationLine"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Moved_paragraphs_are_labelled_and_linked_in_both_layouts()
    {
        var (_, first, second) = await TwoRevisionsAsync();
        var page = await OpenAsync($"#/revisions/{first}/diff/{second}");

        var from = page.Locator("tr[id^='move-'][id$='-from']");
        var to = page.Locator("tr[id^='move-'][id$='-to']");
        await Expect(from).ToHaveCountAsync(1);
        await Expect(to).ToHaveCountAsync(1);
        await Expect(from.Locator(".move-label")).ToContainTextAsync("moved to ¶");
        await Expect(to.Locator(".move-label")).ToContainTextAsync("moved from ¶");
        await from.Locator(".move-label a").ClickAsync();
        await Expect(to).ToBeFocusedAsync();
        Assert.Contains($"/diff/{second}", page.Url, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Inline" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Inline" })).ToHaveAttributeAsync("aria-pressed", "true");
        var inline = page.Locator(".diff.inline");
        await Expect(inline.Locator("del").First).ToHaveTextAsync("obviously");
        await Expect(inline.Locator("ins").First).ToHaveTextAsync("evidently");
        await Expect(inline.Locator(".op.moved")).ToHaveCountAsync(2);
        await inline.Locator(".op.moved .move-label a").First.ClickAsync();
        await Expect(inline.Locator(".op.moved").Last).ToBeFocusedAsync();
        Assert.EndsWith("view=inline", page.Url, StringComparison.Ordinal);
        AssertNoScriptErrors(page);
    }

    [Fact]
    public async Task Side_by_side_stacks_at_narrow_widths()
    {
        var (_, first, second) = await TwoRevisionsAsync();
        var page = await OpenAsync($"#/revisions/{first}/diff/{second}", width: 375, height: 800);

        var cell = page.Locator("table.diff td.cell.right").First;
        Assert.Equal("block", await cell.EvaluateAsync<string>("e => getComputedStyle(e).display"));
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the diff page scrolls sideways at 375px");
    }
}
