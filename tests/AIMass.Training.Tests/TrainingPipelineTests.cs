using AIMass.Training.Data;
using AIMass.Training.Metrics;
using AIMass.Training.Tests.Support;

namespace AIMass.Training.Tests;

public sealed class TrainingPipelineTests
{
    private static TrainingRequest Iris(Dictionary<string, object?>? hp = null, int seed = 1) => new()
    {
        Data = Samples.Iris, Target = "species", Seed = seed, SplitSeed = 3, Device = "cpu",
        Hyperparameters = hp ?? new Dictionary<string, object?>(),
    };

    [Fact]
    public void Learns_iris_with_defaults()
    {
        var outcome = TrainingPipeline.Run(Iris());
        Assert.Equal(TaskKind.Classification, outcome.Task);
        Assert.Equal(MetricNames.Accuracy, outcome.MetricName);
        Assert.True(outcome.ValidationScore >= 0.9, $"validation accuracy {outcome.ValidationScore}");
        Assert.True(outcome.TestMetrics[MetricNames.Accuracy] >= 0.85, $"test accuracy {outcome.TestMetrics[MetricNames.Accuracy]}");
        Assert.Equal(new[] { "accuracy", "balanced_accuracy", "log_loss", "macro_f1" }, outcome.TestMetrics.Keys.Order());
        Assert.Equal(outcome.EpochsRun, outcome.Curve.Count);
        Assert.Equal(Enumerable.Range(1, outcome.EpochsRun), outcome.Curve.Select(c => c.Epoch));
        Assert.Equal(outcome.ValidationScore, outcome.Curve[outcome.BestEpoch - 1].ValidationScore);
        Assert.True(outcome.Curve[^1].TrainLoss < outcome.Curve[0].TrainLoss);
        Assert.True(outcome.ParameterCount > 0 && outcome.LatencyMsPerRow > 0 && outcome.LatencyMsPerRowBatch256 > 0);
        Assert.Equal(outcome.Artifact.SizeBytes, outcome.ArtifactBytes);
        Assert.Equal("cpu", outcome.Device);
    }

    [Fact]
    public void Learns_digits_with_defaults()
    {
        var outcome = TrainingPipeline.Run(new TrainingRequest { Data = Samples.Digits, Target = "digit", Seed = 1, SplitSeed = 1, Device = "cpu" });
        Assert.True(outcome.ValidationScore >= 0.95, $"validation accuracy {outcome.ValidationScore}");
    }

    [Fact]
    public void Learns_diabetes_regression_in_original_units()
    {
        var outcome = TrainingPipeline.Run(new TrainingRequest { Data = Samples.Diabetes, Target = "progression", Seed = 1, SplitSeed = 1, Device = "cpu" });
        Assert.Equal(TaskKind.Regression, outcome.Task);
        Assert.Equal(MetricNames.R2, outcome.MetricName);
        Assert.True(outcome.ValidationScore > 0.3, $"validation r2 {outcome.ValidationScore}");
        Assert.True(outcome.TestMetrics[MetricNames.R2] > 0.3, $"test r2 {outcome.TestMetrics[MetricNames.R2]}");
        // Target sd is about 77: an error in standardised units would be below 1.
        Assert.InRange(outcome.TestMetrics[MetricNames.Rmse], 30, 80);
        Assert.InRange(outcome.TestMetrics[MetricNames.Mae], 25, 70);
    }

    [Fact]
    public void Equal_seeds_give_equal_runs_and_other_seeds_differ()
    {
        var hp = Samples.Hp(("epochs", 8), ("dropout", 0.3));
        var a = TrainingPipeline.Run(Iris(hp));
        var b = TrainingPipeline.Run(Iris(hp));
        var c = TrainingPipeline.Run(Iris(hp, seed: 2));
        Assert.Equal(a.Curve, b.Curve);
        Assert.Equal(a.TestMetrics, b.TestMetrics);
        Assert.NotEqual(a.Curve.Select(x => x.TrainLoss), c.Curve.Select(x => x.TrainLoss));
    }

    [Fact]
    public void Concurrent_jobs_are_deterministic()
    {
        var hp = Samples.Hp(("epochs", 6), ("dropout", 0.2), ("width", 32));
        var sequential = new[] { 1, 2, 1, 3 }.Select(s => TrainingPipeline.Run(Iris(hp, s)).Curve).ToArray();
        var parallel = new TrainingOutcome[4];
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = TrainingPipeline.Run(Iris(hp, new[] { 1, 2, 1, 3 }[i])));
        for (var i = 0; i < 4; i++) Assert.Equal(sequential[i], parallel[i].Curve);
    }

    [Fact]
    public void Callback_stop_acts_after_that_epoch()
    {
        var seen = new List<int>();
        var outcome = TrainingPipeline.Run(Iris(Samples.Hp(("epochs", 50))), r =>
        {
            seen.Add(r.Epoch);
            Assert.Equal(MetricNames.Accuracy, r.MetricName);
            return r.Epoch == 3 ? EpochDecision.Stop : EpochDecision.Continue;
        });
        Assert.Equal(new[] { 1, 2, 3 }, seen);
        Assert.True(outcome.StoppedByCallback);
        Assert.False(outcome.StoppedEarly);
        Assert.Equal(3, outcome.EpochsRun);
    }

    [Fact]
    public void Cancellation_throws_before_the_next_epoch_ends()
    {
        using var cts = new CancellationTokenSource();
        var seen = 0;
        Assert.ThrowsAny<OperationCanceledException>(() => TrainingPipeline.Run(Iris(Samples.Hp(("epochs", 50))), r =>
        {
            seen++;
            cts.Cancel();
            return EpochDecision.Continue;
        }, cts.Token));
        Assert.Equal(1, seen);
        Assert.ThrowsAny<OperationCanceledException>(() => TrainingPipeline.Run(Iris(), ct: new CancellationToken(true)));
    }

    [Fact]
    public void Early_stopping_and_max_epochs_limit_the_run()
    {
        var stalled = TrainingPipeline.Run(Iris(Samples.Hp(("lr", 1e-7), ("patience", 2), ("epochs", 40), ("dropout", 0.0))));
        Assert.True(stalled.StoppedEarly);
        Assert.True(stalled.EpochsRun < 40);
        Assert.Equal(stalled.BestEpoch + 2, stalled.EpochsRun);
        var capped = TrainingPipeline.Run(Iris() is var r ? new TrainingRequest { Data = r.Data, Target = r.Target, MaxEpochs = 4, Device = "cpu" } : null!);
        Assert.Equal(4, capped.EpochsRun);
    }

    [Fact]
    public void Every_trainer_option_runs()
    {
        foreach (var hp in new[]
                 {
                     Samples.Hp(("optimizer", "sgd"), ("momentum", 0.9), ("lr", 0.05), ("schedule", "step"), ("step_size", 2), ("epochs", 6)),
                     Samples.Hp(("optimizer", "adam"), ("warmup_epochs", 2), ("label_smoothing", 0.1), ("grad_clip", 0.5), ("epochs", 6), ("batch_size", 16)),
                     Samples.Hp(("family", "resnet"), ("blocks", 1), ("width", 32), ("epochs", 6), ("schedule", "constant"), ("class_weight", "balanced")),
                 })
        {
            var outcome = TrainingPipeline.Run(Iris(hp));
            Assert.Equal(6, outcome.EpochsRun);
            Assert.True(outcome.ValidationScore > 0.5, $"{string.Join(",", hp)}: {outcome.ValidationScore}");
        }
    }

    [Fact]
    public void Image_families_train_on_digits()
    {
        foreach (var family in new[] { "cnn", "resnet", "vit" })
        {
            var hp = family switch
            {
                "cnn" => Samples.Hp(("family", "cnn"), ("channels", 8), ("width", 32), ("epochs", 3)),
                "resnet" => Samples.Hp(("family", "resnet"), ("channels", 8), ("blocks", 1), ("epochs", 3)),
                _ => Samples.Hp(("family", "vit"), ("dim", 32), ("heads", 2), ("depth", 1), ("epochs", 10), ("lr", 0.003)),
            };
            var outcome = TrainingPipeline.Run(new TrainingRequest
            {
                Data = Samples.Digits, Target = "digit", Image = Samples.DigitsShape, Seed = 1, SplitSeed = 1, Device = "cpu",
                ValidationFraction = 0.2, TestFraction = 0.2, Hyperparameters = hp,
            });
            Assert.Equal(family, outcome.Family);
            Assert.True(outcome.ValidationScore > 0.6, $"{family}: {outcome.ValidationScore}");
            Assert.Equal(Samples.DigitsShape, outcome.Artifact.Metadata.Image);
        }
    }

    [Fact]
    public void Bad_requests_are_refused_naming_the_problem()
    {
        Assert.Contains("'depthh'", Assert.ThrowsAny<ArgumentException>(() => TrainingPipeline.Run(Iris(Samples.Hp(("depthh", 2))))).Message);
        Assert.Contains("'lr'", Assert.ThrowsAny<ArgumentException>(() => TrainingPipeline.Run(Iris(Samples.Hp(("lr", -1.0))))).Message);
        Assert.Contains("'optimizer'", Assert.ThrowsAny<ArgumentException>(() => TrainingPipeline.Run(Iris(Samples.Hp(("optimizer", "lion"))))).Message);
        Assert.Contains("needs image data", Assert.ThrowsAny<ArgumentException>(() => TrainingPipeline.Run(Iris(Samples.Hp(("family", "vit"))))).Message);
        Assert.Contains("'tpu'", Assert.ThrowsAny<ArgumentException>(() => TrainingPipeline.Run(new TrainingRequest { Data = Samples.Iris, Target = "species", Device = "tpu" })).Message);
        Assert.Contains("CUDA", Assert.ThrowsAny<ArgumentException>(() => TrainingPipeline.Run(new TrainingRequest { Data = Samples.Iris, Target = "species", Device = "cuda:0" })).Message);
        Assert.Contains("'kind'", Assert.Throws<DataValidationException>(() => TrainingPipeline.Run(new TrainingRequest { Data = Samples.Iris, Target = "kind", Device = "cpu" })).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainingPipeline.Run(new TrainingRequest { Data = Samples.Iris, Target = "species", Threads = 0 }));
    }

    [Fact]
    public void Balanced_class_weights_raise_minority_recall()
    {
        // 300 rows, 8% positives that overlap the negatives: without weights the model mostly says "no".
        var rng = new Random(4);
        var lines = new List<string> { "a,b,y" };
        for (var i = 0; i < 300; i++)
        {
            var positive = i % 12 == 0;
            var shift = positive ? 1.0 : 0.0;
            lines.Add(FormattableString.Invariant($"{rng.NextDouble() * 2 - 1 + shift:F4},{rng.NextDouble() * 2 - 1 + shift:F4},{(positive ? "yes" : "no")}"));
        }
        var table = Samples.Parse(string.Join("\n", lines));
        TrainingOutcome Run(string weights) => TrainingPipeline.Run(new TrainingRequest
        {
            Data = table, Target = "y", Seed = 1, SplitSeed = 1, Device = "cpu", ValidationFraction = 0.3, TestFraction = 0.3,
            Hyperparameters = Samples.Hp(("class_weight", weights), ("epochs", 30), ("patience", 0)),
        });
        var plain = Run("none");
        var balanced = Run("auto");
        Assert.True(balanced.ValidationMetrics[MetricNames.BalancedAccuracy] > plain.ValidationMetrics[MetricNames.BalancedAccuracy] + 0.05,
            $"balanced accuracy {plain.ValidationMetrics[MetricNames.BalancedAccuracy]} -> {balanced.ValidationMetrics[MetricNames.BalancedAccuracy]}");
        Assert.True(balanced.ValidationMetrics.ContainsKey(MetricNames.RocAuc));
    }
}
