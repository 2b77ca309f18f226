using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Provenance.Testing;

namespace Provenance.Ui.Tests.Support;

/// <summary>
/// Per test class: one API on a real port over its own seeded database, and one headless Chromium
/// (Debian's /usr/bin/chromium; nothing is downloaded). Started by the first test, stopped with the class.
/// </summary>
public sealed class UiHost : IAsyncDisposable
{
    public const string AdminKey = "pvk_ui-tests-bootstrap-admin-key-0123456789";
    private static readonly string ChromiumPath = Environment.GetEnvironmentVariable("PROVENANCE_CHROMIUM") ?? "/usr/bin/chromium";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private KestrelApiFactory? _api;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public KestrelApiFactory Api => _api ?? throw new InvalidOperationException("Call StartAsync first.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Call StartAsync first.");

    public Uri BaseAddress => Api.BaseAddress;

    public async Task StartAsync(TestPostgres postgres)
    {
        await _gate.WaitAsync();
        try
        {
            if (_api is not null)
            {
                return;
            }

            _api = await KestrelApiFactory.StartAsync(postgres, new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["Provenance:BootstrapAdminKey"] = AdminKey,
            });
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--no-first-run", "--disable-sync", "--disable-quic",
                ],
            });
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A fresh browser context (its own sessionStorage) and page at 1280×900.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        // Playwright waits for what a test expects to appear; this limit only catches a page that never gets there,
        // so it is far above what a loaded machine needs.
        context.SetDefaultTimeout(120_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && !m.Text.Contains("status of 4", StringComparison.Ordinal))
            {
                errors.Add(m.Text);
            }
        };
        Errors[page] = errors;
        return page;
    }

    /// <summary>Script errors a page reported (uncaught exceptions and console errors other than 4xx fetches).</summary>
    public Dictionary<IPage, List<string>> Errors { get; } = [];

    public HttpClient CreateApiClient(string? key = AdminKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>Creates a contributor with the given roles through POST /api/keys; returns the key.</summary>
    public async Task<string> CreateKeyAsync(string name, params string[] roles)
    {
        using var admin = CreateApiClient();
        using var response = await admin.PostAsJsonAsync("/api/keys", new { name, roles });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /api/keys: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("key").GetString()!;
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var client = CreateApiClient();
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Imports an archive record through POST /api/imports with the admin key, published as a migration; returns the answer.</summary>
    public async Task<JsonElement> ImportAsync(string record)
    {
        using var client = CreateApiClient();
        using var content = new StringContent(record, System.Text.Encoding.UTF8, "text/markdown");
        using var response = await client.PostAsync("/api/imports?publish=true", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /api/imports: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>POST /api/translations/{id}/revisions as <paramref name="key"/>; returns the status and body.</summary>
    public async Task<(int Status, JsonElement Body)> SubmitAsync(string key, long translationId, long baseRevisionId, string text, string summary)
    {
        using var client = CreateApiClient(key);
        using var response = await client.PostAsJsonAsync($"/api/translations/{translationId}/revisions", new { baseRevisionId, text, summary });
        var body = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }

    public async Task ReviewAsync(string key, long revisionId, string decision, string comment)
    {
        using var client = CreateApiClient(key);
        using var response = await client.PostAsJsonAsync($"/api/revisions/{revisionId}/review", new { decision, comment });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"review: {(int)response.StatusCode} {body}");
    }

    /// <summary>The seed's first translation: its id and its newest revision (id and text).</summary>
    public async Task<(long Translation, long Head, string Text)> SeedTranslationAsync()
    {
        var list = await GetJsonAsync("/api/documents?q=Dobrynin");
        return await TranslationOfAsync(list.GetProperty("items")[0].GetProperty("id").GetInt64());
    }

    /// <summary>
    /// Imports a copy of the seed as a document of its own (tests of one class share a database, so each
    /// test that writes gets its own translation); returns the translation and its revision (id and text).
    /// </summary>
    public async Task<(long Translation, long Head, string Text)> FreshTranslationAsync([System.Runtime.CompilerServices.CallerMemberName] string tag = "")
    {
        var imported = await ImportAsync(SeedRecords.Unique(tag));
        return await TranslationOfAsync(imported.GetProperty("documentId").GetInt64());
    }

    /// <summary>
    /// A document of its own with two translations to compare: Doctoroff's opening (left) and an FBIS transcript of
    /// another rendering (right), added through the API; returns the document and the two translations.
    /// </summary>
    public async Task<(long Document, long Left, long Right)> ComparedPairAsync()
    {
        using var client = CreateApiClient();
        var document = await PostAsync(client, "/api/documents", new { title = "Dobrynin to the USSR MFA, 24 October 1962: two renderings", date = "1962-10-24", originalLanguage = "ru" });
        var id = document.GetProperty("id").GetInt64();
        var left = await PostAsync(client, $"/api/documents/{id}/translations", Translation("Mark H. Doctoroff", SeedRecords.DoctoroffOpening()));
        var right = await PostAsync(client, $"/api/documents/{id}/translations", Translation("Foreign Broadcast Information Service", SeedRecords.FbisTranscript()));
        return (id, left.GetProperty("id").GetInt64(), right.GetProperty("id").GetInt64());

        static object Translation(string translator, string text) =>
            new { language = "en", kind = "translation", contributors = new[] { new { name = translator, role = "translator" } }, text };

        static async Task<JsonElement> PostAsync(HttpClient client, string path, object body)
        {
            using var response = await client.PostAsJsonAsync(path, body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }

    private async Task<(long Translation, long Head, string Text)> TranslationOfAsync(long documentId)
    {
        var doc = await GetJsonAsync($"/api/documents/{documentId}");
        var translation = doc.GetProperty("translations")[0];
        var head = translation.GetProperty("headRevisionId").GetInt64();
        var revision = await GetJsonAsync($"/api/revisions/{head}");
        return (translation.GetProperty("id").GetInt64(), head, revision.GetProperty("text").GetString()!);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        _gate.Dispose();
    }
}
