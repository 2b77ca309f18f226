using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Provenance.Testing;
using Provenance.Ui.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Provenance.Ui.Tests;

/// <summary>The document page marks a translation whose original was revised since, with the passages to review.</summary>
public sealed class SourceReviewTests(TestPostgres postgres, UiHost host) : UiTest(postgres, host)
{
    private static async Task<JsonElement> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task A_translation_of_an_older_original_shows_a_needs_review_marker_with_the_changed_passages()
    {
        using var editor = Host.CreateApiClient(await Host.CreateKeyAsync($"Source editor {Guid.NewGuid():N}", "editor"));
        using var admin = Host.CreateApiClient();
        var id = (await PostAsync(editor, "/api/documents", new { title = $"Dobrynin to the MFA {Guid.NewGuid():N}", originalLanguage = "ru" })).GetProperty("id").GetInt64();
        var original = await PostAsync(editor, $"/api/documents/{id}/translations", new
        {
            language = "ru", kind = "original", contributors = new[] { new { name = "AVP RF", role = "transcriber" } },
            text = "Р. Кеннеди приехал ко мне.\n\nПрезидент чувствует себя обманутым.\n",
        });
        var originalId = original.GetProperty("id").GetInt64();
        var first = original.GetProperty("revisionId").GetInt64();
        await PostAsync(admin, $"/api/revisions/{first}/review", new { decision = "approve" });
        var translation = await PostAsync(editor, $"/api/documents/{id}/translations", new
        {
            language = "en", kind = "translation", contributors = new[] { new { name = "Mark H. Doctoroff", role = "translator" } },
            text = "R. Kennedy came to visit me.\n\nThe President feels deceived.\n", sourceRevisionId = first,
        });
        var translationId = translation.GetProperty("id").GetInt64();
        await PostAsync(admin, $"/api/revisions/{translation.GetProperty("revisionId").GetInt64()}/review", new { decision = "approve" });

        var page = await OpenAsync($"#/documents/{id}");
        await Expect(page.Locator("#translations .needs-review")).ToHaveCountAsync(0);
        await page.CloseAsync();

        var second = await PostAsync(editor, $"/api/translations/{originalId}/revisions", new
        {
            baseRevisionId = first, summary = "Corrected against the archival copy",
            text = "Р. Кеннеди приехал ко мне.\n\nПрезидент чувствует себя обманутым и оскорблённым.\n",
        });
        await PostAsync(admin, $"/api/revisions/{second.GetProperty("id").GetInt64()}/review", new { decision = "approve" });

        page = await OpenAsync($"#/documents/{id}");
        var marker = page.Locator("#translations .needs-review");
        await Expect(marker).ToHaveCountAsync(1);
        var row = page.Locator("#translations tr").Filter(new() { Has = page.Locator(".needs-review") });
        await Expect(row).ToContainTextAsync("Mark H. Doctoroff");
        var review = page.Locator($"#source-review-{translationId}");
        await Expect(review).ToContainTextAsync("renders revision 1 of the original, which is now at revision 2: 1 passage to review");
        var passage = review.Locator("ol.changed-passages > li");
        await Expect(passage).ToBeHiddenAsync();
        await marker.ClickAsync();
        await Expect(passage).ToHaveCountAsync(1);
        await Expect(passage).ToBeVisibleAsync();
        await Expect(passage).ToContainTextAsync("Original ¶2 → ¶2 · translation ¶2");
        await Expect(passage.Locator("blockquote.now")).ToContainTextAsync("обманутым и оскорблённым");
        await Expect(passage.Locator("blockquote.rendering")).ToContainTextAsync("The President feels deceived.");
        AssertNoScriptErrors(page);
    }
}
