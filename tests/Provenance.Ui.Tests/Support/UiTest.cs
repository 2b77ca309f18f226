using Microsoft.Playwright;
using Provenance.Testing;

namespace Provenance.Ui.Tests.Support;

/// <summary>Base of UI test classes: starts the class's host before each test and opens pages on it.</summary>
[Collection(UiCollection.Name)]
public abstract class UiTest(TestPostgres postgres, UiHost host) : IAsyncLifetime, IClassFixture<UiHost>
{
    protected UiHost Host { get; } = host;

    public Task InitializeAsync() => Host.StartAsync(postgres);

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Opens a route (e.g. <c>#/documents/1</c>) and waits until the page has rendered it.</summary>
    protected async Task<IPage> OpenAsync(string route, int width = 1280, int height = 900)
    {
        var page = await Host.NewPageAsync(width, height);
        await GoAsync(page, route);
        return page;
    }

    protected static async Task GoAsync(IPage page, string route)
    {
        var before = await page.EvaluateAsync<string?>("() => document.body?.dataset.ready ?? null").ConfigureAwait(false);
        if (page.Url == "about:blank")
        {
            await page.GotoAsync("/" + route);
        }
        else
        {
            await page.EvaluateAsync("r => { location.hash = r; }", route);
        }

        await WaitRenderedAsync(page, before);
    }

    /// <summary>Waits for the router to finish a render newer than <paramref name="before"/>.</summary>
    protected static Task WaitRenderedAsync(IPage page, string? before) =>
        page.WaitForFunctionAsync("b => document.body.dataset.ready && document.body.dataset.ready !== b", before);

    /// <summary>Signs in through the sign-in page with <paramref name="key"/> and waits for the account box to name its owner.</summary>
    protected static async Task SignInAsync(IPage page, string key, string name)
    {
        await GoAsync(page, "#/signin");
        await page.GetByLabel("API key").FillAsync(key);
        var before = await page.EvaluateAsync<string>("() => document.body.dataset.ready");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await WaitRenderedAsync(page, before);
        await Assertions.Expect(page.Locator("#signed-in-name")).ToHaveTextAsync(name);
    }

    /// <summary>Clicks something that changes the route and waits for the new page.</summary>
    protected static async Task ClickAndWaitAsync(IPage page, ILocator target)
    {
        var before = await page.EvaluateAsync<string>("() => document.body.dataset.ready");
        await target.ClickAsync();
        await WaitRenderedAsync(page, before);
    }

    protected void AssertNoScriptErrors(IPage page) =>
        Assert.True(Host.Errors[page].Count == 0, "Script errors: " + string.Join(" | ", Host.Errors[page]));
}
