using System.Diagnostics;
using System.Text.Json;
using AIMass.Cli;
using AIMass.Cli.Connection;

namespace AIMass.Client.Tests.Infrastructure;

/// <summary>One in-process run of the <c>aimass</c> CLI: its exit code, standard output and error, and wall time.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error, TimeSpan Wall)
{
    /// <summary>Runs the CLI with <paramref name="args"/>; <paramref name="connector"/> null means the real one (embedded or HTTP).</summary>
    public static async Task<CliRun> RunAsync(IClientConnector? connector, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var clock = Stopwatch.StartNew();
        var environment = new CliEnvironment(output, error, interactive: false, connector ?? new ClientConnector(), clock, _ => null);
        var code = await new CliApp(environment).RunAsync(args);
        return new CliRun(code, output.ToString(), error.ToString(), clock.Elapsed);
    }

    /// <summary>Standard output parsed as JSON.</summary>
    public JsonElement Json()
    {
        try
        {
            return JsonDocument.Parse(Output).RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"Output is not JSON ({e.Message}):\n{Output}\nstderr:\n{Error}");
        }
    }

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
