using AIMass.Training.Distillation;
using AIMass.Training.Inference;
using AIMass.Training.Metrics;
using AIMass.Training.Tests.Support;

namespace AIMass.Training.Tests.Models.Gbdt;

public sealed class GbdtTests
{
    [Fact]
    public void Learns_iris_and_round_trips_exactly()
    {
        var outcome = TrainingPipeline.Run(new TrainingRequest
        {
            Data = Samples.Iris, Target = "species", Seed = 1, SplitSeed = 3, Device = "cpu", Hyperparameters = Samples.Hp(("family", "gbdt"), ("trees", 50)),
        });
        Assert.Equal("gbdt", outcome.Family);
        Assert.True(outcome.ValidationScore >= 0.9, $"validation accuracy {outcome.ValidationScore}");
        Assert.Equal(50L * 3 * (2 * 31 - 1), outcome.ParameterCount);
        Assert.Single(outcome.Curve);
        Assert.True(outcome.LatencyMsPerRow > 0);
        Assert.Equal(0, outcome.Artifact.Metadata.EmbeddingSize);
        using var predictor = Predictor.Load(new MemoryStream(outcome.Artifact.ToBytes()));
        var rows = predictor.Predict(Samples.Iris).Rows;
        Assert.Equal("setosa", rows[0].Label);
        Assert.All(rows, r => Assert.Equal(1.0, r.Probabilities!.Values.Sum(), 4));
        using var again = Predictor.Load(new MemoryStream(outcome.Artifact.ToBytes()));
        Assert.Equal(rows.Select(r => r.Probabilities!["virginica"]), again.Predict(Samples.Iris).Rows.Select(r => r.Probabilities!["virginica"]));
    }

    [Fact]
    public void Learns_diabetes_with_exact_tree_parameters()
    {
        var outcome = TrainingPipeline.Run(new TrainingRequest
        {
            Data = Samples.Diabetes, Target = "progression", Seed = 1, SplitSeed = 1, Device = "cpu",
            Hyperparameters = Samples.Hp(("family", "gbdt"), ("trees", 100), ("leaves", 8), ("lr", 0.05), ("min_leaf", 20)),
        });
        Assert.True(outcome.ValidationScore > 0.3, $"r2 {outcome.ValidationScore}");
        Assert.InRange(outcome.ParameterCount, 100, 100 * 15);
        Assert.InRange(outcome.TestMetrics[MetricNames.Rmse], 30, 80);
    }

    [Fact]
    public void Teaches_a_network_student()
    {
        var teacher = TrainingPipeline.Run(new TrainingRequest
        {
            Data = Samples.Iris, Target = "species", Seed = 1, SplitSeed = 6, Device = "cpu", Hyperparameters = Samples.Hp(("family", "gbdt"), ("trees", 40)),
        });
        var student = Distiller.Run(new DistillationRequest
        {
            Data = Samples.Iris, Target = "species", Teacher = teacher.Artifact, Seed = 1, Device = "cpu",
            Hyperparameters = Samples.Hp(("width", 32), ("feature_weight", 1.0)), // trees have no embedding: the feature term is skipped
        });
        Assert.Equal("gbdt", student.Artifact.Metadata.Teacher!.Family);
        Assert.Equal("mlp", student.Family);
        Assert.True(student.ValidationScore >= 0.85, $"student accuracy {student.ValidationScore}, teacher {teacher.ValidationScore}");
    }

    [Fact]
    public void Refuses_bad_tree_settings_and_network_only_uses()
    {
        Assert.Contains("'leaves'", Assert.ThrowsAny<ArgumentException>(() => TrainingPipeline.Run(new TrainingRequest
        {
            Data = Samples.Iris, Target = "species", Device = "cpu", Hyperparameters = Samples.Hp(("family", "gbdt"), ("leaves", 1)),
        })).Message);
        Assert.Contains("not a neural network", Assert.ThrowsAny<ArgumentException>(() =>
            AIMass.Training.Models.ModelFactory.Create(Samples.Hp(("family", "gbdt")), 4, 3, null, 0)).Message);
    }
}
