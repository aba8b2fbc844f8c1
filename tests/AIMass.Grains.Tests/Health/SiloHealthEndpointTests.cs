using System.Globalization;
using System.Net;
using System.Text.Json;
using AIMass.Grains.Tests.Infrastructure;
using AIMass.Tests.Shared;

namespace AIMass.Grains.Tests.Health;

/// <summary>
/// A standalone scaled-out silo process serves /healthz and /readyz on AIMass:HealthUrl; when its storage (Azurite)
/// goes away, readiness fails naming storage while liveness still answers.
/// </summary>
public sealed class SiloHealthEndpointTests
{
    [Fact]
    public async Task Readiness_fails_when_storage_is_down_and_liveness_does_not()
    {
        using var data = TemporaryFolder.Create();
        using var certificates = new TestCertificates(Path.Combine(data.Path, "tls"));
        var azurite = new Azurite();
        await azurite.InitializeAsync();
        var stopped = false;
        try
        {
            var healthPort = FreePorts.Next();
            var environment = SiloProcess.BaseEnvironment(Path.Combine(data.Path, "silo"), FreePorts.Next(), FreePorts.Next(), "lone", "cpu");
            environment["AIMass__Storage"] = "AzureStorage";
            environment["AIMass__AzureStorageConnectionString"] = azurite.ConnectionString;
            environment["AIMass__ClusterId"] = environment["AIMass__ServiceId"] = $"h{Guid.NewGuid():N}"[..12];
            environment["AIMass__AdvertisedAddress"] = "127.0.0.1";
            environment["AIMass__HealthUrl"] = $"http://127.0.0.1:{healthPort.ToString(CultureInfo.InvariantCulture)}";
            foreach (var (key, value) in certificates.Environment("lone")) environment[key] = value;
            await using var silo = await SiloProcess.StartAsync(environment);
            using var http = new HttpClient { BaseAddress = new Uri(environment["AIMass__HealthUrl"]), Timeout = TimeSpan.FromSeconds(40) };

            var ready = await PollAsync(http, "/readyz", HttpStatusCode.OK, silo);
            Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("storage").GetProperty("status").GetString());

            await azurite.DisposeAsync();
            stopped = true;
            var down = await PollAsync(http, "/readyz", HttpStatusCode.ServiceUnavailable, silo);
            Assert.Equal("Unhealthy", down.GetProperty("checks").GetProperty("storage").GetProperty("status").GetString());
            Assert.Contains("storage is not answering", down.GetProperty("checks").GetProperty("storage").GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        }
        finally
        {
            if (!stopped) await azurite.DisposeAsync();
        }
    }

    /// <summary>Asks until the endpoint answers <paramref name="expected"/> (the listener starts after the silo joins).</summary>
    private static async Task<JsonElement> PollAsync(HttpClient http, string path, HttpStatusCode expected, SiloProcess silo)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        var last = "(no answer)";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var response = await http.GetAsync(path);
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                if (response.StatusCode == expected) return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }
            await Task.Delay(500);
        }
        throw new TimeoutException($"{path} never answered {(int)expected}; last: {last}\n{silo.Process.Output}");
    }
}
