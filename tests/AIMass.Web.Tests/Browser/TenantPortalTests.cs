using System.Globalization;
using AIMass.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace AIMass.Web.Tests.Browser;

/// <summary>
/// The tenant's whole loop in a real browser: sign in, upload iris, create a study from the portal, watch the
/// trial table and leaderboard fill live, open the best model and predict a row, sign out.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class TenantPortalTests(WebHostFixture host, BrowserSession browser) : IClassFixture<BrowserSession>
{
    private const int Trials = 8;

    [BrowserFact]
    public async Task A_tenant_signs_in_uploads_iris_runs_a_study_predicts_with_the_best_model_and_signs_out()
    {
        var key = await host.CreateTenantAsync("portal-user");
        var page = await browser.NewPageAsync(host.BaseAddress);
        try
        {
            await RunJourneyAsync(page, key);
        }
        catch
        {
            await BrowserSession.ScreenshotAsync(page, "tenant-failure");
            throw;
        }
    }

    private static async Task RunJourneyAsync(Microsoft.Playwright.IPage page, string key)
    {

        // Sign in: an unknown visitor is sent to the sign-in page; a wrong key is refused where it was typed.
        await page.GotoAsync("/studies");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/signin");
        await page.FillAsync("#api-key", "aim.portal-user.00000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        await page.ClickAsync("#sign-in");
        await Expect(page.Locator("#signin-error")).ToContainTextAsync("not accepted");
        await BrowserSession.ScreenshotAsync(page, "tenant-01-signin-refused");
        await PortalSignIn.SignInAsync(page, key, "/");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Overview");
        await Expect(page.Locator("[data-user=portal-user]")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "tenant-02-overview");

        // Upload iris with the data sets page's uploader.
        await page.ClickAsync("a[href='/datasets']");
        await page.WaitForURLAsync("**/datasets");
        await page.SetInputFilesAsync("#dataset-file", TestSamples.Path("iris.csv"));
        await Expect(page.Locator("#dataset-id")).ToHaveValueAsync("iris");
        await BrowserSession.ScreenshotAsync(page, "tenant-03-upload");
        await page.ClickAsync("#upload-button");
        await page.WaitForURLAsync("**/datasets/iris");
        await Expect(page.Locator("td[data-column=species]")).ToBeVisibleAsync();
        await Expect(page.Locator(".schema-table tbody tr")).ToHaveCountAsync(5);
        await BrowserSession.ScreenshotAsync(page, "tenant-04-dataset");

        // Create a small study from the form (defaults: target = last column, task detected).
        await page.ClickAsync("#new-study-from-dataset");
        await page.WaitForURLAsync("**/studies/new?dataset=iris");
        await Expect(page.Locator(".summary-card")).ToContainTextAsync("classification");
        await SetFieldAsync(page, "#max-trials", Trials.ToString(CultureInfo.InvariantCulture));
        await SetFieldAsync(page, "#max-epochs", "60");
        await BrowserSession.ScreenshotAsync(page, "tenant-05-new-study");
        await page.ClickAsync("#create-study");
        await page.WaitForURLAsync("**/studies/species-on-iris");

        // The page updates itself: the count of finished trials grows without any reload.
        var progress = page.Locator(".progress-card");
        await Expect(progress).ToBeVisibleAsync();
        var firstSeen = int.Parse((await progress.GetAttributeAsync("data-finished"))!, CultureInfo.InvariantCulture);
        await Expect(page.Locator(".trial-table tbody tr").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await BrowserSession.ScreenshotAsync(page, "tenant-06-study-running");
        await Expect(page.Locator("[data-study-status=Completed]")).ToBeVisibleAsync(new() { Timeout = 240_000 });
        var finished = int.Parse((await progress.GetAttributeAsync("data-finished"))!, CultureInfo.InvariantCulture);
        Assert.True(firstSeen < finished, $"the page first showed {firstSeen} finished trials and then {finished}, without a reload");
        // Every finished trial has its row (the budget of trials covers the search and the later stages, so a study may
        // finish with fewer than its maximum); the last rows may render just after the status does.
        await Expect(page.Locator(".trial-table tbody tr")).ToHaveCountAsync(finished);
        await Expect(page.Locator("svg[data-chart=history] circle.point").First).ToBeVisibleAsync();
        await Expect(page.Locator("svg[data-chart=intermediate] polyline.curve").First).ToBeVisibleAsync();
        await Expect(page.Locator("svg[data-chart=parallel] path.pc-line").First).ToBeVisibleAsync();

        // The leaderboard is filled, and the best model's validation accuracy is at least 0.9.
        var best = page.Locator(".leaderboard[data-scenario=accurate] tr[data-rank='1']");
        await Expect(best).ToBeVisibleAsync();
        var accuracy = double.Parse(await best.Locator(".validation-score").InnerTextAsync(), CultureInfo.InvariantCulture);
        Assert.True(accuracy >= 0.9, $"best validation accuracy {accuracy}");
        await BrowserSession.ScreenshotAsync(page, "tenant-07-study-completed");

        // Open the best model and predict one row (a setosa flower).
        await page.ClickAsync("#open-best-model");
        await page.WaitForURLAsync("**/models/species-on-iris/*");
        await Expect(page.Locator("#test-metrics")).ToContainTextAsync("accuracy");
        await SetFieldAsync(page, "[data-column='sepal_length_(cm)'] input", "5.1");
        await SetFieldAsync(page, "[data-column='sepal_width_(cm)'] input", "3.5");
        await SetFieldAsync(page, "[data-column='petal_length_(cm)'] input", "1.4");
        await SetFieldAsync(page, "[data-column='petal_width_(cm)'] input", "0.2");
        await page.ClickAsync("#predict-button");
        await Expect(page.Locator("#prediction-value")).ToHaveTextAsync("setosa");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-model"));
        Assert.Matches("^species-on-iris-trial-\\d+\\.zip$", download.SuggestedFilename);
        var artifact = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal("PK"u8.ToArray(), artifact[..2]);
        await BrowserSession.ScreenshotAsync(page, "tenant-08-model");

        // Admin pages are not for a tenant's key.
        await page.GotoAsync("/dashboard");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/denied");
        await page.GotoAsync("/keys");
        await BrowserSession.WaitForInteractiveAsync(page);
        await Expect(page.Locator(".keys-table tbody tr")).ToHaveCountAsync(1);
        await BrowserSession.ScreenshotAsync(page, "tenant-09-keys");

        // Sign out: the session ends and pages send the visitor back to sign in.
        await page.ClickAsync("#sign-out");
        await page.WaitForURLAsync("**/signin?signedOut=true");
        await Expect(page.Locator("#signed-out")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "tenant-10-signed-out");
        await page.GotoAsync("/studies");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/signin");
    }

    /// <summary>Types into a MudBlazor field and leaves it, so that its change event commits the value.</summary>
    private static async Task SetFieldAsync(IPage page, string selector, string value)
    {
        await page.FillAsync(selector, value);
        await page.PressAsync(selector, "Tab");
    }
}
