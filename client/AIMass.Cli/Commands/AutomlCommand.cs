using System.CommandLine;
using AIMass.Cli.Automl;

namespace AIMass.Cli.Commands;

/// <summary><c>aimass automl --train FILE --target COLUMN [--test FILE --predictions OUT] [--time-budget SECONDS] ...</c></summary>
public static class AutomlCommand
{
    public static Command Build(CliApp app)
    {
        var train = new Option<string>("--train") { Description = "Training CSV (header row first).", Required = true };
        var target = new Option<string>("--target") { Description = "The column to predict.", Required = true };
        var test = new Option<string?>("--test") { Description = "CSV of rows to predict (with or without the target column)." };
        var predictions = new Option<string?>("--predictions") { Description = "Where to write the predictions: one column named like the target, one row per test row." };
        var budget = new Option<double>("--time-budget") { Description = "Seconds for the whole run, start-up and predictions included.", DefaultValueFactory = _ => 300 };
        var scenario = new Option<string>("--scenario") { Description = "Scenario whose best model predicts: accurate, balanced or edge.", DefaultValueFactory = _ => "accurate" };
        var seed = new Option<int>("--seed") { Description = "Seed of the search and the data split.", DefaultValueFactory = _ => 42 };
        var maxTrials = new Option<int?>("--max-trials") { Description = "Stop after this many trials even if time is left." };
        var parallelism = new Option<int?>("--parallelism") { Description = "Trials at once (default: the embedded service's slots, at least 2)." };
        var maxEpochs = new Option<int?>("--max-epochs") { Description = "Upper bound on epochs per trial." };
        var image = new Option<string?>("--image") { Description = "The feature columns are pixels of this shape, CxHxW (for example 1x8x8)." };
        var pruner = new Option<string>("--pruner") { Description = "Pruner that stops weak trials early: median, hyperband, none, ...", DefaultValueFactory = _ => "median" };
        var device = new Option<string>("--device") { Description = "Where trials run: any, cpu or gpu.", DefaultValueFactory = _ => "any" };
        var validation = new Option<string>("--validation")
        {
            Description = "How trials are scored: auto (5-fold cross-validation up to 10,000 rows, else a holdout split), cv or holdout.",
            DefaultValueFactory = _ => "auto",
        };
        var ensemble = new Option<bool>("--ensemble")
        {
            Description = "Build a weighted ensemble of the best trials after a cross-validated search (--ensemble false turns it off).",
            DefaultValueFactory = _ => true,
        };

        var command = new Command("automl", "Search models for a CSV within a time budget, show the leaderboards, write predictions.")
        {
            train, target, test, predictions, budget, scenario, seed, maxTrials, parallelism, maxEpochs, image, device, pruner, validation, ensemble,
        };
        app.Handle(command, context => new AutomlRun(context, new AutomlSettings
        {
            Train = context.Value(train),
            Target = context.Value(target),
            Test = context.Value(test),
            Predictions = context.Value(predictions),
            TimeBudgetSeconds = context.Value(budget),
            Scenario = context.Value(scenario),
            Seed = context.Value(seed),
            MaxTrials = context.Value(maxTrials),
            Parallelism = context.Value(parallelism),
            MaxEpochs = context.Value(maxEpochs),
            Image = context.Value(image) is { } shape ? AutomlSettings.ParseImage(shape) : null,
            Device = context.Value(device).Trim().ToLowerInvariant(),
            Pruner = context.Value(pruner).Trim().ToLowerInvariant(),
            Validation = context.Value(validation).Trim().ToLowerInvariant(),
            Ensemble = context.Value(ensemble),
        }).RunAsync());
        return command;
    }
}
