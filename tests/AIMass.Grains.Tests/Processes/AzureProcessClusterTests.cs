using AIMass.Client.Hosting;
using AIMass.Grains.Datasets;
using AIMass.Grains.Datasets.Staging;
using AIMass.Grains.Security;
using AIMass.Grains.Studies;
using AIMass.Grains.Tenants;
using AIMass.Grains.Tests.Infrastructure;
using AIMass.Grains.Trials;
using AIMass.Silo.Configuration;
using AIMass.Silo.Hosting;

namespace AIMass.Grains.Tests.Processes;

/// <summary>
/// The scaled-out shape on one machine: Azurite (tables for state and clustering, blobs for artifacts), two silo
/// processes and a client. One silo is SIGKILLed mid-study; the study completes on the other; then everything is
/// restarted and all state is still there.
/// </summary>
public sealed class AzureProcessClusterTests : IClassFixture<Azurite>
{
    private readonly Azurite _azurite;

    public AzureProcessClusterTests(Azurite azurite) => _azurite = azurite;

    [Fact]
    public async Task Study_survives_a_killed_silo_and_state_survives_a_full_restart()
    {
        using var data = TemporaryFolder.Create();
        using var certificates = new AIMass.Tests.Shared.TestCertificates(Path.Combine(data.Path, "tls"));
        var cluster = $"c{Guid.NewGuid():N}"[..12];
        var settings = new[] { ("north", FreePorts.Next(), FreePorts.Next()), ("south", FreePorts.Next(), FreePorts.Next()) }
            .Select(s =>
            {
                var env = SiloProcess.BaseEnvironment(Path.Combine(data.Path, s.Item1), s.Item2, s.Item3, s.Item1, "cpu");
                env["AIMass__Storage"] = "AzureStorage";
                env["AIMass__AzureStorageConnectionString"] = _azurite.ConnectionString;
                env["AIMass__ClusterId"] = cluster;
                env["AIMass__ServiceId"] = cluster;
                env["AIMass__AdvertisedAddress"] = "127.0.0.1";
                foreach (var (key, value) in certificates.Environment(s.Item1)) env[key] = value;
                return env;
            }).ToArray();
        var (clientCertificate, clientKey) = certificates.Issue("client");
        var connection = new ClusterConnectionOptions
        {
            Storage = "AzureStorage", AzureStorageConnectionString = _azurite.ConnectionString, ClusterId = cluster, ServiceId = cluster,
            Tls = new Grains.Cluster.ClusterTlsOptions { CertificatePath = clientCertificate, KeyPath = clientKey, AuthorityPath = certificates.AuthorityPath },
        };
        TrialSummary[] finished;
        int lost;

        var north = await SiloProcess.StartAsync(settings[0]);
        var south = await SiloProcess.StartAsync(settings[1]);
        try
        {
            await using var client = await ClientHost.ConnectAsync(connection);
            await StudyDriver.StartAsync(client.Client, "azure-lab", new ArtifactDatasetStaging(ArtifactStoreExtensions.CreateStore(
                new AIMassOptions { Storage = StorageKind.AzureStorage, AzureStorageConnectionString = _azurite.ConnectionString })));
            var running = await StudyDriver.WaitForTrialsAsync(client.Client, "azure-lab",
                t => t.Any(x => x.Status == TrialStatus.Running && x.Silo == "south"), TimeSpan.FromMinutes(2), "a trial running on the south silo");
            lost = running.First(x => x.Status == TrialStatus.Running && x.Silo == "south").Number;
            south.Process.Kill();

            var end = await StudyDriver.WaitForEndAsync(client.Client, "azure-lab", TimeSpan.FromMinutes(4));
            Assert.True(end.Status == StudyStatus.Completed && end.TrialsComplete == 6, $"{end.Status}: {end.TrialsComplete} complete, {end.StatusReason}\n{north.Process.Output}");
            using (CallerContext.Use(Caller.ForTenant("azure-lab")))
            {
                finished = await client.Client.GetGrain<IStudyGrain>("azure-lab/s").GetTrialsAsync();
            }
            Assert.Equal(Enumerable.Range(0, 6), finished.Select(t => t.Number).Order());
            var rerun = finished.Single(t => t.Number == lost);
            Assert.Equal("north", rerun.Silo);
            Assert.True(rerun.Attempts >= 2, $"trial {lost} ran {rerun.Attempts} time(s)");
            using (CallerContext.AsSystem())
            {
                var history = (await client.Client.GetGrain<ITrialGrain>($"azure-lab/s/{lost}").GetAsync()).History;
                Assert.Single(history, h => h.Contains(" complete ", StringComparison.Ordinal));
            }
        }
        finally
        {
            await north.Process.TerminateAsync(TimeSpan.FromSeconds(20));
            await north.DisposeAsync();
            await south.DisposeAsync();
        }

        await using var north2 = await SiloProcess.StartAsync(settings[0]);
        await using var south2 = await SiloProcess.StartAsync(settings[1]);
        await using var client2 = await ClientHost.ConnectAsync(connection);
        using (CallerContext.Use(Caller.ForTenant("azure-lab")))
        {
            var grains = client2.Client;
            Assert.Equal("azure-lab", (await grains.GetGrain<ITenantGrain>("azure-lab").GetAsync()).TenantId);
            Assert.Equal(1797, (await grains.GetGrain<IDatasetGrain>("azure-lab/digits").GetAsync()).Current.Rows);
            var study = await grains.GetGrain<IStudyGrain>("azure-lab/s").GetAsync();
            Assert.Equal(StudyStatus.Completed, study.Status);
            var trials = await grains.GetGrain<IStudyGrain>("azure-lab/s").GetTrialsAsync();
            Assert.Equal(finished.Select(t => (t.Number, t.Status, t.Value)), trials.Select(t => (t.Number, t.Status, t.Value)));
            var best = (await grains.GetGrain<IStudyGrain>("azure-lab/s").GetLeaderboardAsync()).Best!;
            var prediction = await grains.GetGrain<AIMass.Grains.Models.IModelGrain>($"azure-lab/s/{best.TrialNumber}").GetAsync();
            Assert.Equal("digit", prediction.Target);
        }
    }
}
