using AIMass.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace AIMass.Web.Tests.Browser;

/// <summary>The admin in a real browser: silos with role and devices, workers busy or idle, tenants, the Orleans Dashboard.</summary>
[Collection(WebHostCollection.Name)]
public sealed class AdminPortalTests(WebHostFixture host, BrowserSession browser) : IClassFixture<BrowserSession>
{
    [BrowserFact]
    public async Task The_admin_sees_silos_and_workers_the_tenants_and_the_dashboard()
    {
        await host.TenantAsync("visible-tenant");
        var page = await browser.NewPageAsync(host.BaseAddress);
        await PortalSignIn.SignInAsync(page, host.Factory.AdminKey, "/admin");
        await Expect(page.Locator("[data-user=admin]")).ToBeVisibleAsync();

        var silo = page.Locator(".silo-table tr[data-silo=web-test-silo]");
        await Expect(silo).ToContainTextAsync("cpu");
        await Expect(silo).ToContainTextAsync("Active");
        var worker = page.Locator(".worker-table tr[data-worker='web-test-silo/cpu']");
        await Expect(worker).ToBeVisibleAsync();
        await Expect(worker.Locator("[data-state]")).ToHaveAttributeAsync("data-state", new System.Text.RegularExpressions.Regex("^(busy|idle)$"));
        await BrowserSession.ScreenshotAsync(page, "admin-01-cluster");

        await page.ClickAsync("a[href='/admin/tenants']");
        await Expect(page.Locator(".tenant-table tr[data-tenant=visible-tenant]")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "admin-02-tenants");

        var dashboard = await page.GotoAsync("/dashboard");
        Assert.Equal(200, dashboard!.Status);
        await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
        await BrowserSession.ScreenshotAsync(page, "admin-03-dashboard");

        // Tenant pages are not for the admin key.
        await page.GotoAsync("/datasets");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/denied");
    }
}
