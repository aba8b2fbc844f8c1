namespace AIMass.Web.Tests.Browser;

/// <summary>
/// A browser test: it needs Debian's Chromium at <see cref="BrowserSession.ChromiumPath"/>. Without it the test is
/// skipped with a message saying so, except under CI (<c>CI</c> set), where a missing browser is a failure.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!File.Exists(BrowserSession.ChromiumPath) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Skip = $"Browser tests need Debian's Chromium at {BrowserSession.ChromiumPath} (apt-get install -y chromium); it is not installed here. " +
                   "Under CI (CI set) a missing browser fails the test instead.";
        }
    }
}
