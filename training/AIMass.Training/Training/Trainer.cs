using AIMass.Training.Data;
using AIMass.Training.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AIMass.Training.Training;

/// <summary>
/// The training loop shared by the pipeline and the distiller: shuffled mini-batches (the job's own
/// <see cref="Random"/>), optional image shifts, the chosen optimizer with a per-step learning rate (warm-up, then
/// cosine/step/constant), gradient clipping, one dispose scope per step (memory stays flat), cancellation checked
/// before every batch, a validation score and the callback after every epoch, early stopping on patience, and the
/// best epoch's weights restored at the end.
/// </summary>
internal sealed class Trainer
{
    /// <summary>Computes the scalar loss of a (possibly augmented) batch with its targets; its rows are <c>positions</c> of the training split.</summary>
    public delegate Tensor LossFunction(Tensor features, Tensor targets, long[] positions);

    public required NetworkModel Model { get; init; }
    public required TrainerSettings Settings { get; init; }
    public required EncodedRows Train { get; init; }
    public required Func<double> Validate { get; init; }
    public required LossFunction Loss { get; init; }
    public required string MetricName { get; init; }
    public required int Seed { get; init; }
    public ImageShape? Image { get; init; }
    public IReadOnlyList<Parameter> ExtraParameters { get; init; } = Array.Empty<Parameter>();

    /// <summary>Restore the best epoch's weights at the end (default); false keeps the last epoch's (a refit, which has no
    /// validation rows, or a fold of a cross-validation). The best epoch is tracked either way (patience, the result).</summary>
    public bool KeepBestEpoch { get; init; } = true;

    public TrainResult Run(Func<EpochReport, EpochDecision>? onEpoch, CancellationToken ct)
    {
        var device = Train.Targets.device;
        using var generator = new Generator((ulong)(uint)Seed, device);
        Model.UseGenerator(generator);
        var shuffle = new Random(Seed);
        var augmentRng = new Random(unchecked(Seed * 31 + 17));
        var parameters = Model.parameters().Concat(ExtraParameters).ToList();
        using var optimizer = new FlatOptimizer(parameters, Settings.Optimizer, Settings.Momentum, Settings.WeightDecay);
        var curve = new List<EpochReport>();
        Dictionary<string, Tensor>? best = null;
        var bestScore = double.NegativeInfinity;
        var bestEpoch = 0;
        bool stoppedByCallback = false, stoppedEarly = false, diverged = false;
        var n = Train.Count;
        var batch = Math.Min(Settings.BatchSize, n);
        var steps = (n + batch - 1) / batch;
        var order = Enumerable.Range(0, n).Select(i => (long)i).ToArray();
        var epoch = 0;
        try
        {
            while (epoch < Settings.Epochs)
            {
                epoch++;
                Model.train();
                Shuffle(order, shuffle);
                using var epochOrder = Train.InOrder(order);
                double lossSum = 0;
                long seen = 0;
                for (var step = 0; step < steps; step++)
                {
                    ct.ThrowIfCancellationRequested();
                    var start = step * batch;
                    var size = Math.Min(batch, n - start);
                    if (size < 2 && steps > 1) continue; // a batch of one breaks batch norm; its row is seen next epoch
                    using var scope = torch.NewDisposeScope();
                    var positions = order.AsSpan(start, size).ToArray();
                    var features = epochOrder.Features(start, size);
                    var targets = epochOrder.Targets(start, size);
                    if (Settings.Augment && Image is not null) features = ImageAugmenter.Shift(features, Image, Settings.AugmentShift, augmentRng);
                    optimizer.LearningRate = Settings.LearningRateAt(epoch - 1 + step / (double)steps);
                    optimizer.ZeroGrad();
                    var loss = Loss(features, targets, positions);
                    loss.backward();
                    if (Settings.GradClip > 0) optimizer.ClipGradNorm(Settings.GradClip);
                    optimizer.Step();
                    lossSum += loss.item<float>() * size;
                    seen += size;
                }
                var trainLoss = seen > 0 ? lossSum / seen : double.NaN;
                Model.eval();
                var score = Validate();
                var report = new EpochReport(epoch, trainLoss, score, MetricName);
                curve.Add(report);
                if (!double.IsFinite(trainLoss))
                {
                    diverged = true;
                    break;
                }
                if (double.IsFinite(score) && (bestEpoch == 0 || score > bestScore))
                {
                    bestScore = score;
                    bestEpoch = epoch;
                    if (KeepBestEpoch) Replace(ref best, Snapshot());
                }
                if (onEpoch?.Invoke(report) == EpochDecision.Stop)
                {
                    stoppedByCallback = true;
                    break;
                }
                if (Settings.Patience > 0 && epoch - bestEpoch >= Settings.Patience)
                {
                    stoppedEarly = true;
                    break;
                }
            }
            if (best is not null && KeepBestEpoch) Model.load_state_dict(best);
        }
        finally
        {
            Replace(ref best, null);
            Model.UseGenerator(null);
            Model.eval();
        }
        return new TrainResult(epoch, stoppedByCallback, stoppedEarly, diverged, curve, bestScore, bestEpoch);
    }

    private Dictionary<string, Tensor> Snapshot()
    {
        var copy = new Dictionary<string, Tensor>();
        foreach (var (name, tensor) in Model.state_dict()) copy[name] = tensor.detach().clone().DetachFromDisposeScope();
        return copy;
    }

    private static void Replace(ref Dictionary<string, Tensor>? slot, Dictionary<string, Tensor>? value)
    {
        if (slot is not null)
        {
            foreach (var t in slot.Values) t.Dispose();
        }
        slot = value;
    }

    private static void Shuffle(long[] order, Random rng)
    {
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }
}
