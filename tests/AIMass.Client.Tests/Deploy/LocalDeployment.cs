using System.Diagnostics;
using System.Text.Json;
using AIMass.Client.Tests.Infrastructure;

namespace AIMass.Client.Tests.Deploy;

/// <summary>
/// <c>deploy/local/run-local.sh</c> running as a child process: Azurite, two silo processes (fake-GPU and cpu)
/// clustered through Azure tables with mutual TLS, and (when asked) the web host in client mode; on loopback, or
/// (<c>netns</c>) each process in a network namespace of its own. Stopped with SIGTERM.
/// </summary>
public sealed class LocalDeployment : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _log = [];

    private LocalDeployment(Process process, JsonElement ready)
    {
        _process = process;
        Ready = ready;
    }

    /// <summary>The script's ready line: web, adminKey, connectionString, clusterId, serviceId, silos, tls, netns, work.</summary>
    public JsonElement Ready { get; }

    public string ConnectionString => Ready.GetProperty("connectionString").GetString()!;

    public string ClusterId => Ready.GetProperty("clusterId").GetString()!;

    public string? Web => Ready.GetProperty("web").GetString() is { Length: > 0 } web ? web : null;

    public string AdminKey => Ready.GetProperty("adminKey").GetString()!;

    /// <summary>The silo named <paramref name="name"/>: pid, address, gatewayPort, health (its /healthz and /readyz base URL).</summary>
    public JsonElement Silo(string name) => Ready.GetProperty("silos").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);

    /// <summary>The cluster TLS settings of a client the script issued a certificate to.</summary>
    public AIMass.Grains.Cluster.ClusterTlsOptions ClientTls => new()
    {
        CertificatePath = Ready.GetProperty("tls").GetProperty("certificate").GetString(),
        KeyPath = Ready.GetProperty("tls").GetProperty("key").GetString(),
        AuthorityPath = Ready.GetProperty("tls").GetProperty("authority").GetString(),
    };

    public static async Task<LocalDeployment> StartAsync(bool web, TimeSpan timeout, bool netns = false)
    {
        var script = Path.Combine(TestPaths.RepositoryRoot, "deploy", "local", "run-local.sh");
        var arguments = new List<string> { script, "--config", TestPaths.Configuration, "--no-build" };
        if (!web) arguments.Add("--no-web");
        if (netns) arguments.Add("--netns");
        var start = new ProcessStartInfo("bash", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestPaths.RepositoryRoot,
        };
        var azurite = Environment.GetEnvironmentVariable("AIMASS_TEST_AZURITE");
        if (!string.IsNullOrEmpty(azurite)) start.Environment["AIMASS_AZURITE"] = azurite;
        var process = Process.Start(start)!;
        var errors = new List<string>();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (errors) errors.Add(e.Data); };
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(cancel.Token);
                if (line is null)
                {
                    await process.WaitForExitAsync(CancellationToken.None);
                    throw new InvalidOperationException($"run-local.sh exited with {process.ExitCode} before it was ready:\n{string.Join('\n', errors)}");
                }
                const string marker = "AIMASS_LOCAL_READY ";
                if (line.StartsWith(marker, StringComparison.Ordinal))
                {
                    var ready = JsonDocument.Parse(line[marker.Length..]).RootElement.Clone();
                    var deployment = new LocalDeployment(process, ready);
                    _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    return deployment;
                }
            }
        }
        catch (OperationCanceledException)
        {
            Stop(process);
            throw new TimeoutException($"run-local.sh was not ready within {timeout}:\n{string.Join('\n', errors)}");
        }
    }

    /// <summary>The tail of a process's log (gpu-0, cpu-0, web, azurite), for failure messages.</summary>
    public string LogTail(string name, int lines = 40)
    {
        var path = Path.Combine(Ready.GetProperty("work").GetString()!, "logs", name + ".log");
        return File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(lines)) : $"(no {path})";
    }

    public async ValueTask DisposeAsync()
    {
        Stop(_process);
        await Task.CompletedTask;
        try
        {
            Directory.Delete(Ready.GetProperty("work").GetString()!, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>SIGTERM (the script stops its children), then a kill if it lingers.</summary>
    private static void Stop(Process process)
    {
        if (process.HasExited) return;
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }
        if (!process.WaitForExit(40_000)) process.Kill(entireProcessTree: true);
        process.Dispose();
    }
}
