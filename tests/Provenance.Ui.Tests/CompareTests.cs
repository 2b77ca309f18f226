using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Provenance.Testing;
using Provenance.Ui.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Provenance.Ui.Tests;

/// <summary>
/// The comparison page on a real pair: Doctoroff's translation against an FBIS transcript of another rendering
/// (capitals, hard wraps, other paragraphing, a teletype header and an editor's note).
/// </summary>
public sealed partial class CompareTests(TestPostgres postgres, UiHost host) : UiTest(postgres, host)
{
    private Task<IPage> OpenCompareAsync((long Document, long Left, long Right) pair, int width = 1400, int height = 900) =>
        OpenAsync($"#/documents/{pair.Document}/compare?left={pair.Left}&right={pair.Right}", width, height);

    [Fact]
    public async Task Aligned_passages_sit_side_by_side_with_the_differing_words_marked_quietly()
    {
        var pair = await Host.ComparedPairAsync();
        var page = await OpenAsync($"#/documents/{pair.Document}", 1400);
        await page.GetByLabel("Left").SelectOptionAsync(pair.Left.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Right").SelectOptionAsync(pair.Right.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await ClickAndWaitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Compare translations" }));

        await Expect(page.Locator("h1")).ToHaveTextAsync("Compare translations");
        var table = page.Locator("table.alignment");
        await Expect(table.Locator("thead th").Nth(1)).ToContainTextAsync("Mark H. Doctoroff");
        await Expect(table.Locator("thead th").Nth(2)).ToContainTextAsync("Foreign Broadcast Information Service");

        // The FBIS text's first sentence, hard-wrapped in capitals, sits on the row of Doctoroff's first sentence.
        var opening = table.Locator("tr.pair.aligned", new() { HasText = "Late in the evening of October 23" });
        await Expect(opening.Locator("td.cell.right")).ToContainTextAsync("ON THE LATE EVENING OF OCTOBER 24, R. KENNEDY CALLED ON ME.");
        await Expect(opening.Locator("td.cell.left mark.differs", new() { HasTextString = "23" })).ToHaveCountAsync(1);
        await Expect(opening.Locator("td.cell.right mark.differs", new() { HasTextString = "24" })).ToHaveCountAsync(1);
        await Expect(opening.Locator("td.cell.left mark.differs", new() { HasTextString = "evening" })).ToHaveCountAsync(0);
        await Expect(opening.Locator(".anchors")).ToContainTextAsync("number 23 only left");

        // Quiet: no insertion/deletion signs or strike-through anywhere in the table.
        await Expect(table.Locator("ins, del")).ToHaveCountAsync(0);
        Assert.Equal("none", await opening.Locator("mark.differs").First.EvaluateAsync<string>("m => getComputedStyle(m).textDecorationLine"));

        // Each row shows the API's similarity as formatSimilarity rounds it.
        var api = await Host.GetJsonAsync($"/api/documents/{pair.Document}/compare?left={pair.Left}&right={pair.Right}");
        var first = IndexOf(api, "leftText", "Late in the evening");
        var percent = Math.Round(api.GetProperty("pairs")[first].GetProperty("similarity").GetDouble() * 100);
        await Expect(page.Locator($"#pair-{first + 1} .similarity")).ToHaveTextAsync($"{percent}%");

        await Expect(page.Locator("#compare-normalization")).ToContainTextAsync("Compared ignoring case, line wraps and paragraphing, hyphens at line ends");
        await Expect(page.Locator("#compare-summary")).ToContainTextAsync("2 only on the right");
        AssertNoScriptErrors(page);
    }

    [Fact]
    public async Task Material_on_one_side_only_is_shown_on_its_side_with_the_other_marked_absent()
    {
        var page = await OpenCompareAsync(await Host.ComparedPairAsync());

        var header = page.Locator("tr.pair.one-sided", new() { HasText = "ZCZC FBIS 0231" });
        await Expect(header).ToHaveAttributeAsync("data-one-sided", "header");
        await Expect(header.Locator("td.cell.left.absent")).ToHaveTextAsync("not in this translation");
        await Expect(header.Locator("td.cell.right .one-sided-label")).ToHaveTextAsync("header, only here");

        var heading = page.Locator("tr.pair.one-sided", new() { HasText = "Copy No. 1" });
        await Expect(heading.Locator("td.cell.right.absent")).ToBeVisibleAsync();
        await Expect(heading.Locator("td.cell.left")).Not.ToHaveClassAsync(AbsentClass());

        // The seed's Markdown heading reads as a heading, not as "#### CIPHERED TELEGRAM".
        // Only the words of the seed's Markdown heading show, not "#### CIPHERED TELEGRAM".
        var telegram = page.Locator("tr.pair", new() { HasText = "CIPHERED TELEGRAM" });
        await Expect(telegram.Locator("td.cell.left")).ToContainTextAsync("Copy No. 1 CIPHERED TELEGRAM");
        await Expect(telegram.Locator("td.cell.left")).Not.ToContainTextAsync("#");

        var note = page.Locator("tr.pair.one-sided", new() { HasText = "EDITOR'S NOTE" });
        await Expect(note).ToHaveAttributeAsync("data-one-sided", "note");
        await Expect(note.Locator("td.cell.left.absent")).ToBeVisibleAsync();
        AssertNoScriptErrors(page);
    }

    [Fact]
    public async Task The_heat_strip_has_one_cell_per_passage_and_a_click_brings_the_passage_into_view()
    {
        var pair = await Host.ComparedPairAsync();
        var api = await Host.GetJsonAsync($"/api/documents/{pair.Document}/compare?left={pair.Left}&right={pair.Right}");
        var count = api.GetProperty("pairs").GetArrayLength();
        var page = await OpenCompareAsync(pair, 1400, 700);

        var strip = page.GetByRole(AriaRole.List, new() { Name = "Similarity of each passage, in text order; choose one to go to it" });
        await Expect(strip.Locator("a.heat-cell")).ToHaveCountAsync(count);
        await Expect(page.Locator("tr.pair")).ToHaveCountAsync(count);
        var header = IndexOf(api, "rightText", "ZCZC FBIS");
        await Expect(strip.Locator("a.heat-cell").Nth(header)).ToHaveAttributeAsync("aria-label", $"§{header + 1}: only in the right translation (header)");
        await Expect(strip.Locator("a.heat-cell").Nth(header)).ToHaveClassAsync(HeatClass("none"));
        var opening = IndexOf(api, "leftText", "Late in the evening");
        await Expect(strip.Locator("a.heat-cell").Nth(opening)).ToHaveAttributeAsync("aria-label", new Regex($@"^§{opening + 1}: \d+% similar, 1 sentence ↔ 1$"));
        await Expect(strip.Locator("a.heat-cell").Nth(opening)).ToHaveClassAsync(HeatClass("[0-4]"));

        var target = page.Locator($"#pair-{count - 1}");
        await Expect(target).Not.ToBeInViewportAsync();
        await strip.Locator("a.heat-cell").Nth(count - 2).ClickAsync();
        await Expect(target).ToBeInViewportAsync();
        await Expect(target).ToBeFocusedAsync();
        Assert.Contains($"/documents/{pair.Document}/compare", page.Url, StringComparison.Ordinal); // the route stays
        AssertNoScriptErrors(page);
    }

    [Fact]
    public async Task The_raw_switch_shows_both_texts_as_stored()
    {
        var page = await OpenCompareAsync(await Host.ComparedPairAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Raw texts" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Raw texts" })).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.Locator("table.alignment")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Raw texts, as stored" })).ToBeVisibleAsync();
        var right = page.Locator("#raw-right");
        await Expect(right).Not.ToHaveTextAsync("Loading…");
        Assert.Equal(SeedRecords.FbisTranscript(), await right.TextContentAsync()); // line breaks, indentation, capitals kept
        Assert.Equal(SeedRecords.DoctoroffOpening(), await page.Locator("#raw-left").TextContentAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Aligned passages" }).ClickAsync();
        await Expect(page.Locator("table.alignment tr.pair").First).ToBeVisibleAsync();
        AssertNoScriptErrors(page);
    }

    [Theory]
    [InlineData(1400)]
    [InlineData(800)]
    public async Task Both_translations_stay_side_by_side_without_sideways_scrolling(int width)
    {
        var page = await OpenCompareAsync(await Host.ComparedPairAsync(), width);

        var row = page.Locator("tr.pair.aligned").First;
        var left = await row.Locator("td.cell.left").BoundingBoxAsync();
        var right = await row.Locator("td.cell.right").BoundingBoxAsync();
        Assert.True(left!.X + left.Width <= right!.X + 1 && Math.Abs(left.Y - right.Y) < 1, $"cells at {left.X},{left.Y} and {right.X},{right.Y}");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
        var strip = await page.Locator("#heat-strip").BoundingBoxAsync();
        Assert.True(strip!.Width > width / 2, $"the heat strip is {strip.Width}px wide");
        AssertNoScriptErrors(page);
    }

    /// <summary>The index of the first pair whose <paramref name="side"/> text starts with <paramref name="start"/>.</summary>
    private static int IndexOf(System.Text.Json.JsonElement comparison, string side, string start) =>
        comparison.GetProperty("pairs").EnumerateArray().Select((p, i) => (p, i))
            .First(x => x.p.GetProperty(side).GetString()!.StartsWith(start, StringComparison.Ordinal)).i;

    private static Regex HeatClass(string suffix) => new($@"\bheat-{suffix}\b");

    [GeneratedRegex(@"\babsent\b")]
    private static partial Regex AbsentClass();
}
