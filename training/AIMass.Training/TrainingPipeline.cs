using System.Diagnostics;
using AIMass.Training.Artifacts;
using AIMass.Training.Configuration;
using AIMass.Training.Data;
using AIMass.Training.Metrics;
using AIMass.Training.Models;
using AIMass.Training.Models.Gbdt;
using AIMass.Training.Preprocessing;
using AIMass.Training.Runtime;
using AIMass.Training.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace AIMass.Training;

/// <summary>
/// Trains one model end to end: validates the data, detects the task, splits it (seeded, stratified), fits the
/// preprocessing on the training rows only, builds the family the hyperparameters name, trains with an epoch
/// callback and cancellation, scores validation and test rows, measures latency and packs the artifact.
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
        if (hp.Choice(Hyperparameters.Family, "mlp", Hyperparameters.Families.ToArray()) == "gbdt") return GbdtTrainer.Run(request, hp, onEpoch, ct, watch);
        var settings = TrainerSettings.Read(hp, request.MaxEpochs, request.Image is not null);
        using var job = JobContext.Prepare(request.Data, request.Target, request.Task, request.Image, request.Threads, request.Device,
            request.SplitSeed, request.ValidationFraction, request.TestFraction, preprocessing: null, ct);
        var target = job.Preprocessing.Target;
        using var model = ModelFactory.CreateFrom(hp, job.Preprocessing.FeatureCount, target.Outputs, request.Image, request.Seed).to(job.Device);
        using var classWeights = ClassWeights(settings, job.Train, target, job.Device);
        Trainer.LossFunction loss = target.Task == TaskKind.Classification
            ? (x, labels, _) =>
            {
                using var logits = model.call(x);
                return nn.functional.cross_entropy(logits, labels, classWeights, label_smoothing: settings.LabelSmoothing);
            }
            : (x, values, _) =>
            {
                using var output = model.call(x);
                return nn.functional.mse_loss(output, values);
            };
        var result = new Trainer
        {
            Model = model,
            Settings = settings,
            Train = job.Train,
            Validate = () => Evaluator.Score(model, job.ScoringRows, target, ct),
            Loss = loss,
            MetricName = MetricNames.SelectionMetric(target.Task),
            Seed = request.Seed,
            Image = request.Image,
        }.Run(onEpoch, ct);
        return job.Finish(model, hp.Resolved, result, request.Seed, teacher: null, watch, ct);
    }

    private static Tensor? ClassWeights(TrainerSettings settings, EncodedRows train, TargetEncoding target, Device device)
    {
        if (target.Task != TaskKind.Classification || settings.ClassWeight == "none") return null;
        var k = target.Classes.Count;
        var counts = new long[k];
        foreach (var label in train.LabelIds!) counts[label]++;
        var present = counts.Where(c => c > 0).ToArray();
        if (settings.ClassWeight == "auto" && present.Max() < 3 * present.Min()) return null;
        var weights = counts.Select(c => c == 0 ? 0f : (float)(train.Count / (double)(present.Length * c))).ToArray();
        using var cpu = torch.tensor(weights);
        return cpu.to(device);
    }
}
