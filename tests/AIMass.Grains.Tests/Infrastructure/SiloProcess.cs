using System.Globalization;

namespace AIMass.Grains.Tests.Infrastructure;

/// <summary>A standalone AIMass silo in its own process (the AIMass.Silo program copied next to the tests).</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private SiloProcess(ChildProcess process, int gatewayPort)
    {
        Process = process;
        GatewayPort = gatewayPort;
    }

    public ChildProcess Process { get; }
    public int GatewayPort { get; }

    /// <summary>Settings every test silo shares: short leases and quiet logs.</summary>
    public static Dictionary<string, string> BaseEnvironment(string dataDirectory, int siloPort, int gatewayPort, string name, string devices) => new()
    {
        ["OMP_WAIT_POLICY"] = "PASSIVE",
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__AIMass"] = "Information",
        ["AIMass__DataDirectory"] = dataDirectory,
        ["AIMass__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
        ["AIMass__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
        ["AIMass__Silo__Name"] = name,
        ["AIMass__Silo__Devices"] = devices,
        ["AIMass__Silo__CpuSlots"] = "1",
        ["AIMass__Scheduling__LeaseDuration"] = "00:00:04",
        ["AIMass__Scheduling__HeartbeatInterval"] = "00:00:00.500",
        ["AIMass__Scheduling__TickInterval"] = "00:00:00.500",
    };

    public static async Task<SiloProcess> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var gateway = int.Parse(environment["AIMass__GatewayPort"], CultureInfo.InvariantCulture);
        var process = ChildProcess.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "AIMass.Silo.dll")], AppContext.BaseDirectory, environment);
        await FreePorts.WaitForListenerAsync(gateway, TimeSpan.FromSeconds(90), () => process.Output);
        return new SiloProcess(process, gateway);
    }

    public async ValueTask DisposeAsync() => await Process.DisposeAsync();
}
