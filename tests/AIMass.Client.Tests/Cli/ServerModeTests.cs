#if AIMASS_WEB
using AIMass.Cli;
using AIMass.Client.Tenants;
using AIMass.Client.Tests.Infrastructure;

namespace AIMass.Client.Tests.Cli;

/// <summary>The CLI against a running service over HTTP (<c>--server URL --api-key KEY</c>), the web host here.</summary>
[Collection(WebServiceCollection.Name)]
public sealed class ServerModeTests(WebServiceFixture service)
{
    [Fact]
    public async Task Automl_runs_on_a_server_and_admin_commands_use_the_admin_key()
    {
        var created = await service.Client(service.AdminKey).CreateTenantAsync(new NewTenant { TenantId = $"srv-{Guid.NewGuid():N}"[..14], DisplayName = "server mode" });
        var server = service.BaseAddress.ToString();
        var folder = TestPaths.NewTemporaryFolder();
        var predictions = Path.Combine(folder, "p.csv");

        var run = await CliRun.RunAsync(null, "automl", "--server", server, "--api-key", created.ApiKey.Secret,
            "--train", TestPaths.Sample("iris.csv"), "--target", "species", "--test", TestPaths.Head("iris.csv", 12, folder), "--predictions", predictions,
            "--max-trials", "2", "--max-epochs", "5", "--pruner", "none", "--time-budget", "120", "--json");
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        var json = run.Json();
        Assert.Equal(created.Tenant.TenantId, json.GetProperty("study").GetProperty("tenantId").GetString());
        Assert.Equal(server, json.GetProperty("service").GetString());
        Assert.Equal(13, File.ReadAllLines(predictions).Length);

        var studies = await CliRun.RunAsync(null, "studies", "list", "--server", server, "--api-key", created.ApiKey.Secret, "--json");
        Assert.Single(studies.Json().EnumerateArray());

        var silos = await CliRun.RunAsync(null, "admin", "silos", "--server", server, "--api-key", service.AdminKey, "--json");
        Assert.True(silos.ExitCode == ExitCodes.Ok, silos.ToString());
        Assert.Contains(silos.Json().GetProperty("silos").EnumerateArray(), s => s.GetProperty("name").GetString() == "silo0");

        var refused = await CliRun.RunAsync(null, "admin", "silos", "--server", server, "--api-key", created.ApiKey.Secret);
        Assert.Equal(ExitCodes.Input, refused.ExitCode);
        Assert.Contains("Forbidden", refused.Error);
        Directory.Delete(folder, recursive: true);
    }
}
#endif
