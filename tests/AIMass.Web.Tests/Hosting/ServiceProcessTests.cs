using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using AIMass.Web.Tests.Infrastructure;

namespace AIMass.Web.Tests.Hosting;

/// <summary>
/// The service as the README starts it, in its own process and outside Development: it prints the portal URL
/// and the demo tenant's key, serves the portal with its scripts and styles, and answers the API with that key.
/// </summary>
public sealed partial class ServiceProcessTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_built_service_starts_prints_its_url_and_demo_key_and_serves_portal_assets_in_production()
    {
        var webOutput = WebOutputFolder();
        var data = Path.Combine(Path.GetTempPath(), "aimass-web-tests", "process-" + Guid.NewGuid().ToString("N"));
        var port = FreePorts.Next();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(webOutput, "AIMass.Web.dll")])
        {
            WorkingDirectory = webOutput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["AIMass__DataDirectory"] = data;
        start.Environment["AIMass__SiloPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["AIMass__GatewayPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["OMP_WAIT_POLICY"] = "PASSIVE";

        using var process = Process.Start(start)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var banner = new TaskCompletionSource<(string Url, string Key)>(TaskCreationOptions.RunContinuationsAsynchronously);
        string? url = null;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            output.Enqueue(e.Data);
            if (PortalLine().Match(e.Data) is { Success: true } portal) url = portal.Groups[1].Value;
            if (KeyLine().Match(e.Data) is { Success: true } key && url is not null) banner.TrySetResult((url, key.Groups[1].Value));
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var ready = await Task.WhenAny(banner.Task, Task.Delay(TimeSpan.FromSeconds(90)));
            Assert.True(ready == banner.Task, "no start-up banner within 90 s; output:\n" + string.Join("\n", output));
            var (portalUrl, demoKey) = await banner.Task;
            Assert.Equal($"http://127.0.0.1:{port}", portalUrl);
            Assert.StartsWith("aim.demo.", demoKey);
            Assert.Contains(output, line => line.Contains(Path.Combine(data, "admin.key"), StringComparison.Ordinal));

            using var http = new HttpClient { BaseAddress = new Uri(portalUrl) };
            var signin = await http.GetAsync("/signin");
            Assert.Equal(HttpStatusCode.OK, signin.StatusCode);
            var html = await signin.Content.ReadAsStringAsync();
            foreach (var asset in new[] { ScriptPath().Match(html).Groups[1].Value, StylePath().Match(html).Groups[1].Value })
            {
                Assert.False(string.IsNullOrEmpty(asset), "the page links blazor.web.js and MudBlazor's stylesheet");
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/" + asset)).StatusCode);
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", demoKey);
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);

            // The demo key is printed once, in the banner, and never written to the log.
            Assert.Single(output, line => line.Contains(demoKey, StringComparison.Ordinal));

            // The data folder and everything in it are the service user's only.
            using var upload = new HttpRequestMessage(HttpMethod.Post, "/api/datasets")
            {
                Content = new MultipartFormDataContent { { new ByteArrayContent("x,y\n1,2\n3,4\n"u8.ToArray()), "file", "small.csv" } },
            };
            upload.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", demoKey);
            Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(upload)).StatusCode);
            const UnixFileMode owner = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            Assert.Equal(owner | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
            Assert.Equal(owner | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(data, "artifacts")));
            Assert.Equal(owner, File.GetUnixFileMode(Path.Combine(data, "aimass.db")));
            Assert.Equal(owner, File.GetUnixFileMode(Path.Combine(data, "admin.key")));
            var files = Directory.GetFiles(data, "*", SearchOption.AllDirectories);
            Assert.Contains(files, f => f.EndsWith(".csv", StringComparison.Ordinal));
            Assert.All(files, f => Assert.True(File.GetUnixFileMode(f) == owner, $"{f} is {File.GetUnixFileMode(f)}"));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the folder is under the temp directory.
            }
        }
    }

    /// <summary>The web project's own build output of the same configuration as these tests.</summary>
    private static string WebOutputFolder()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var root = testOutput;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "AIMass.Orleans.sln"))) root = root.Parent;
        Assert.NotNull(root);
        var folder = Path.Combine(root.FullName, "web", "AIMass.Web", "bin", configuration, framework);
        Assert.True(File.Exists(Path.Combine(folder, "AIMass.Web.dll")), $"the web host is built at {folder}");
        return folder;
    }

    [GeneratedRegex(@"Portal:\s+(\S+)")]
    private static partial Regex PortalLine();

    [GeneratedRegex(@"API key: (aim\.\S+)")]
    private static partial Regex KeyLine();

    [GeneratedRegex("src=\"(_framework/blazor\\.web[^\"]*\\.js)\"")]
    private static partial Regex ScriptPath();

    [GeneratedRegex("href=\"(_content/MudBlazor/MudBlazor[^\"]*\\.css)\"")]
    private static partial Regex StylePath();
}
