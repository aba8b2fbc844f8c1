using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace AIMass.Bench.Suites.ApiLoad;

/// <summary>
/// The web host (embedded silo, portal, API) started from its own build output as a separate process on a free
/// loopback port with a temporary data folder, as a user would run it; stopped and cleaned up on dispose.
/// </summary>
public sealed partial class WebHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDirectory;

    private WebHostProcess(Process process, string dataDirectory, Uri address, string adminKey)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        Address = address;
        AdminKey = adminKey;
    }

    public Uri Address { get; }
    public string AdminKey { get; }
    public int ProcessId => _process.Id;

    /// <summary>Starts the host and waits for its start-up banner.</summary>
    public static async Task<WebHostProcess> StartAsync(string repositoryRoot, IReadOnlyDictionary<string, string> settings, TextWriter log, CancellationToken ct)
    {
        var dll = Path.Combine(repositoryRoot, "web", "AIMass.Web", "bin", Configuration(), "net10.0", "AIMass.Web.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"The web host is not built at {dll}: build web/AIMass.Web first.", dll);
        var data = Path.Combine(Path.GetTempPath(), "aimass-bench-api", Guid.NewGuid().ToString("N"));
        var port = FreePort();
        var adminKey = "bench-admin-" + Guid.NewGuid().ToString("N");
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        start.Environment["AIMass__DataDirectory"] = data;
        start.Environment["AIMass__AdminKey"] = adminKey;
        start.Environment["AIMass__SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["AIMass__GatewayPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings) start.Environment[key] = value;

        var process = Process.Start(start)!;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null && Banner().IsMatch(e.Data)) ready.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) log.WriteLine($"  [web] {e.Data}");
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new WebHostProcess(process, data, new Uri($"http://127.0.0.1:{port}"), adminKey);
        var started = await Task.WhenAny(ready.Task, Task.Delay(TimeSpan.FromSeconds(120), ct), process.WaitForExitAsync(ct));
        if (started != ready.Task)
        {
            await host.DisposeAsync();
            throw new InvalidOperationException("The web host did not print its start-up banner within 120 s.");
        }
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the folder is under the temp directory.
        }
    }

    /// <summary>The build configuration of this process (Release or Debug), from its output folder.</summary>
    private static string Configuration() => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^\s+Portal:\s+http")]
    private static partial Regex Banner();
}
