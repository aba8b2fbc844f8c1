using AIMass.Training.Artifacts;
using AIMass.Training.Ensembles;
using AIMass.Training.Inference;
using AIMass.Training.Tests.Support;

namespace AIMass.Training.Tests.Ensembles;

public sealed class EnsembleBuilderTests
{
    private static ModelArtifact CrossValidated(params (string Key, object? Value)[] hp) => TrainingPipeline.Run(new TrainingRequest
    {
        Data = Samples.Iris, Target = "species", Hyperparameters = Samples.Hp(hp), Seed = 2, SplitSeed = 4, Device = "cpu", Folds = 5, TestFraction = 0.2,
    }).Artifact;

    [Fact]
    public void An_ensemble_predicts_the_weighted_combination_of_its_members_and_sums_their_costs()
    {
        var candidates = new List<(string, ModelArtifact)>
        {
            ("1", CrossValidated(("family", "linear"), ("alpha", 0.01))),
            ("2", CrossValidated(("family", "knn"), ("neighbours", 15), ("weighting", "uniform"))),
            ("3", CrossValidated(("family", "gbdt"), ("trees", 30), ("min_leaf", 5))),
            ("4", CrossValidated(("family", "linear"), ("alpha", 300.0))),
        };
        var result = EnsembleBuilder.Build(candidates);
        var artifact = ModelArtifact.Load(new MemoryStream(result.Outcome.Artifact.ToBytes()));
        var meta = artifact.Metadata;

        Assert.Equal(TrainingModes.Ensemble, meta.TrainedAs);
        Assert.Equal("ensemble", meta.Family);
        Assert.Equal(1.0, meta.Members.Sum(m => m.Weight), 9);
        Assert.Equal(meta.Members.Count, artifact.Members.Count);
        Assert.Equal(result.Weights.Count, meta.Members.Count);
        Assert.All(meta.Members, m => Assert.Equal(result.Weights[m.Source!], m.Weight));
        Assert.Equal(artifact.Members.Sum(m => m.Metadata.ParameterCount), meta.ParameterCount);
        Assert.Equal(artifact.Members.Sum(m => m.Metadata.LatencyMsPerRow), meta.LatencyMsPerRow, 9);
        Assert.Equal(artifact.Members.Sum(m => m.Metadata.LatencyMsPerRowBatch256), meta.LatencyMsPerRowBatch256, 9);
        // Members are stored without their out-of-fold predictions.
        Assert.All(artifact.Members, m => Assert.Null(m.Predictions));

        using var ensemble = Predictor.FromArtifact(artifact);
        var members = artifact.Members.Select(m => Predictor.FromArtifact(m)).ToList();
        try
        {
            var predicted = ensemble.Predict(Samples.Iris);
            var each = members.Select(m => m.Predict(Samples.Iris)).ToList();
            for (var r = 0; r < Samples.Iris.RowCount; r++)
            {
                foreach (var label in ensemble.Classes)
                {
                    var combined = each.Select((p, i) => meta.Members[i].Weight * p.Rows[r].Probabilities![label]).Sum();
                    Assert.Equal(combined, predicted.Rows[r].Probabilities![label], 5);
                }
            }
        }
        finally
        {
            foreach (var m in members) m.Dispose();
        }

        // Its out-of-fold score is at least the best candidate's (selection starts from the best single model).
        var best = candidates.Max(c => c.Item2.Metadata.ValidationScore);
        Assert.True(meta.ValidationScore >= best, $"ensemble {meta.ValidationScore} below its best member {best}");
        Assert.True(meta.TestMetrics.ContainsKey("accuracy"));
    }

    [Fact]
    public void Candidates_from_other_rows_are_left_out()
    {
        var a = CrossValidated(("family", "linear"));
        var other = TrainingPipeline.Run(new TrainingRequest
        {
            Data = Samples.Iris, Target = "species", Hyperparameters = Samples.Hp(("family", "linear")), Seed = 2, SplitSeed = 99, Device = "cpu", Folds = 5, TestFraction = 0.2,
        }).Artifact;
        var holdout = TrainingPipeline.Run(new TrainingRequest { Data = Samples.Iris, Target = "species", Hyperparameters = Samples.Hp(("family", "linear")), SplitSeed = 4, Device = "cpu" }).Artifact;

        var result = EnsembleBuilder.Build([("a", a), ("other split", other), ("holdout", holdout)]);

        Assert.Equal(["a"], result.Weights.Keys);
        Assert.Throws<ArgumentException>(() => EnsembleBuilder.Build([("holdout", holdout)]));
    }
}
