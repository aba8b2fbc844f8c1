using AIMass.Training.Artifacts;
using AIMass.Training.Inference;
using AIMass.Training.Tests.Support;

namespace AIMass.Training.Tests.Artifacts;

public sealed class ModelArtifactTests
{
    private static readonly Lazy<TrainingOutcome> Iris = new(() => TrainingPipeline.Run(new TrainingRequest
    {
        Data = Samples.Iris, Target = "species", Seed = 4, SplitSeed = 4, Device = "cpu",
        Hyperparameters = Samples.Hp(("epochs", 30), ("norm", "batch"), ("width", 32)),
    }));

    [Fact]
    public void Round_trip_keeps_metadata_and_predictions_identical()
    {
        var artifact = Iris.Value.Artifact;
        using var saved = new MemoryStream();
        artifact.Save(saved);
        Assert.Equal(artifact.SizeBytes, saved.Length);
        saved.Position = 0;
        var loaded = ModelArtifact.Load(saved);
        Assert.Equal(artifact.Metadata.ParameterCount, loaded.Metadata.ParameterCount);
        Assert.Equal(artifact.Metadata.Classes, loaded.Metadata.Classes);
        Assert.Equal(artifact.Metadata.Hyperparameters.OrderBy(kv => kv.Key), loaded.Metadata.Hyperparameters.OrderBy(kv => kv.Key));
        Assert.Equal(artifact.Metadata.TestMetrics, loaded.Metadata.TestMetrics);
        using var before = Predictor.FromArtifact(artifact);
        using var after = Predictor.FromArtifact(loaded);
        var p = before.Predict(Samples.Iris);
        var q = after.Predict(Samples.Iris);
        Assert.Equal(p.Rows.Select(r => r.Probabilities!.Values.ToArray()), q.Rows.Select(r => r.Probabilities!.Values.ToArray()));
    }

    [Fact]
    public void Metadata_describes_the_model_and_reads_without_weights()
    {
        var outcome = Iris.Value;
        using var saved = new MemoryStream(outcome.Artifact.ToBytes());
        var meta = ModelArtifact.ReadMetadata(saved);
        Assert.Equal("mlp", meta.Family);
        Assert.Equal(TaskKind.Classification, meta.Task);
        Assert.Equal("species", meta.Target);
        Assert.Equal(new[] { "setosa", "versicolor", "virginica" }, meta.Classes);
        Assert.Equal(4, meta.InputColumns.Count);
        Assert.Equal(outcome.ParameterCount, meta.ParameterCount);
        Assert.Equal(outcome.ArtifactBytes, meta.SizeBytes);
        Assert.True(meta.WeightsBytes > meta.ParameterCount * 4);
        Assert.Equal(outcome.LatencyMsPerRow, meta.LatencyMsPerRow);
        Assert.Equal((32L, "batch", "adamw"), ((long)meta.Hyperparameters["width"], (string)meta.Hyperparameters["norm"], (string)meta.Hyperparameters["optimizer"]));
        Assert.IsType<double>(meta.Hyperparameters["lr"]);
        Assert.Equal((4, 4, 90, 30, 30), (meta.Seed, meta.SplitSeed, meta.TrainRows, meta.ValidationRows, meta.TestRows));
        Assert.Null(meta.Teacher);
    }

    [Fact]
    public void Refuses_what_is_not_an_artifact()
    {
        Assert.Throws<InvalidDataException>(() => ModelArtifact.Load(new MemoryStream(new byte[] { 1, 2, 3, 4 })));
        Assert.Throws<InvalidDataException>(() => ModelArtifact.ReadMetadata(new MemoryStream(new byte[100])));
    }
}
