using AIMass.Training.Configuration;
using AIMass.Training.Data;
using AIMass.Training.Models;
using AIMass.Training.Preprocessing;
using AIMass.Training.Tests.Support;
using AIMass.Training.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace AIMass.Training.Tests.Training;

public sealed class TrainerTests
{
    private static TrainerSettings Settings(params (string, object?)[] hp) =>
        TrainerSettings.Read(new HyperparameterReader(Samples.Hp(hp), Hyperparameters.TrainingKeys), null, image: false);

    [Fact]
    public void Cancellation_acts_within_one_batch()
    {
        var rows = Enumerable.Range(0, 150).ToArray();
        var pre = TabularPreprocessor.Fit(Samples.Iris, "species", TaskKind.Classification, rows);
        using var train = new EncodedRows(pre, Samples.Iris, rows, torch.CPU);
        using var model = ModelFactory.Create(null, pre.FeatureCount, 3, null, 1);
        using var cts = new CancellationTokenSource();
        var batches = 0;
        var trainer = new Trainer
        {
            Model = model,
            Settings = Settings(("batch_size", 10), ("epochs", 5)),
            Train = train,
            Validate = () => 0,
            MetricName = "accuracy",
            Seed = 1,
            Loss = (x, labels, positions) =>
            {
                if (++batches == 3) cts.Cancel();
                return nn.functional.cross_entropy(model.call(x), labels);
            },
        };
        Assert.ThrowsAny<OperationCanceledException>(() => trainer.Run(null, cts.Token));
        Assert.Equal(3, batches);
    }

    [Fact]
    public void Keeps_the_best_epochs_weights()
    {
        var rows = Enumerable.Range(0, 150).ToArray();
        var pre = TabularPreprocessor.Fit(Samples.Iris, "species", TaskKind.Classification, rows);
        using var train = new EncodedRows(pre, Samples.Iris, rows, torch.CPU);
        using var model = ModelFactory.Create(null, pre.FeatureCount, 3, null, 1);
        var scores = new Queue<double>(new[] { 0.2, 0.9, 0.5, 0.4 });
        Tensor? weightsAtBest = null;
        var epoch = 0;
        var trainer = new Trainer
        {
            Model = model, Settings = Settings(("epochs", 4), ("patience", 0)), Train = train, MetricName = "accuracy", Seed = 1,
            Validate = () =>
            {
                if (++epoch == 2) weightsAtBest = model.parameters().First().detach().clone();
                return scores.Dequeue();
            },
            Loss = (x, labels, positions) =>
            {
                return nn.functional.cross_entropy(model.call(x), labels);
            },
        };
        var result = trainer.Run(null, CancellationToken.None);
        Assert.Equal((2, 0.9, 4), (result.BestEpoch, result.BestScore, result.EpochsRun));
        Assert.True(model.parameters().First().Equals(weightsAtBest!));
        weightsAtBest!.Dispose();
    }

    [Fact]
    public void Learning_rate_schedules()
    {
        var cosine = Settings(("lr", 0.1), ("epochs", 10), ("warmup_epochs", 2));
        Assert.True(cosine.LearningRateAt(0) < 0.001);
        Assert.Equal(0.05, cosine.LearningRateAt(1), 3);
        Assert.Equal(0.1, cosine.LearningRateAt(2), 6);
        Assert.Equal(0.1 * (0.01 + 0.99 * 0.5), cosine.LearningRateAt(6), 6);
        Assert.Equal(0.001, cosine.LearningRateAt(10), 6);
        var step = Settings(("lr", 0.1), ("epochs", 9), ("schedule", "step"), ("step_gamma", 0.5));
        Assert.Equal(new[] { 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025 }, Enumerable.Range(0, 7).Select(e => Math.Round(step.LearningRateAt(e), 6)));
        Assert.Equal(0.1, Settings(("lr", 0.1), ("schedule", "constant")).LearningRateAt(37));
        Assert.Equal(5, TrainerSettings.Read(new HyperparameterReader(null, Hyperparameters.TrainingKeys), 5, false).Epochs);
    }

    [Fact]
    public void Streaming_batches_equal_dense_batches()
    {
        var rows = Enumerable.Range(0, 100).Select(i => i * 3).ToArray();
        var pre = TabularPreprocessor.Fit(Samples.Digits, "digit", TaskKind.Classification, rows);
        using var dense = new EncodedRows(pre, Samples.Digits, rows, torch.CPU);
        using var streaming = new EncodedRows(pre, Samples.Digits, rows, torch.CPU, denseLimit: 0);
        Assert.False(dense.IsStreaming);
        Assert.True(streaming.IsStreaming);
        long[] positions = { 5, 0, 99, 42 };
        using var a = dense.Gather(positions);
        using var b = streaming.Gather(positions);
        Assert.True(a.Equals(b));
        long[] order = { 3, 1, 4, 1, 5, 9, 2, 6 };
        using var epochDense = dense.InOrder(order);
        using var epochStreaming = streaming.InOrder(order);
        using var e = epochDense.Features(2, 4);
        using var f = epochStreaming.Features(2, 4);
        using var g = dense.Gather(new long[] { 4, 1, 5, 9 });
        Assert.True(e.Equals(f) && e.Equals(g));
        using var h = epochDense.Targets(2, 4);
        using var i = epochStreaming.Targets(2, 4);
        Assert.True(h.Equals(i));
        using var c = dense.Slice(10, 20);
        using var d = streaming.Slice(10, 20);
        Assert.True(c.Equals(d));
    }

    [Fact]
    public void Shift_augmentation_moves_pixels_within_the_shift()
    {
        var shape = new ImageShape(1, 5, 5);
        var pixels = new float[25 * 50];
        for (var i = 0; i < 50; i++) pixels[i * 25 + 12] = 1f; // one bright pixel in the centre of each image
        using var batch = torch.tensor(pixels, new long[] { 50, 25 });
        using var shifted = ImageAugmenter.Shift(batch, shape, 1, new Random(3));
        var values = shifted.data<float>().ToArray();
        var moved = 0;
        for (var i = 0; i < 50; i++)
        {
            var image = values.AsSpan(i * 25, 25).ToArray();
            Assert.Equal(1f, image.Sum());
            var at = Array.IndexOf(image, 1f);
            var (r, c) = (at / 5, at % 5);
            Assert.InRange(r, 1, 3);
            Assert.InRange(c, 1, 3);
            if (at != 12) moved++;
        }
        Assert.InRange(moved, 30, 50); // 8 of 9 offsets move the pixel
        using var same = ImageAugmenter.Shift(batch, shape, 0, new Random(3));
        Assert.True(same.Equals(batch));
    }
}
