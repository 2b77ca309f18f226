using System.Text.RegularExpressions;
using Provenance.Testing;
using Provenance.Ui.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Provenance.Ui.Tests;

/// <summary>What a new user met in the first hour (issue 14, item 5): pages that misled or hid things.</summary>
public sealed class FirstHourTests(TestPostgres postgres, UiHost host) : UiTest(postgres, host)
{
    [Fact]
    public async Task Document_page_links_revisions_by_their_number_not_their_id()
    {
        var (translation, head, text) = await Host.FreshTranslationAsync();
        var (status, body) = await Host.SubmitAsync(UiHost.AdminKey, translation, head, SeedRecords.Revise(text), "Two words");
        Assert.Equal(201, status);
        var proposal = body.GetProperty("id").GetInt64();
        var documentId = (await Host.GetJsonAsync($"/api/translations/{translation}")).GetProperty("documentId").GetInt64();
        Assert.NotEqual(1, head); // ids and numbers differ, or the test could not tell them apart
        Assert.NotEqual(2, proposal);

        var page = await OpenAsync($"#/documents/{documentId}");

        var row = page.Locator("table.translations tbody tr").First;
        await Expect(row.Locator($"a[href='#/revisions/{head}']")).ToHaveTextAsync("revision 1");
        await Expect(row.Locator($"a[href='#/revisions/{proposal}']")).ToHaveTextAsync("revision 2 (pending)");
        AssertNoScriptErrors(page);
    }

    [Fact]
    public async Task History_table_shows_its_actions_column_whole_at_1400px()
    {
        var (translation, head, text) = await Host.FreshTranslationAsync();
        var (status, _) = await Host.SubmitAsync(UiHost.AdminKey, translation, head, SeedRecords.Revise(text), "Two words changed, one paragraph moved to the end");
        Assert.Equal(201, status);

        var page = await OpenAsync($"#/translations/{translation}", width: 1400);

        var actions = page.Locator("table.revisions tbody tr").First.Locator("td.row-actions");
        await Expect(actions.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Blame revision 2" })).ToBeVisibleAsync();
        var cell = (await actions.BoundingBoxAsync())!;
        var wrap = (await page.Locator("form.history .table-wrap").BoundingBoxAsync())!;
        var widths = await page.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('table.revisions tbody tr:first-child > *')].map(c => Math.round(c.getBoundingClientRect().width)).join(' ')");
        Assert.True(cell.X + cell.Width <= wrap.X + wrap.Width + 0.5,
            $"the actions cell ends at {cell.X + cell.Width}px, past its table's visible edge at {wrap.X + wrap.Width}px (column widths {widths})");
        Assert.True(cell.X + cell.Width <= 1400, $"the actions cell ends at {cell.X + cell.Width}px, outside the 1400px viewport");
        AssertNoScriptErrors(page);
    }

    [Fact]
    public async Task Blame_shows_headings_without_markdown_and_blank_lines_without_labels()
    {
        var (translation, head, text) = await Host.FreshTranslationAsync();
        var (status, body) = await Host.SubmitAsync(UiHost.AdminKey, translation, head,
            text.Replace("He left right after this.", "He left right after this.\n\n#### POSTSCRIPT\n\nNo reply was given.", StringComparison.Ordinal), "A postscript");
        Assert.Equal(201, status);
        var id = body.GetProperty("id").GetInt64();

        var page = await OpenAsync($"#/revisions/{id}/blame");

        var blame = page.Locator("#blame-text");
        await Expect(blame.Locator("strong.blame-heading", new() { HasText = "POSTSCRIPT" })).ToBeVisibleAsync();
        Assert.DoesNotContain("#", await blame.InnerTextAsync(), StringComparison.Ordinal);
        // Labels mark where a revision's run starts; a blank line starts none.
        Assert.InRange(await blame.Locator(".rev-marker").CountAsync(), 2, 4);
        var blankLabelled = await page.EvaluateAsync<int>(
            "() => [...document.querySelectorAll('#blame-text .rev-marker')].filter(m => (m.nextElementSibling?.textContent ?? '').trim() === '').length");
        Assert.Equal(0, blankLabelled);
        AssertNoScriptErrors(page);
    }

    [Fact]
    public async Task Review_of_a_one_word_change_in_a_long_text_is_not_100_percent_similar()
    {
        var (translation, head, text) = await Host.FreshTranslationAsync();
        var edited = text.Replace("He was in an obviously excited condition", "He was in an evidently excited condition", StringComparison.Ordinal);
        Assert.NotEqual(text, edited);
        var (status, body) = await Host.SubmitAsync(UiHost.AdminKey, translation, head, edited, "One word");
        Assert.Equal(201, status);
        var proposal = body.GetProperty("id").GetInt64();

        var page = await OpenAsync($"#/revisions/{head}/diff/{proposal}");

        var similarity = page.Locator(".stats div", new() { HasText = "Similarity" }).Locator("dd");
        await Expect(similarity).ToHaveTextAsync(new Regex(@"^(> )?99\.\d%$"));
        await Expect(similarity).Not.ToHaveTextAsync("100%");

        // The one helper every page formats with: 100% and 0% only at the ends, never by rounding.
        var shown = await page.EvaluateAsync<string[]>(
            "async () => { const { formatSimilarity: f } = await import('/js/dom.js'); return [f(1), f(0.99999), f(0.5), f(0.00001), f(0), f(0.998, 0)]; }");
        Assert.Equal(["100%", "> 99.9%", "50.0%", "< 0.1%", "0%", "> 99%"], shown);
        AssertNoScriptErrors(page);
    }
}
