using System.Text.Json;
using System.Text.Json.Nodes;
using AIMass.Cli.Csv;
using AIMass.Cli.Output;
using AIMass.Client;
using AIMass.Client.Datasets;
using AIMass.Client.Json;
using AIMass.Grains;
using AIMass.Grains.Models;
using AIMass.Grains.Studies;
using AIMass.Training.Data;

namespace AIMass.Cli.Automl;

/// <summary>
/// <c>aimass automl</c>: checks the files, connects (embedded by default), uploads the training file, runs a
/// time-budgeted study with live progress, prints the leaderboard of every scenario and writes predictions for
/// the test file with the chosen scenario's best model.
/// </summary>
public sealed class AutomlRun(CommandContext context, AutomlSettings settings)
{
    /// <summary>Rows sent in one prediction call.</summary>
    public const int PredictionBatch = 2_000;

    public async Task<int> RunAsync()
    {
        settings.Validate();
        var ct = context.Cancellation;
        var train = CsvInput.Load(settings.Train, "training");
        if (!train.HasColumn(settings.Target))
        {
            throw CliException.Input($"The training file '{settings.Train}' has no column '{settings.Target}'; its columns are: {string.Join(", ", train.Columns.Take(30))}{(train.Columns.Count > 30 ? ", ..." : "")}.");
        }
        CsvTable? test = null;
        if (settings.Test is not null)
        {
            test = CsvInput.Load(settings.Test, "test");
            var missing = train.Columns.Where(c => c != settings.Target && !test.HasColumn(c)).ToList();
            if (missing.Count > 0)
            {
                throw CliException.Input($"The test file '{settings.Test}' lacks column{(missing.Count > 1 ? "s" : "")} of the training file: {string.Join(", ", missing.Take(20))}.");
            }
        }

        await using var session = await context.Environment.Connector.ConnectAsync(context.Connection(temporaryByDefault: true), ct).ConfigureAwait(false);
        var client = session.Client;
        if (!context.Json) context.Note($"aimass: service: {session.Description}");

        var datasetId = DatasetIds.FromFileName(settings.Train);
        await using (var stream = File.OpenRead(settings.Train))
        {
            await client.UploadDatasetAsync(stream, new DatasetUploadOptions
            {
                Id = datasetId,
                FileName = Path.GetFileName(settings.Train),
                Target = settings.Target,
                Image = settings.Image,
            }, ct).ConfigureAwait(false);
        }

        var plan = BudgetPlan.For(settings.TimeBudgetSeconds, context.Environment.Clock.Elapsed.TotalSeconds);
        var study = await client.CreateStudyAsync(new StudySpec
        {
            Name = $"automl {Path.GetFileName(settings.Train)}",
            DatasetId = datasetId,
            Target = settings.Target,
            Budget = new StudyBudget { MaxTrials = settings.MaxTrials, MaxSeconds = plan.StudySeconds },
            Seed = settings.Seed,
            Pruner = settings.Pruner,
            Parallelism = settings.Parallelism ?? Math.Max(2, session.WorkerSlots),
            Device = settings.Device,
            MaxEpochsPerTrial = settings.MaxEpochs,
            Validation = settings.Validation,
            Ensemble = settings.Ensemble,
        }, $"automl-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Random.Shared.Next(0x10000):x4}", ct).ConfigureAwait(false);

        var final = await WaitAsync(client, study.StudyId, plan, ct).ConfigureAwait(false);
        var boards = await client.GetLeaderboardsAsync(study.StudyId, ct).ConfigureAwait(false);
        var chosen = boards.FirstOrDefault(b => b.Scenario.Name == settings.Scenario);

        int? predicted = null;
        TestScore? score = null;
        string? problem = final.Status == StudyStatus.Failed ? $"the study failed: {final.StatusReason}" : null;
        if (test is not null && problem is null)
        {
            if (chosen?.Best is null)
            {
                problem = $"no model meets scenario '{settings.Scenario}', so no predictions were made; try another --scenario or a longer --time-budget.";
            }
            else
            {
                var rows = await PredictAsync(client, study.StudyId, test, ct).ConfigureAwait(false);
                if (settings.Predictions is not null) PredictionCsv.Write(settings.Predictions, settings.Target, rows);
                predicted = rows.Count;
                if (test.HasColumn(settings.Target)) score = TestScore.Compute(final.Task, test.Column(settings.Target), rows);
            }
        }

        var wall = context.Environment.Clock.Elapsed.TotalSeconds;
        if (context.Json) WriteJson(final, boards, chosen, plan, predicted, score, wall, session.Description);
        else WriteText(final, boards, chosen, plan, predicted, score, wall);
        if (problem is not null) throw CliException.Server(problem);
        return ExitCodes.Ok;
    }

    /// <summary>Waits for the study; cancels it if it still runs at the plan's hard stop (or when the user interrupts).</summary>
    private async Task<StudyInfo> WaitAsync(IAIMassClient client, string studyId, BudgetPlan plan, CancellationToken ct)
    {
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var clock = context.Environment.Clock;
        guard.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, plan.HardStopSeconds - clock.Elapsed.TotalSeconds)));
        try
        {
            return await StudyProgressView.WaitAsync(context, client, studyId,
                () => Math.Max(0, plan.BudgetSeconds - clock.Elapsed.TotalSeconds), guard.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (guard.IsCancellationRequested)
        {
            try
            {
                await client.CancelStudyAsync(studyId, CancellationToken.None).ConfigureAwait(false);
            }
            catch (ServiceException e) when (e.Kind == ServiceErrorKind.Conflict)
            {
                // It finished on its own meanwhile.
            }
            if (ct.IsCancellationRequested) throw;
            if (!context.Json) context.Note($"aimass: the study was still running {BudgetPlan.HardStopGrace:0} s after the budget and was cancelled; complete trials keep their models.");
            return await client.GetStudyAsync(studyId, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<List<PredictionRow>> PredictAsync(IAIMassClient client, string studyId, CsvTable test, CancellationToken ct)
    {
        var rows = CsvInput.Rows(test, except: settings.Target);
        var result = new List<PredictionRow>(rows.Length);
        for (var start = 0; start < rows.Length; start += PredictionBatch)
        {
            var batch = rows[start..Math.Min(rows.Length, start + PredictionBatch)];
            PredictionResponse response;
            try
            {
                response = await client.PredictAsync(studyId, settings.Scenario, new PredictionRequest { Rows = batch }, ct).ConfigureAwait(false);
            }
            catch (ServiceException e) when (e.Kind == ServiceErrorKind.Invalid)
            {
                // Row numbers in the service's errors count within the batch; name them in the file.
                var errors = e.Errors.Select(x => x with { Row = x.Row is { } r ? r + start : null }).ToArray();
                throw new ServiceException(e.Kind, $"The test file '{settings.Test}' was refused: {e.Message}", errors);
            }
            if (response.Rows.Length != batch.Length) throw CliException.Server($"The service answered {response.Rows.Length} predictions for {batch.Length} rows.");
            result.AddRange(response.Rows);
        }
        return result;
    }

    private void WriteText(StudyInfo study, IReadOnlyList<Leaderboard> boards, Leaderboard? chosen, BudgetPlan plan, int? predicted, TestScore? score, double wall)
    {
        var console = context.Console;
        foreach (var board in boards) console.Write(Tables.Leaderboard(board));
        var output = context.Environment.Output;
        output.WriteLine($"study {study.StudyId}: {study.Status} ({study.StatusReason ?? "done"}), {study.TrialsFinished} trials ({study.TrialsComplete} complete, {study.TrialsPruned} pruned, {study.TrialsFailed} failed)");
        if (chosen?.Best is { } best)
        {
            output.WriteLine($"best for '{chosen.Scenario.Name}': trial {best.TrialNumber} ({best.Family ?? "-"}, {best.Training}), validation {chosen.Metric} {Format.Score(best.ValidationScore)}, test {Format.Score(best.TestScore)}");
        }
        if (predicted is { } n) output.WriteLine(settings.Predictions is null ? $"predicted {n} test rows" : $"predictions: {settings.Predictions} ({n} rows, column '{settings.Target}')");
        if (score is not null) output.WriteLine($"test file {score.Metric}: {Format.Score(score.Value)} over {score.Rows} rows{(score.Rmse is { } rmse ? $", rmse {Format.Score(rmse)}" : "")}");
        output.WriteLine($"time: {Format.Seconds(wall)} of a {Format.Seconds(plan.BudgetSeconds)} budget (study budget {Format.Seconds(plan.StudySeconds)})");
    }

    private void WriteJson(StudyInfo study, IReadOnlyList<Leaderboard> boards, Leaderboard? chosen, BudgetPlan plan, int? predicted, TestScore? score, double wall, string service)
    {
        var json = new JsonObject
        {
            ["study"] = JsonSerializer.SerializeToNode(study, AIMassJson.Options),
            ["leaderboards"] = JsonSerializer.SerializeToNode(boards, AIMassJson.Options),
            ["scenario"] = settings.Scenario,
            ["best"] = chosen?.Best is { } best ? JsonSerializer.SerializeToNode(best, AIMassJson.Options) : null,
            ["metric"] = study.Metric,
            ["validationScore"] = chosen?.Best?.ValidationScore,
            ["testScore"] = chosen?.Best?.TestScore,
            ["testFile"] = score is null ? null : new JsonObject { ["metric"] = score.Metric, ["value"] = score.Value, ["rows"] = score.Rows, ["rmse"] = score.Rmse },
            ["predictions"] = predicted is null ? null : new JsonObject { ["path"] = settings.Predictions, ["rows"] = predicted },
            ["budgetSeconds"] = plan.BudgetSeconds,
            ["studyBudgetSeconds"] = plan.StudySeconds,
            ["wallSeconds"] = Math.Round(wall, 2),
            ["service"] = service,
        };
        context.Environment.Output.WriteLine(json.ToJsonString(AIMassJson.Indented));
    }
}
