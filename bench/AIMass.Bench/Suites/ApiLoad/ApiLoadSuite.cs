using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AIMass.Bench.Infrastructure;

namespace AIMass.Bench.Suites.ApiLoad;

/// <summary>
/// <c>api</c>: the HTTP API under load on loopback. The web host runs as its own process (embedded silo, SQLite)
/// with a study training on iris; <c>--clients</c> concurrent clients (default 50), each with its own connection,
/// alternate listing the tenant's studies and polling the running study (state and trials) for <c>--seconds</c>
/// (default 30), pausing <c>--think-ms</c> (default 100) between requests like a polling UI. Reports p50/p90/p99
/// latency and errors. Goal: 0 errors, p99 &lt; 200 ms.
/// </summary>
public sealed class ApiLoadSuite : IBenchSuite
{
    private static readonly string[] Endpoints = ["list studies", "get study", "get trials"];

    public string Name => "api";
    public string Description => "HTTP API load: 50 clients listing studies and polling a running study for 30 s (p50/p99, errors)";

    public async Task<JsonObject> RunAsync(BenchContext context, CancellationToken ct)
    {
        var clients = context.IntOption("clients", 50);
        var seconds = context.IntOption("seconds", 30);
        var thinkMs = context.IntOption("think-ms", 100);
        context.Log.WriteLine($"starting the web host (clients {clients}, {seconds} s, think time {thinkMs} ms)");
        await using var host = await WebHostProcess.StartAsync(context.RepositoryRoot, new Dictionary<string, string>
        {
            // One tenant stands for all clients here: its bucket must hold what 50 polling UIs ask.
            ["AIMass__Web__RateLimit__PermitsPerSecond"] = "5000",
            ["AIMass__Web__RateLimit__Burst"] = "10000",
        }, context.Log, ct);

        var key = await SetUpAsync(host, context, ct);
        using var probe = Client(host.Address, key);
        var before = await StudyAsync(probe, ct);
        context.Log.WriteLine($"study running: {before.Finished} trials finished; starting {clients} clients");

        var recorder = new LatencyRecorder();
        var cpuBefore = Process.GetProcessById(host.ProcessId).TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(TimeSpan.FromSeconds(seconds));
        await Task.WhenAll(Enumerable.Range(0, clients).Select(i => ClientLoopAsync(host.Address, key, i, thinkMs, recorder, stop.Token)));
        var elapsed = watch.Elapsed.TotalSeconds;
        var serverCpu = (Process.GetProcessById(host.ProcessId).TotalProcessorTime - cpuBefore).TotalSeconds;
        var after = await StudyAsync(probe, ct);
        await probe.PostAsync("/api/studies/load/cancel", null, ct);

        var summary = recorder.Summary();
        var p99 = summary["p99Ms"]!.GetValue<double>();
        context.Log.WriteLine($"{recorder.Requests} requests in {elapsed:F1} s ({recorder.Requests / elapsed:F0}/s), {recorder.Errors} errors, " +
            $"p50 {summary["p50Ms"]} ms, p99 {p99} ms; the study finished {after.Finished - before.Finished} more trials meanwhile ({after.Status})");
        return new JsonObject
        {
            ["clients"] = clients,
            ["seconds"] = Math.Round(elapsed, 1),
            ["thinkMs"] = thinkMs,
            ["requests"] = recorder.Requests,
            ["requestsPerSecond"] = Math.Round(recorder.Requests / elapsed, 1),
            ["errors"] = recorder.Errors,
            ["p50Ms"] = summary["p50Ms"]!.DeepClone(),
            ["p90Ms"] = summary["p90Ms"]!.DeepClone(),
            ["p99Ms"] = summary["p99Ms"]!.DeepClone(),
            ["maxMs"] = summary["maxMs"]!.DeepClone(),
            ["byEndpoint"] = recorder.ByEndpoint(),
            ["errorKinds"] = recorder.ErrorKinds(),
            ["serverCpuSeconds"] = Math.Round(serverCpu, 1),
            ["studyTrialsFinishedDuringRun"] = after.Finished - before.Finished,
            ["machineCores"] = Environment.ProcessorCount,
            ["goal"] = "0 errors, p99 < 200 ms",
            ["goalMet"] = recorder.Errors == 0 && p99 < 200,
        };
    }

    /// <summary>A tenant, iris, and a long study that keeps training through the run.</summary>
    private static async Task<string> SetUpAsync(WebHostProcess host, BenchContext context, CancellationToken ct)
    {
        using var admin = Client(host.Address, host.AdminKey);
        var created = await admin.PostAsJsonAsync("/api/tenants", new { tenantId = "bench", displayName = "Load bench", quotas = new { maxConcurrentTrials = 4, maxActiveStudies = 50 } }, ct);
        created.EnsureSuccessStatusCode();
        var key = (await created.Content.ReadFromJsonAsync<JsonObject>(ct))!["apiKey"]!["secret"]!.GetValue<string>();

        using var tenant = Client(host.Address, key);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(await File.ReadAllBytesAsync(context.Sample("iris.csv"), ct)), "file", "iris.csv" } };
        (await tenant.PostAsync("/api/datasets", form, ct)).EnsureSuccessStatusCode();
        var study = await tenant.PostAsJsonAsync("/api/studies", new
        {
            id = "load", name = "load", datasetId = "iris", target = "species", pruner = "none", distill = false,
            budget = new { maxTrials = 10_000 }, maxEpochsPerTrial = 40, parallelism = 2,
        }, ct);
        study.EnsureSuccessStatusCode();
        for (var i = 0; i < 10; i++)
        {
            using var extra = await tenant.PostAsJsonAsync("/api/studies", new { id = $"finished-{i}", name = $"finished {i}", datasetId = "iris", target = "species", pruner = "none", budget = new { maxTrials = 1 }, maxEpochsPerTrial = 1, parallelism = 1 }, ct);
            extra.EnsureSuccessStatusCode();
        }
        return key;
    }

    private static async Task ClientLoopAsync(Uri address, string key, int index, int thinkMs, LatencyRecorder recorder, CancellationToken stop)
    {
        using var client = Client(address, key);
        var paths = new[] { "/api/studies", "/api/studies/load", "/api/studies/load/trials" };
        var watch = new Stopwatch();
        for (var i = index; !stop.IsCancellationRequested; i++)
        {
            var which = i % paths.Length;
            watch.Restart();
            try
            {
                using var response = await client.GetAsync(paths[which], HttpCompletionOption.ResponseContentRead, CancellationToken.None);
                var elapsed = watch.Elapsed.TotalMilliseconds;
                if (response.IsSuccessStatusCode) recorder.Record(Endpoints[which], elapsed);
                else recorder.Fail(Endpoints[which], ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            }
            catch (HttpRequestException e)
            {
                recorder.Fail(Endpoints[which], e.GetType().Name);
            }
            catch (TaskCanceledException)
            {
                recorder.Fail(Endpoints[which], "timeout");
            }
            if (thinkMs > 0)
            {
                try
                {
                    await Task.Delay(thinkMs, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private static async Task<(int Finished, string Status)> StudyAsync(HttpClient client, CancellationToken ct)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync("/api/studies/load", ct));
        var root = document.RootElement;
        var finished = root.GetProperty("trialsComplete").GetInt32() + root.GetProperty("trialsPruned").GetInt32() + root.GetProperty("trialsFailed").GetInt32();
        return (finished, root.GetProperty("status").GetString() ?? "");
    }

    private static HttpClient Client(Uri address, string key)
    {
        var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
