using System.CommandLine;
using AIMass.Cli.Csv;
using AIMass.Grains;
using AIMass.Grains.Models;

namespace AIMass.Cli.Commands;

/// <summary><c>aimass predict --study ID --scenario NAME --input CSV --output CSV</c>.</summary>
public static class PredictCommand
{
    public static Command Build(CliApp app)
    {
        var study = new Option<string>("--study") { Description = "Study id.", Required = true };
        var scenario = new Option<string?>("--scenario") { Description = "Scenario whose best model predicts (default: the study's first)." };
        var trial = new Option<int?>("--trial") { Description = "Use this trial's model instead of a scenario's best." };
        var input = new Option<string>("--input") { Description = "CSV of rows to predict.", Required = true };
        var output = new Option<string?>("--output") { Description = "Where to write the predictions (default: standard output)." };
        var command = new Command("predict", "Predict the rows of a CSV with a study's model.") { study, scenario, trial, input, output };
        app.Handle(command, async context =>
        {
            if (context.Value(trial) is not null && context.Value(scenario) is not null) throw CliException.Usage("--trial and --scenario exclude each other.");
            var table = CsvInput.Load(context.Value(input), "input");
            await using var session = await context.ConnectAsync().ConfigureAwait(false);
            var client = session.Client;
            var id = context.Value(study);
            var model = context.Value(trial) is { } number
                ? await client.GetModelAsync(id, number, context.Cancellation).ConfigureAwait(false)
                : await client.GetBestModelAsync(id, context.Value(scenario), context.Cancellation).ConfigureAwait(false);
            var rows = CsvInput.Rows(table, except: model.Target);
            var predictions = new List<PredictionRow>(rows.Length);
            for (var start = 0; start < rows.Length; start += Automl.AutomlRun.PredictionBatch)
            {
                var batch = rows[start..Math.Min(rows.Length, start + Automl.AutomlRun.PredictionBatch)];
                try
                {
                    var response = await client.PredictWithModelAsync(id, model.Trial.Number, new PredictionRequest { Rows = batch }, context.Cancellation).ConfigureAwait(false);
                    predictions.AddRange(response.Rows);
                }
                catch (ServiceException e) when (e.Kind == ServiceErrorKind.Invalid)
                {
                    throw new ServiceException(e.Kind, $"The input file was refused: {e.Message}",
                        e.Errors.Select(x => x with { Row = x.Row is { } r ? r + start : null }).ToArray());
                }
            }
            if (context.Value(output) is { } path)
            {
                PredictionCsv.Write(path, model.Target, predictions);
                if (context.Json) context.WriteJson(new { model = model.ModelId, output = path, rows = predictions.Count });
                else context.Note($"aimass: {predictions.Count} predictions of '{model.Target}' by model {model.ModelId} written to {path}");
            }
            else if (context.Json)
            {
                context.WriteJson(new PredictionResponse { ModelId = model.ModelId, Target = model.Target, Task = model.Task, Rows = predictions.ToArray() });
            }
            else
            {
                context.Environment.Output.WriteLine(model.Target);
                foreach (var row in predictions) context.Environment.Output.WriteLine(PredictionCsv.Cell(row));
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
