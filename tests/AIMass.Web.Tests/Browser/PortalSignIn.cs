using Microsoft.Playwright;

namespace AIMass.Web.Tests.Browser;

/// <summary>Signs a page in through the sign-in form.</summary>
public static class PortalSignIn
{
    public static async Task SignInAsync(IPage page, string key, string expectedPath)
    {
        await page.GotoAsync("/signin");
        await page.FillAsync("#api-key", key);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == expectedPath);
        await BrowserSession.WaitForInteractiveAsync(page);
    }
}
