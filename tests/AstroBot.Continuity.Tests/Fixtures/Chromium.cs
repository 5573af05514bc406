using Microsoft.Playwright;

namespace AstroBot.Continuity.Tests.Fixtures;

/// <summary>
/// Debian's chromium driven by Playwright, for the pages people look at (the export's readable page, the status
/// page, the SLA report): one headless browser per test class (<c>IClassFixture&lt;Chromium&gt;</c>), each page in a
/// fresh context. No browser is downloaded: <c>eng/test</c> installs the <c>chromium</c> package, and
/// <c>CONTINUITY_TEST_CHROMIUM</c> names another binary. A missing browser fails the test, it never skips it.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    /// <summary>Flags that keep Chromium off this machine's closed network and its sandbox (tests run as root).</summary>
    private static readonly string[] QuietFlags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? playwright;
    private IBrowser? browser;

    public static string ExecutablePath { get; } =
        Environment.GetEnvironmentVariable("CONTINUITY_TEST_CHROMIUM") ?? "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"No Chromium at {ExecutablePath}: eng/test installs Debian's chromium package (apt-get install -y chromium), or set CONTINUITY_TEST_CHROMIUM.");
        }

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Headless = true, Args = QuietFlags });
    }

    /// <summary>
    /// Opens <paramref name="html"/> (as a file a person opens: no server behind it) and records every request the
    /// page makes, so a test can show that a self-contained page loads nothing.
    /// </summary>
    public async Task<OpenedPage> OpenHtmlAsync(string html)
    {
        var page = await NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        await page.SetContentAsync(html, new() { WaitUntil = WaitUntilState.Load });
        return new OpenedPage(page, requests);
    }

    /// <summary>Opens <paramref name="url"/> (a local host's page) and waits until it has loaded.</summary>
    public async Task<OpenedPage> OpenAsync(Uri url)
    {
        var page = await NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        var response = await page.GotoAsync(url.ToString(), new() { WaitUntil = WaitUntilState.Load });
        return new OpenedPage(page, requests, response?.Status);
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await (browser ?? throw new InvalidOperationException("The browser is not started.")).NewContextAsync();
        return await context.NewPageAsync();
    }
}

/// <summary>A page open in <see cref="Chromium"/>, with the URLs it requested after opening and the HTTP status it was served with.</summary>
public sealed record OpenedPage(IPage Page, IReadOnlyList<string> Requests, int? Status = null) : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await Page.Context.CloseAsync();
}
