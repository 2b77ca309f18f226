using Microsoft.Playwright;
using Provenance.Testing;
using Provenance.Ui.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Provenance.Ui.Tests;

public sealed class CompareTests(TestPostgres postgres, UiHost host) : UiTest(postgres, host)
{
    [Fact]
    public async Task Two_translations_are_aligned_paragraph_by_paragraph()
    {
        var imported = await Host.ImportAsync(SeedRecords.OtherTranslator());
        var documentId = imported.GetProperty("documentId").GetInt64();
        var doc = await Host.GetJsonAsync($"/api/documents/{documentId}");
        Assert.Equal(2, doc.GetProperty("translations").GetArrayLength());

        var page = await OpenAsync($"#/documents/{documentId}");
        await page.GetByLabel("Left").SelectOptionAsync(new SelectOptionValue { Label = $"en — Mark H. Doctoroff (#{doc.GetProperty("translations")[0].GetProperty("id")})" });
        await page.GetByLabel("Right").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        var before = await page.EvaluateAsync<string>("() => document.body.dataset.ready");
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare translations" }).ClickAsync();
        await WaitRenderedAsync(page, before);

        await Expect(page.Locator("h1")).ToHaveTextAsync("Compare translations");
        var table = page.Locator("table.compare");
        await Expect(table.Locator("thead")).ToContainTextAsync("Svetlana Savranskaya");
        var changed = table.Locator("tr.pair", new() { HasText = "visited me" });
        await Expect(changed.Locator("td.cell.left del").First).ToBeVisibleAsync();
        await Expect(changed.Locator("td.cell.right ins").First).ToBeVisibleAsync();
        await Expect(changed.Locator(".kind")).ToHaveTextAsync("1:1");
        await Expect(changed.Locator(".similarity")).ToContainTextAsync("% similar");
        await Expect(table.Locator("tr.kind-right-only")).ToContainTextAsync("Translator's note");
        await Expect(page.Locator("#compare-summary")).ToContainTextAsync("1 only on the right");
        AssertNoScriptErrors(page);
    }
}
