using System.Net;
using System.Text.Json;
using AIMass.Client.Datasets;
using AIMass.Client.Hosting;
using AIMass.Client.Http;
using AIMass.Client.Tenants;
using AIMass.Client.Tests.Infrastructure;
using AIMass.Grains.Cluster;
using AIMass.Grains.Studies;
using AIMass.Grains.Trials;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AIMass.Client.Tests.Deploy;

/// <summary>
/// The scaled-out service as if on three hosts: <c>run-local.sh --netns</c> puts the cpu silo, the (fake) GPU silo
/// and the web host in three network namespaces joined by a bridge, Azurite on the bridge; nothing shares
/// loopback. Over HTTP to the web host's address a study runs on both silos; the cpu silo is SIGKILLed mid-trial
/// and its trial reruns on the other; gateways refuse clients without the cluster's certificate.
/// </summary>
public sealed class MultiHostTests
{
    [NetworkNamespacesFact]
    public async Task A_study_spans_silos_in_separate_namespaces_and_survives_a_killed_silo()
    {
        await using var deployment = await LocalDeployment.StartAsync(web: true, TimeSpan.FromMinutes(4), netns: true);
        var web = new Uri(deployment.Web!);
        var cpu = deployment.Silo("cpu-0");
        var gpu = deployment.Silo("gpu-0");
        Assert.True(deployment.Ready.GetProperty("netns").GetBoolean());
        Assert.NotEqual(cpu.GetProperty("address").GetString(), gpu.GetProperty("address").GetString());
        Assert.DoesNotContain("127.0.0.1", deployment.Web!);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        foreach (var host in new[] { web.ToString().TrimEnd('/'), cpu.GetProperty("health").GetString()!, gpu.GetProperty("health").GetString()! })
        {
            // Kestrel starts listening after the silo has joined: the first probes may be refused.
            await WaitForAsync(async () => (await http.GetAsync(host + "/healthz")).StatusCode == HttpStatusCode.OK, $"{host}/healthz to answer 200", deployment);
            await WaitForAsync(async () => (await http.GetAsync(host + "/readyz")).StatusCode == HttpStatusCode.OK, $"{host}/readyz to answer 200", deployment);
        }

        HttpAIMassClient Client(string key) => new(http, new AIMassClientOptions { BaseAddress = web, ApiKey = key, PollInterval = TimeSpan.FromMilliseconds(300) });
        var admin = Client(deployment.AdminKey);
        await WaitForAsync(async () => (await admin.GetClusterAsync()).Workers.Length == 2, "both silos' workers", deployment);
        var created = await admin.CreateTenantAsync(new NewTenant { TenantId = "netns-lab", DisplayName = "Namespaces lab" });
        var tenant = Client(created.ApiKey.Secret);
        await tenant.UploadDatasetFileAsync(TestPaths.Sample("digits.csv"), new DatasetUploadOptions { Target = "digit" });
        const int searchTrials = 6;
        await tenant.CreateStudyAsync(new StudySpec
        {
            Name = "digits across hosts", DatasetId = "digits", Target = "digit", Budget = new StudyBudget { MaxTrials = searchTrials + 1 }, // the last one is kept for the ensemble
            MaxEpochsPerTrial = 25, Pruner = "none", Parallelism = 2, Distill = false, UseMetaLearning = false,
        }, "spread");

        // Kill the cpu silo while it runs a trial, once it has finished one (so both silos have done work).
        var before = await WaitForAsync(async () =>
        {
            var trials = await tenant.GetTrialsAsync("spread");
            return trials.Any(t => t.Silo == "cpu-0" && t.Status == TrialStatus.Complete) && trials.Any(t => t.Silo == "cpu-0" && t.Status == TrialStatus.Running)
                ? trials : null;
        }, "a trial complete on cpu-0 and another running there", deployment);
        var killed = before.First(t => t.Silo == "cpu-0" && t.Status == TrialStatus.Running).Number;
        using (var kill = System.Diagnostics.Process.Start("kill", ["-KILL", cpu.GetProperty("pid").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var final = await tenant.WaitForCompletionAsync("spread", null, timeout.Token);
        Assert.True(final.Status == StudyStatus.Completed, $"{final.Status} {final.StatusReason}\n{deployment.LogTail("gpu-0")}");
        var all = await tenant.GetTrialsAsync("spread");
        var search = all.Where(t => t.Kind == TrialKind.Search).ToList();
        Assert.Equal(Enumerable.Range(0, searchTrials), search.Select(t => t.Number).Order());
        Assert.Equal(all.Count, all.Select(t => t.Number).Distinct().Count());
        Assert.All(all, t => Assert.Equal(TrialStatus.Complete, t.Status));
        Assert.Equal(all.Count, final.TrialsComplete);
        Assert.Contains(all, t => t.Silo == "cpu-0");
        Assert.Contains(all, t => t.Silo == "gpu-0");
        var rerun = all.Single(t => t.Number == killed);
        Assert.Equal("gpu-0", rerun.Silo);
        Assert.True(rerun.Attempts >= 2, $"trial {killed} ran {rerun.Attempts} time(s)");

        // Gateways (the surviving silo's) take only clients with a certificate from the cluster's authority.
        Assert.True(await CanConnectAsync(deployment, deployment.ClientTls), "the client with the cluster's certificate could not connect");
        Assert.False(await CanConnectAsync(deployment, new ClusterTlsOptions { Disabled = true }), "a client without TLS connected to a gateway");
        var stranger = new AIMass.Tests.Shared.TestCertificates(Path.Combine(deployment.Ready.GetProperty("work").GetString()!, "stranger"), "stranger-ca");
        using (stranger)
        {
            var (certificate, key) = stranger.Issue("intruder");
            var foreign = new ClusterTlsOptions { CertificatePath = certificate, KeyPath = key, AuthorityPath = deployment.ClientTls.AuthorityPath };
            Assert.False(await CanConnectAsync(deployment, foreign), "a client with another authority's certificate connected to a gateway");
        }
    }

    /// <summary>Whether an Orleans client with <paramref name="tls"/> connects through the membership table and answers a call.</summary>
    private static async Task<bool> CanConnectAsync(LocalDeployment deployment, ClusterTlsOptions tls)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.AddAIMassOrleansClient(new ClusterConnectionOptions
        {
            Storage = "AzureStorage", AzureStorageConnectionString = deployment.ConnectionString,
            ClusterId = deployment.ClusterId, ServiceId = "aimass", Tls = tls,
        });
        using var host = builder.Build();
        try
        {
            await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
            var hosts = await host.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(30));
            return hosts.Count > 0;
        }
        catch (Exception)
        {
            return false;
        }
        finally
        {
            try
            {
                await host.StopAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception)
            {
                // a client that never connected may fail to stop cleanly
            }
        }
    }

    private static async Task WaitForAsync(Func<Task<bool>> probe, string what, LocalDeployment deployment) =>
        await WaitForAsync(async () => await probe() ? true : (bool?)null, what, deployment);

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, string what, LocalDeployment deployment)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (true)
        {
            try
            {
                if (await probe() is { } value) return value;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // a host still starting
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}.\n{deployment.LogTail("cpu-0")}\n{deployment.LogTail("web")}");
            await Task.Delay(500);
        }
    }
}
