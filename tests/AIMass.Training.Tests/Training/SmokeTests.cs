using AIMass.Training.Distillation;
using AIMass.Training.Tests.Support;
using Xunit.Abstractions;

namespace AIMass.Training.Tests.Training;

public sealed class SmokeTests(ITestOutputHelper output)
{
    [Fact]
    public void Defaults_on_samples()
    {
        foreach (var (name, table, target, image) in new[] { ("iris", Samples.Iris, "species", (AIMass.Training.Data.ImageShape?)null), ("digits", Samples.Digits, "digit", null), ("diabetes", Samples.Diabetes, "progression", null) })
        {
            var outcome = TrainingPipeline.Run(new TrainingRequest { Data = table, Target = target, Seed = 1, SplitSeed = 1, Device = "cpu" });
            output.WriteLine($"{name}: {outcome.MetricName}={outcome.ValidationScore:F4} test={string.Join(",", outcome.TestMetrics.Select(kv => $"{kv.Key}={kv.Value:F3}"))} epochs={outcome.EpochsRun} best={outcome.BestEpoch} params={outcome.ParameterCount} {outcome.Seconds:F2}s lat={outcome.LatencyMsPerRow:F4}/{outcome.LatencyMsPerRowBatch256:F5} bytes={outcome.ArtifactBytes}");
        }
    }

    [Fact]
    public void Distill_digits()
    {
        var env = Environment.GetEnvironmentVariable("DISTILL_HP") ?? "";
        for (var seed = 0; seed < 3; seed++)
        {
            var teacher = TrainingPipeline.Run(new TrainingRequest { Data = Samples.Digits, Target = "digit", Seed = seed, SplitSeed = seed, Device = "cpu", Image = Samples.DigitsShape,
                Hyperparameters = Samples.Hp(("family", "cnn"), ("channels", 32), ("epochs", 40)) });
            var studentHp = Samples.Hp(("family", "mlp"), ("layers", 1), ("width", 8), ("epochs", 60), ("dropout", 0.0), ("patience", 0));
            var alone = TrainingPipeline.Run(new TrainingRequest { Data = Samples.Digits, Target = "digit", Seed = seed, SplitSeed = seed, Device = "cpu", Image = Samples.DigitsShape, Hyperparameters = studentHp });
            var dhp = new Dictionary<string, object?>(studentHp) { ["temperature"] = 4.0, ["ce_weight"] = 0.2, ["kd_weight"] = 0.8 };
            var distilled = Distiller.Run(new DistillationRequest { Data = Samples.Digits, Target = "digit", Teacher = teacher.Artifact, Seed = seed, Device = "cpu", Hyperparameters = dhp });
            var t = teacher.TestMetrics["accuracy"]; var a = alone.TestMetrics["accuracy"]; var d = distilled.TestMetrics["accuracy"];
            output.WriteLine($"seed {seed}: teacher {t:F4} ({teacher.ParameterCount} p, {teacher.Seconds:F1}s, ep {teacher.EpochsRun}) alone {a:F4} ({alone.ParameterCount} p) distilled {d:F4} ({distilled.Seconds:F1}s) gap {(d - a) / (t - a):F2}; val t {teacher.ValidationScore:F4} a {alone.ValidationScore:F4} d {distilled.ValidationScore:F4}");
        }
    }
}
