using System.Diagnostics;
using AIMass.Training.Configuration;
using AIMass.Training.Metrics;
using AIMass.Training.Training;

namespace AIMass.Training.Models.Gbdt;

/// <summary>
/// The <c>gbdt</c> family's path through the pipeline: the same validation, split and preprocessing as the neural
/// families, then one LightGBM fit on the CPU. Boosting is one step here: the callback is called once, after the fit
/// (its <see cref="EpochDecision.Stop"/> is recorded), and cancellation is observed before and after the fit
/// (LightGBM cannot be interrupted; a fit on data of the sizes used here takes seconds).
/// </summary>
internal static class GbdtTrainer
{
    public static TrainingOutcome Run(TrainingRequest request, HyperparameterReader hp, Func<EpochReport, EpochDecision>? onEpoch, CancellationToken ct, Stopwatch watch)
    {
        var settings = GbdtSettings.Read(hp);
        using var job = JobContext.Prepare(request.Data, request.Target, request.Task, request.Image, request.Threads, "cpu",
            request.SplitSeed, request.ValidationFraction, request.TestFraction, preprocessing: null, ct);
        var target = job.Preprocessing.Target;
        var train = job.Train;
        var features = job.Preprocessing.FeatureCount;
        var x = train.SliceToArray(0, train.Count);
        var standardised = target.Task == TaskKind.Regression ? train.RawTargets!.Select(v => (float)((v - target.Mean) / target.Scale)).ToArray() : null;
        ct.ThrowIfCancellationRequested();
        var model = GbdtModel.Fit(settings, x, train.Count, features, train.LabelIds, standardised, target.Task, target.Classes.Count, request.Seed, request.Threads);
        ct.ThrowIfCancellationRequested();
        var width = target.Task == TaskKind.Classification ? target.Classes.Count : 1;
        var trainLoss = TrainLoss(model.Score(x, train.Count), train, standardised, width);
        var scoring = Evaluator.Metrics(Evaluator.Outputs(model.Score, job.ScoringRows, width, ct), job.ScoringRows, target);
        var metricName = MetricNames.SelectionMetric(target.Task);
        // The ensemble is fitted in one go: its one report is the final score, and there is nothing left for a
        // pruner's verdict to stop, so the answer is not taken (the model is not stopped by the callback).
        var report = new EpochReport(1, trainLoss, scoring.GetValueOrDefault(metricName, double.NaN), metricName);
        onEpoch?.Invoke(report);
        var result = new TrainResult(1, false, false, !double.IsFinite(trainLoss), new[] { report }, report.ValidationScore, 1);
        var finished = new FinishedModel("gbdt", model.ParameterCount, 0,
            rows => Evaluator.Outputs(model.Score, rows, width, ct),
            () => LatencyMeter.Measure(model.Score, features),
            model.Save);
        return job.Finish(finished, hp.Resolved, result, request.Seed, teacher: null, watch);
    }

    /// <summary>Mean cross-entropy of the training labels, or mean squared error of the standardised targets.</summary>
    private static double TrainLoss(float[] outputs, EncodedRows train, float[]? standardised, int width)
    {
        double sum = 0;
        for (var i = 0; i < train.Count; i++)
        {
            if (standardised is null) sum -= Math.Log(Math.Max(outputs[i * width + train.LabelIds![i]], 1e-15));
            else sum += (outputs[i] - standardised[i]) * (double)(outputs[i] - standardised[i]);
        }
        return sum / Math.Max(1, train.Count);
    }
}
