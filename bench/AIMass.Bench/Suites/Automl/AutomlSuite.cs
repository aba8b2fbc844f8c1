using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using AIMass.Bench.Infrastructure;

namespace AIMass.Bench.Suites.Automl;

/// <summary>
/// <c>automl</c>: the CLI's <c>aimass automl</c>, as a user runs it (a child process, embedded service), on each bundled
/// data set with a time budget (default 120 s). Each data set is split 80/20 with a fixed seed; the 80 % trains,
/// the held-out 20 % is predicted and scored (accuracy, or R² and RMSE). Reports the best model's validation score,
/// the service's own test-split score, the held-out score, trials run and the wall time against the budget + 15 s rule.
/// Options: <c>--budget SECONDS</c>, <c>--datasets iris,digits,diabetes</c>, <c>--seed N</c>.
/// </summary>
public sealed class AutomlSuite : IBenchSuite
{
    private static readonly (string File, string Target)[] DataSets = [("iris.csv", "species"), ("digits.csv", "digit"), ("diabetes.csv", "progression")];

    public string Name => "automl";
    public string Description => "aimass automl on the bundled data sets (120 s budget each): held-out scores, trials, wall time";

    public async Task<JsonObject> RunAsync(BenchContext context, CancellationToken ct)
    {
        var budget = context.IntOption("budget", 120);
        var seed = context.IntOption("seed", 42);
        var wanted = context.Option("datasets", "iris,digits,diabetes").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var cli = await LocateCliAsync(context, ct);
        var work = Path.Combine(Path.GetTempPath(), "aimass-bench-automl", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        var results = new JsonArray();
        try
        {
            foreach (var (file, target) in DataSets.Where(d => wanted.Contains(Path.GetFileNameWithoutExtension(d.File))))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                var (train, test) = HoldoutSplit.Write(context.Sample(file), work, seed, 0.2);
                var predictions = Path.Combine(work, $"{name}-predictions.csv");
                context.Log.WriteLine($"{name}: aimass automl --time-budget {budget} (train {train}, test {test})");
                var watch = Stopwatch.StartNew();
                var (code, output, error) = await RunAsync(cli, ["automl", "--train", train, "--target", target, "--test", test, "--predictions", predictions,
                    "--time-budget", budget.ToString(CultureInfo.InvariantCulture), "--seed", seed.ToString(CultureInfo.InvariantCulture), "--json"], ct);
                var wall = watch.Elapsed.TotalSeconds;
                if (code != 0) throw new InvalidOperationException($"aimass automl on {name} exited with {code}: {error}");
                var json = JsonNode.Parse(output)!.AsObject();
                var study = json["study"]!.AsObject();
                var entry = new JsonObject
                {
                    ["dataset"] = name,
                    ["task"] = study["task"]!.GetValue<string>(),
                    ["metric"] = json["metric"]!.GetValue<string>(),
                    ["trials"] = study["trialsComplete"]!.GetValue<int>() + study["trialsPruned"]!.GetValue<int>() + study["trialsFailed"]!.GetValue<int>(),
                    ["trialsComplete"] = study["trialsComplete"]!.GetValue<int>(),
                    ["bestFamily"] = json["best"]?["family"]?.GetValue<string>(),
                    ["validationScore"] = Round(json["validationScore"]?.GetValue<double>()),
                    ["serviceTestScore"] = Round(json["testScore"]?.GetValue<double>()),
                    ["holdoutMetric"] = json["testFile"]?["metric"]?.GetValue<string>(),
                    ["holdoutScore"] = Round(json["testFile"]?["value"]?.GetValue<double>()),
                    ["holdoutRmse"] = Round(json["testFile"]?["rmse"]?.GetValue<double>()),
                    ["holdoutRows"] = json["testFile"]?["rows"]?.GetValue<int>(),
                    ["predictionRows"] = File.ReadLines(predictions).Count() - 1,
                    ["wallSeconds"] = Math.Round(wall, 1),
                    ["budgetSeconds"] = budget,
                    ["withinBudgetPlus15"] = wall <= budget + 15,
                };
                context.Log.WriteLine($"  {entry["trials"]} trials, validation {entry["metric"]} {entry["validationScore"]}, held-out {entry["holdoutMetric"]} {entry["holdoutScore"]}, wall {wall:0.0} s");
                results.Add(entry);
            }
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
        return new JsonObject { ["budgetSeconds"] = budget, ["seed"] = seed, ["holdoutFraction"] = 0.2, ["datasets"] = results };
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;

    /// <summary>The built CLI (Release first); built once when missing.</summary>
    private static async Task<string> LocateCliAsync(BenchContext context, CancellationToken ct)
    {
        string Path(string configuration) => System.IO.Path.Combine(context.RepositoryRoot, "client", "AIMass.Cli", "bin", configuration, "net10.0", "aimass.dll");
        if (File.Exists(Path("Release"))) return Path("Release");
        context.Log.WriteLine("building client/AIMass.Cli (Release)");
        var (code, _, error) = await RunAsync("build", [System.IO.Path.Combine(context.RepositoryRoot, "client", "AIMass.Cli"), "-c", "Release", "-nologo", "-clp:ErrorsOnly"], ct);
        if (code != 0 || !File.Exists(Path("Release"))) throw new InvalidOperationException($"Building the CLI failed: {error}");
        return Path("Release");
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string dll, IReadOnlyList<string> args, CancellationToken ct)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await output, await error);
    }
}
