using System.Diagnostics;
using AIMass.Bench.Infrastructure;

namespace AIMass.Bench.Suites.Automl;

/// <summary>The built <c>aimass</c> CLI, started as its own process the way a user runs it.</summary>
internal static class AimassCli
{
    /// <summary><c>client/AIMass.Cli/bin/Release/net10.0/aimass.dll</c>; built once (Release) when missing.</summary>
    public static async Task<string> LocateAsync(BenchContext context, CancellationToken ct)
    {
        var dll = Path.Combine(context.RepositoryRoot, "client", "AIMass.Cli", "bin", "Release", "net10.0", "aimass.dll");
        if (File.Exists(dll)) return dll;
        context.Log.WriteLine("building client/AIMass.Cli (Release)");
        var (code, _, error) = await RunAsync("build", [Path.Combine(context.RepositoryRoot, "client", "AIMass.Cli"), "-c", "Release", "-nologo", "-clp:ErrorsOnly"], ct);
        if (code != 0 || !File.Exists(dll)) throw new InvalidOperationException($"Building the CLI failed: {error}");
        return dll;
    }

    /// <summary>Runs <c>dotnet DLL ARGS</c> (or a <c>dotnet</c> command such as <c>build</c>) to its exit.</summary>
    public static async Task<(int Code, string Output, string Error)> RunAsync(string dll, IReadOnlyList<string> args, CancellationToken ct)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        // Spinning OpenMP threads would steal the cores the measured process needs.
        start.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        using var process = Process.Start(start)!;
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(ct);
            var error = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            return (process.ExitCode, await output, await error);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw;
        }
    }
}
