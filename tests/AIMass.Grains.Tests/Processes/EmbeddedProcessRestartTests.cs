using AIMass.Client.Hosting;
using AIMass.Grains.Datasets;
using AIMass.Grains.Datasets.Staging;
using AIMass.Grains.Security;
using AIMass.Grains.Studies;
using AIMass.Grains.Tenants;
using AIMass.Grains.Tests.Infrastructure;
using AIMass.Silo.Configuration;
using AIMass.Silo.Hosting;

namespace AIMass.Grains.Tests.Processes;

/// <summary>The embedded setup (SQLite) in a real process: SIGKILL it mid-study, start it again, nothing is lost.</summary>
public sealed class EmbeddedProcessRestartTests
{
    [Fact]
    public async Task Killed_service_restarts_with_tenants_data_sets_trials_and_leaderboards()
    {
        using var data = TemporaryFolder.Create();
        var environment = SiloProcess.BaseEnvironment(data.Path, FreePorts.Next(), FreePorts.Next(), "solo", "cpu");
        var connection = new ClusterConnectionOptions { GatewayPort = int.Parse(environment["AIMass__GatewayPort"]) };
        TrialSummary[] before;

        await using (var silo = await SiloProcess.StartAsync(environment))
        {
            await using var client = await ClientHost.ConnectAsync(connection);
            await StudyDriver.StartAsync(client.Client, "survivor",
                new ArtifactDatasetStaging(ArtifactStoreExtensions.CreateStore(new AIMassOptions { DataDirectory = data.Path })));
            before = await StudyDriver.WaitForTrialsAsync(client.Client, "survivor",
                t => t.Count(x => x.Status == TrialStatus.Complete) >= 1, TimeSpan.FromMinutes(2), "a finished trial");
            silo.Process.Kill();
            Assert.True(silo.Process.HasExited);
        }

        await using var again = await SiloProcess.StartAsync(environment);
        await using var reconnected = await ClientHost.ConnectAsync(connection);
        var grains = reconnected.Client;
        using (CallerContext.Use(Caller.ForTenant("survivor")))
        {
            Assert.Equal("survivor", (await grains.GetGrain<ITenantGrain>("survivor").GetAsync()).TenantId);
            Assert.Equal(1797, (await grains.GetGrain<IDatasetGrain>("survivor/digits").GetAsync()).Current.Rows);
            var trials = await grains.GetGrain<IStudyGrain>("survivor/s").GetTrialsAsync();
            foreach (var done in before.Where(t => t.Status == TrialStatus.Complete))
            {
                var now = trials.Single(t => t.Number == done.Number);
                Assert.Equal(TrialStatus.Complete, now.Status);
                Assert.Equal(done.Value, now.Value);
            }
            var board = await grains.GetGrain<IStudyGrain>("survivor/s").GetLeaderboardAsync();
            Assert.NotEmpty(board.Entries);
        }

        var end = await StudyDriver.WaitForEndAsync(grains, "survivor", TimeSpan.FromMinutes(3));
        Assert.Equal(StudyStatus.Completed, end.Status);
        Assert.Equal(6, end.TrialsComplete);
    }
}
