using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AIMass.Bench.Suites.Cluster;

/// <summary>Starts the Azure Storage emulator on free loopback ports for a benchmark run.</summary>
public sealed class AzuriteRunner : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Process _process;

    private AzuriteRunner(Process process, int blob, int queue, int table)
    {
        _process = process;
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
    }

    public string ConnectionString { get; }

    public static string? Locate(string repositoryRoot)
    {
        var configured = Environment.GetEnvironmentVariable("AIMASS_TEST_AZURITE");
        if (!string.IsNullOrEmpty(configured) && File.Exists(configured)) return configured;
        var candidate = Path.Combine(repositoryRoot, "tests", "node_modules", ".bin", "azurite");
        return File.Exists(candidate) ? candidate : null;
    }

    public static async Task<AzuriteRunner> StartAsync(string executable)
    {
        var (blob, queue, table) = (FreePort(), FreePort(), FreePort());
        var info = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--silent", "--skipApiVersionCheck", "--loose", "--inMemoryPersistence", "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1" })
            info.ArgumentList.Add(a);
        info.ArgumentList.Add("--blobPort"); info.ArgumentList.Add(blob.ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add("--queuePort"); info.ArgumentList.Add(queue.ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add("--tablePort"); info.ArgumentList.Add(table.ToString(CultureInfo.InvariantCulture));
        var process = Process.Start(info)!;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, table);
                break;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
        return new AzuriteRunner(process, blob, queue, table);
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
