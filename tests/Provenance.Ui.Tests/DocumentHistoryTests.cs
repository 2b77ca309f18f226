using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Provenance.Testing;
using Provenance.Ui.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Provenance.Ui.Tests;

/// <summary>The document page's history shows metadata changes, with their field diffs, beside text revisions.</summary>
public sealed class DocumentHistoryTests(TestPostgres postgres, UiHost host) : UiTest(postgres, host)
{
    private static async Task<JsonElement> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task Metadata_changes_appear_beside_text_revisions_with_their_field_diff()
    {
        using var editor = Host.CreateApiClient(await Host.CreateKeyAsync($"History editor {Guid.NewGuid():N}", "editor"));
        using var admin = Host.CreateApiClient();
        var document = await PostAsync(editor, "/api/documents", new
        {
            title = $"Letter of a Geniza merchant {Guid.NewGuid():N}",
            originalLanguage = "jrb",
            custody = new[] { new { holder = "Ben Ezra Synagogue", relation = "kept in its genizah", place = "Fustat" } },
        });
        var id = document.GetProperty("id").GetInt64();
        await PostAsync(editor, $"/api/documents/{id}/translations", new
        {
            language = "en", kind = "translation", contributors = new[] { new { name = "Marina Rustow", role = "translator" } },
            text = "I am writing to you from Damsīs.\n", summary = "First English text",
        });
        var change = await PostAsync(editor, $"/api/documents/{id}/changes", new
        {
            summary = "Custody reaches Cambridge",
            fields = new
            {
                custody = new[]
                {
                    new { holder = "Ben Ezra Synagogue", relation = "kept in its genizah", place = "Fustat" },
                    new { holder = "Cambridge University Library", relation = "holds the original", place = "Cambridge" },
                },
            },
        });
        await PostAsync(admin, $"/api/metadata-changes/{change.GetProperty("id").GetInt64()}/review", new { decision = "approve" });

        var page = await OpenAsync($"#/documents/{id}");
        var history = page.Locator("#document-history");
        var metadata = history.Locator("li.metadata-change");
        await Expect(metadata).ToHaveCountAsync(1);
        await Expect(metadata).ToContainTextAsync("Custody reaches Cambridge");
        await Expect(metadata).ToContainTextAsync("approved");
        var row = metadata.GetByRole(AriaRole.Row, new() { Name = "custody" });
        await Expect(row.Locator("del")).ToHaveTextAsync("Ben Ezra Synagogue, kept in its genizah, Fustat");
        await Expect(row.Locator("ins")).ToContainTextAsync("Cambridge University Library, holds the original, Cambridge");

        var text = history.Locator("li.text-revision");
        await Expect(text).ToHaveCountAsync(1);
        await Expect(text).ToContainTextAsync("First English text");
        await Expect(text).ToContainTextAsync("proposed");
        // Newest first: the metadata change was made after the text.
        await Expect(history.Locator("li").First).ToHaveClassAsync("metadata-change");
        await Expect(page.Locator("#custody")).ToContainTextAsync("Cambridge University Library");
        AssertNoScriptErrors(page);
    }
}
