using System.Globalization;
using AIMass.Cli;
using AIMass.Client.Tests.Infrastructure;

namespace AIMass.Client.Tests.Cli;

/// <summary><c>aimass automl</c> end to end on the embedded in-process service (real training, small budgets).</summary>
public sealed class AutomlCommandTests
{
    /// <summary>What the command promises: the whole run ends within the budget plus this.</summary>
    private const double BudgetSlackSeconds = 15;

    [Fact]
    public async Task Regression_honours_its_time_budget_and_writes_one_prediction_per_test_row()
    {
        var folder = TestPaths.NewTemporaryFolder();
        // A test file without the target column: every column but 'progression', 40 rows.
        var lines = File.ReadLines(TestPaths.Sample("diabetes.csv")).Take(41).ToList();
        var target = Array.IndexOf(lines[0].Split(','), "progression");
        var test = Path.Combine(folder, "test.csv");
        File.WriteAllLines(test, lines.Select(l => string.Join(',', l.Split(',').Where((_, i) => i != target))));
        var predictions = Path.Combine(folder, "predictions.csv");
        const double budget = 25;

        var run = await CliRun.RunAsync(null, "automl", "--train", TestPaths.Sample("diabetes.csv"), "--target", "progression",
            "--test", test, "--predictions", predictions, "--time-budget", budget.ToString(CultureInfo.InvariantCulture), "--seed", "7", "--json");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.True(run.Wall.TotalSeconds <= budget + BudgetSlackSeconds, $"took {run.Wall.TotalSeconds:0.0} s for a {budget} s budget");
        var json = run.Json();
        Assert.Equal("Completed", json.GetProperty("study").GetProperty("status").GetString());
        Assert.Equal("regression", json.GetProperty("study").GetProperty("task").GetString());
        Assert.True(json.GetProperty("studyBudgetSeconds").GetDouble() < budget);
        Assert.Contains("time budget", json.GetProperty("study").GetProperty("statusReason").GetString());
        Assert.Equal(3, json.GetProperty("leaderboards").GetArrayLength());
        Assert.Equal(40, json.GetProperty("predictions").GetProperty("rows").GetInt32());

        var written = File.ReadAllLines(predictions);
        Assert.Equal("progression", written[0]);
        Assert.Equal(41, written.Length);
        Assert.All(written.Skip(1), v => Assert.True(double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x), v));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Classification_with_a_trial_budget_scores_a_test_file_that_has_the_target()
    {
        var folder = TestPaths.NewTemporaryFolder();
        var predictions = Path.Combine(folder, "species.csv");
        var run = await CliRun.RunAsync(null, "automl", "--train", TestPaths.Sample("iris.csv"), "--target", "species",
            "--test", TestPaths.Sample("iris.csv"), "--predictions", predictions, "--max-trials", "3", "--max-epochs", "20",
            "--scenario", "balanced", "--time-budget", "120", "--pruner", "none");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        // The trial budget covers the ensemble too: the search keeps one of the three for it.
        Assert.Contains("2 search trials run, 1 of the 3 trials kept", run.Output);
        Assert.Contains("accurate:", run.Output);
        Assert.Contains("edge:", run.Output);
        Assert.Contains("best for 'balanced'", run.Output);
        Assert.Contains("test file accuracy", run.Output);
        Assert.Contains("trials done", run.Output);
        var written = File.ReadAllLines(predictions);
        Assert.Equal("species", written[0]);
        Assert.Equal(151, written.Length);
        var truth = File.ReadLines(TestPaths.Sample("iris.csv")).Skip(1).Select(l => l.Split(',')[^1]).ToList();
        var right = written.Skip(1).Zip(truth).Count(p => p.First == p.Second);
        Assert.True(right >= 120, $"{right} of 150 right");
        Directory.Delete(folder, recursive: true);
    }
}
