using System.Text.Json;
using AIMass.Cli;
using AIMass.Client.Tests.Infrastructure;

namespace AIMass.Client.Tests.Cli;

/// <summary>The CLI's service commands against the shared in-process cluster, in text and in JSON.</summary>
[Collection(GrainServiceCollection.Name)]
public sealed class CommandsTests(GrainServiceFixture service)
{
    private readonly FixtureConnector _connector = new(service);

    private Task<CliRun> Run(string tenant, params string[] args) =>
        CliRun.RunAsync(_connector, [.. args, "--data-dir", "unused-by-the-fixture", "--tenant", tenant]);

    private static string Tenant(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..18];

    [Fact]
    public async Task Datasets_are_uploaded_listed_shown_and_deleted()
    {
        var tenant = Tenant("cli-data");
        var upload = await Run(tenant, "datasets", "upload", TestPaths.Sample("iris.csv"), "--target", "species", "--json");
        Assert.True(upload.ExitCode == ExitCodes.Ok, upload.ToString());
        Assert.Equal("iris", upload.Json().GetProperty("datasetId").GetString());
        Assert.Equal(tenant, _connector.Requests[^1].Tenant);

        var list = await Run(tenant, "datasets", "list", "--json");
        Assert.Equal("iris", Assert.Single(list.Json().EnumerateArray()).GetProperty("datasetId").GetString());
        var text = await Run(tenant, "datasets", "list");
        Assert.Contains("iris", text.Output);

        var show = await Run(tenant, "datasets", "show", "iris");
        Assert.Equal(ExitCodes.Ok, show.ExitCode);
        Assert.Contains("species", show.Output);
        Assert.Contains("classification", show.Output);

        Assert.Equal(ExitCodes.Ok, (await Run(tenant, "datasets", "delete", "iris")).ExitCode);
        var gone = await Run(tenant, "datasets", "show", "iris");
        Assert.Equal(ExitCodes.Input, gone.ExitCode);
        Assert.Contains("not found", gone.Error);
        Assert.Empty(gone.Output);
    }

    [Fact]
    public async Task A_study_is_created_watched_and_its_models_used()
    {
        var tenant = Tenant("cli-study");
        var folder = TestPaths.NewTemporaryFolder();
        Assert.Equal(ExitCodes.Ok, (await Run(tenant, "datasets", "upload", TestPaths.Sample("iris.csv"))).ExitCode);
        var created = await Run(tenant, "studies", "create", "--dataset", "iris", "--target", "species", "--id", "s1", "--max-trials", "3",
            "--max-epochs", "3", "--pruner", "none", "--no-distill", "--no-warm-start", "--watch", "--json");
        Assert.True(created.ExitCode == ExitCodes.Ok, created.ToString());
        Assert.Equal("Completed", created.Json().GetProperty("status").GetString());

        var list = await Run(tenant, "studies", "list", "--json");
        Assert.Equal("s1", Assert.Single(list.Json().EnumerateArray()).GetProperty("studyId").GetString());
        var show = await Run(tenant, "studies", "show", "s1", "--trials", "--json");
        // Two search trials and the ensemble of them.
        Assert.Equal(3, show.Json().GetProperty("trials").GetArrayLength());
        var showText = await Run(tenant, "studies", "show", "s1", "--trials");
        Assert.Contains("Completed", showText.Output);

        var boards = await Run(tenant, "leaderboard", "--study", "s1", "--json");
        Assert.Equal(["accurate", "balanced", "edge"], boards.Json().EnumerateArray().Select(b => b.GetProperty("scenario").GetProperty("name").GetString()));
        var accurate = await Run(tenant, "leaderboard", "--study", "s1", "--scenario", "accurate");
        Assert.Contains("accurate", accurate.Output);

        var best = await Run(tenant, "models", "best", "--study", "s1", "--scenario", "accurate", "--json");
        var trial = best.Json().GetProperty("trial").GetProperty("number").GetInt32();
        var input = TestPaths.Head("iris.csv", 7, folder);
        var output = Path.Combine(folder, "predicted.csv");
        var predict = await Run(tenant, "predict", "--study", "s1", "--scenario", "accurate", "--input", input, "--output", output);
        Assert.True(predict.ExitCode == ExitCodes.Ok, predict.ToString());
        var lines = File.ReadAllLines(output);
        Assert.Equal("species", lines[0]);
        Assert.Equal(8, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.Contains(l, new[] { "setosa", "versicolor", "virginica" }));

        var toStdout = await Run(tenant, "predict", "--study", "s1", "--trial", trial.ToString(System.Globalization.CultureInfo.InvariantCulture), "--input", input);
        Assert.Equal(lines, toStdout.Output.TrimEnd('\n').Split('\n'));

        var zip = Path.Combine(folder, "model.zip");
        Assert.Equal(ExitCodes.Ok, (await Run(tenant, "models", "download", "--study", "s1", "--trial", trial.ToString(System.Globalization.CultureInfo.InvariantCulture), "--output", zip)).ExitCode);
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(zip), 0, 2));

        var pause = await Run(tenant, "studies", "pause", "s1");
        Assert.Equal(ExitCodes.Input, pause.ExitCode);
        Assert.Contains("Conflict", pause.Error);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_study_is_paused_resumed_and_cancelled_from_the_command_line()
    {
        var tenant = Tenant("cli-steer");
        Assert.Equal(ExitCodes.Ok, (await Run(tenant, "datasets", "upload", TestPaths.Sample("iris.csv"))).ExitCode);
        Assert.Equal(ExitCodes.Ok, (await Run(tenant, "studies", "create", "--dataset", "iris", "--target", "species", "--id", "long",
            "--max-trials", "500", "--parallelism", "1", "--pruner", "none")).ExitCode);
        Assert.Equal("Paused", (await Run(tenant, "studies", "pause", "long", "--json")).Json().GetProperty("status").GetString());
        Assert.Equal("Running", (await Run(tenant, "studies", "resume", "long", "--json")).Json().GetProperty("status").GetString());
        Assert.Equal("Cancelled", (await Run(tenant, "studies", "cancel", "long", "--json")).Json().GetProperty("status").GetString());
        var watch = await Run(tenant, "studies", "watch", "long", "--json");
        Assert.Equal("Cancelled", watch.Json().GetProperty("study").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Admin_commands_show_silos_and_workers_and_drain()
    {
        var silos = await Run("admin", "admin", "silos", "--json");
        Assert.True(silos.ExitCode == ExitCodes.Ok, silos.ToString());
        Assert.True(_connector.Requests[^1].Admin);
        var silo = Assert.Single(silos.Json().GetProperty("silos").EnumerateArray());
        var name = silo.GetProperty("name").GetString()!;
        Assert.Equal("cpu", silo.GetProperty("role").GetString());

        var workers = await Run("admin", "admin", "workers", "--json");
        Assert.Contains(workers.Json().EnumerateArray(), w => w.GetProperty("device").GetString() == "cpu");
        Assert.Contains("silo0", (await Run("admin", "admin", "silos")).Output);

        var drain = await Run("admin", "admin", "drain", name, "--json");
        Assert.True(drain.Json().GetProperty("draining").GetBoolean());
        var undrain = await Run("admin", "admin", "undrain", name);
        Assert.Contains("draining no", undrain.Output);
    }

    [Fact]
    public async Task Refusals_exit_with_code_2_and_say_why_on_standard_error()
    {
        var tenant = Tenant("cli-refuse");
        var missing = await Run(tenant, "studies", "show", "nothing-here");
        Assert.Equal(ExitCodes.Input, missing.ExitCode);
        Assert.Contains("'nothing-here'", missing.Error);

        var folder = TestPaths.NewTemporaryFolder();
        var ragged = Path.Combine(folder, "ragged.csv");
        File.WriteAllText(ragged, "a,b,c\n1,2,3\n4,5\n");
        var refused = await Run(tenant, "datasets", "upload", ragged);
        Assert.Equal(ExitCodes.Input, refused.ExitCode);
        Assert.Contains("row", refused.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("[]", (await Run(tenant, "datasets", "list", "--json")).Output.Trim());
        Directory.Delete(folder, recursive: true);
    }
}
