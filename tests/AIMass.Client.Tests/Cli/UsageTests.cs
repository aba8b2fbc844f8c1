using AIMass.Cli;
using AIMass.Client.Tests.Infrastructure;

namespace AIMass.Client.Tests.Cli;

/// <summary>Command-line and input mistakes are caught before any service starts, with exit codes 1 and 2.</summary>
public sealed class UsageTests
{
    private static Task<CliRun> Run(params string[] args) => CliRun.RunAsync(new RefusingConnector(), args);

    [Theory]
    [InlineData("automl", "--target", "digit")]
    [InlineData("automl", "--train", "x.csv", "--target", "y", "--time-budget", "soon")]
    [InlineData("no-such-command")]
    [InlineData("datasets", "list", "--no-such-option")]
    public async Task Malformed_command_lines_exit_with_1(params string[] args)
    {
        var run = await Run(args);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.NotEmpty(run.Error);
    }

    [Theory]
    [InlineData("--predictions", "out.csv", "--predictions needs --test")]
    [InlineData("--scenario", "fastest", "--scenario 'fastest' is unknown")]
    [InlineData("--time-budget", "0", "--time-budget must be a positive number")]
    [InlineData("--device", "tpu", "--device 'tpu' is unknown")]
    [InlineData("--image", "8x8", "--image '8x8' is not of the form CxHxW")]
    public async Task Contradictory_or_out_of_range_automl_options_exit_with_1(string option, string value, string message)
    {
        var run = await Run("automl", "--train", TestPaths.Sample("iris.csv"), "--target", "species", option, value);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(message, run.Error);
    }

    [Fact]
    public async Task Input_files_are_checked_before_the_service_starts()
    {
        var folder = TestPaths.NewTemporaryFolder();
        var noFile = await Run("automl", "--train", Path.Combine(folder, "absent.csv"), "--target", "y");
        Assert.Equal(ExitCodes.Input, noFile.ExitCode);
        Assert.Contains("absent.csv' does not exist", noFile.Error);

        var noTarget = await Run("automl", "--train", TestPaths.Sample("iris.csv"), "--target", "colour");
        Assert.Equal(ExitCodes.Input, noTarget.ExitCode);
        Assert.Contains("no column 'colour'", noTarget.Error);

        var narrowTest = Path.Combine(folder, "narrow.csv");
        File.WriteAllLines(narrowTest, File.ReadLines(TestPaths.Sample("iris.csv")).Take(5).Select(l => string.Join(',', l.Split(',').Skip(1))));
        var lacking = await Run("automl", "--train", TestPaths.Sample("iris.csv"), "--target", "species", "--test", narrowTest, "--predictions", Path.Combine(folder, "p.csv"));
        Assert.Equal(ExitCodes.Input, lacking.ExitCode);
        Assert.Contains("lacks column", lacking.Error);
        Assert.Contains("sepal_length", lacking.Error);

        var binary = Path.Combine(folder, "binary.csv");
        File.WriteAllBytes(binary, [0, 1, 2, 3, 0, 0, 255, 254]);
        var notCsv = await Run("automl", "--train", binary, "--target", "y");
        Assert.Equal(ExitCodes.Input, notCsv.ExitCode);
        Assert.Contains("is not a valid CSV", notCsv.Error);
        Assert.False(File.Exists(Path.Combine(folder, "p.csv")));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Service_commands_need_a_server_or_a_data_folder()
    {
        var run = await Run("studies", "list");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--server URL --api-key KEY", run.Error);

        var badUrl = await Run("studies", "list", "--server", "not a url", "--api-key", "k");
        Assert.Equal(ExitCodes.Usage, badUrl.ExitCode);
        Assert.Contains("is not an http or https address", badUrl.Error);
    }

    [Fact]
    public async Task An_unreachable_server_exits_with_3()
    {
        var port = AIMass.Cli.Embedded.FreePorts.Take(1)[0];
        var run = await CliRun.RunAsync(null, "datasets", "list", "--server", $"http://127.0.0.1:{port}", "--api-key", "aim.acme.0123abcd.0123456789abcdef0123456789abcdef");
        Assert.Equal(ExitCodes.Server, run.ExitCode);
        Assert.Contains("cannot be reached", run.Error);
    }

    /// <summary>Fails the test if a command tries to connect (the mistake should have been caught before).</summary>
    private sealed class RefusingConnector : AIMass.Cli.Connection.IClientConnector
    {
        public Task<AIMass.Cli.Connection.ClientSession> ConnectAsync(AIMass.Cli.Connection.ConnectionRequest request, CancellationToken ct) =>
            throw new Xunit.Sdk.XunitException("The command connected although its input was wrong.");
    }
}
