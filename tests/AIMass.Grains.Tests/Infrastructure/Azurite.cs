namespace AIMass.Grains.Tests.Infrastructure;

/// <summary>
/// The Azure Storage emulator, started on free loopback ports for one test class (installed by
/// <c>npm ci</c> in <c>tests/</c>; <c>test.sh</c> does that and sets <c>AIMASS_TEST_AZURITE</c>).
/// </summary>
public sealed class Azurite : IAsyncLifetime
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private ChildProcess? _process;
    private int _blobPort;
    private int _queuePort;
    private int _tablePort;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{_blobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{_queuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{_tablePort}/devstoreaccount1;";

    public async Task InitializeAsync()
    {
        var executable = Locate();
        _blobPort = FreePorts.Next();
        _queuePort = FreePorts.Next();
        _tablePort = FreePorts.Next();
        var folder = Path.Combine(Path.GetTempPath(), "aimass-azurite", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        _process = ChildProcess.Start(executable,
        [
            "--silent", "--skipApiVersionCheck", "--loose", "--inMemoryPersistence",
            "--blobHost", "127.0.0.1", "--blobPort", _blobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", _queuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", _tablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ], folder, new Dictionary<string, string>());
        await FreePorts.WaitForListenerAsync(_tablePort, TimeSpan.FromSeconds(60), () => _process.Output);
        await FreePorts.WaitForListenerAsync(_blobPort, TimeSpan.FromSeconds(30), () => _process.Output);
    }

    public async Task DisposeAsync()
    {
        if (_process is not null) await _process.DisposeAsync();
    }

    private static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable("AIMASS_TEST_AZURITE");
        if (!string.IsNullOrEmpty(configured) && File.Exists(configured)) return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "node_modules", ".bin", "azurite");
            if (File.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException(
            "Azurite is not installed: run `npm ci` in tests/ (./test.sh does it), or set AIMASS_TEST_AZURITE to its executable.");
    }
}
