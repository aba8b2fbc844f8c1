using System.Diagnostics;
using AIMass.Training.Artifacts;
using AIMass.Training.Configuration;
using AIMass.Training.Data;
using AIMass.Training.Metrics;
using AIMass.Training.Models;
using AIMass.Training.Models.Host;
using AIMass.Training.Preprocessing;
using AIMass.Training.Runtime;
using AIMass.Training.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace AIMass.Training;

/// <summary>
/// Trains one model end to end: validates the data, detects the task, splits it (seeded, stratified), fits the
/// preprocessing on the training rows only, builds the family the hyperparameters name, trains with an epoch
/// callback and cancellation, scores validation and test rows, measures latency and packs the artifact. With
/// <see cref="TrainingRequest.Folds"/> the configuration is cross-validated instead (see <see cref="TrainingRequest.Folds"/>).
/// </summary>
/// <remarks>
/// Concurrency and determinism: several runs may execute at once on different threads. Each run sets its intra-op
/// thread count on its own thread and draws batch order, dropout masks and augmentation from its own seeded
/// generators; only weight initialisation uses libtorch's global generator, and that happens seeded, under
/// <see cref="TorchGlobalRandom.Lock"/>. So equal <see cref="TrainingRequest.Seed"/>, <see cref="TrainingRequest.SplitSeed"/>
/// and hyperparameters give equal models on the same machine and thread count, whatever else runs alongside.
/// </remarks>
public static class TrainingPipeline
{
    /// <summary>
    /// Runs the job. <paramref name="onEpoch"/> is called after every epoch; answering <see cref="EpochDecision.Stop"/>
    /// ends training (<see cref="TrainingOutcome.StoppedByCallback"/>). <paramref name="ct"/> is checked before every
    /// batch and throws <see cref="OperationCanceledException"/>. Bad hyperparameters or settings throw
    /// <see cref="ArgumentException"/> naming them; bad data throws <see cref="DataValidationException"/>.
    /// </summary>
    public static TrainingOutcome Run(TrainingRequest request, Func<EpochReport, EpochDecision>? onEpoch = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var watch = Stopwatch.StartNew();
        var hp = new HyperparameterReader(request.Hyperparameters, Hyperparameters.TrainingKeys);
        var family = hp.Choice(Hyperparameters.Family, "mlp", Hyperparameters.Families.ToArray());
        if (request.Folds != 0) return CrossValidation.Run(request, hp, family, onEpoch, ct, watch);
        var device = HostModels.IsHostFamily(family) ? "cpu" : request.Device;
        using var job = JobContext.Prepare(request.Data, request.Target, request.Task, request.Image, request.Threads, device,
            request.SplitSeed, request.ValidationFraction, request.TestFraction, preprocessing: null, ct);
        using var fitted = ModelFitter.Fit(job, hp, family, request, request.Seed, onEpoch, ct);
        return job.Finish(fitted.Finished, hp.Resolved, fitted.Result, request.Seed, teacher: null, watch);
    }
}
