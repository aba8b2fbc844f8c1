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
}
