using AIMass.Training.Artifacts;
using AIMass.Training.Data;
using AIMass.Training.Inference;
using AIMass.Training.Tests.Support;

namespace AIMass.Training.Tests.Training;

public sealed class CrossValidationTests
{
    private static TrainingRequest Request(CsvTable data, string target, Dictionary<string, object?> hp, int folds = 5) => new()
    {
        Data = data, Target = target, Hyperparameters = hp, Seed = 5, SplitSeed = 11, Device = "cpu", Folds = folds, TestFraction = 0.1,
    };

    /// <summary>The rows a cross-validation trains on: every row but the internal test rows of the same seed and fraction.</summary>
    private static DataSplit Outer(CsvTable data, string target, TaskKind task) => DataSplitter.Split(data, target, task, 0, 0.1, 11);

    [Fact]
    public void A_refit_model_is_trained_on_every_training_row_and_its_metadata_says_so()
    {
        var outcome = TrainingPipeline.Run(new TrainingRequest
        {
            Data = Samples.Iris, Target = "species", Hyperparameters = Samples.Hp(("family", "linear"), ("alpha", 0.5)), Seed = 5, SplitSeed = 11,
            Device = "cpu", Folds = 5, TestFraction = 0.1, FitStrategy = "refit",
        });
        var outer = Outer(Samples.Iris, "species", TaskKind.Classification);
        var meta = outcome.Artifact.Metadata;

        Assert.Equal(TrainingModes.Refit, meta.TrainedAs);
        Assert.Equal(5, meta.Folds);
        Assert.Equal(outer.Train.Count, meta.TrainRows);
        Assert.Equal(Samples.Iris.RowCount - outer.Test.Count, meta.TrainRows);
        Assert.Equal(outer.Test.Count, meta.TestRows);
        Assert.Empty(outcome.Artifact.Members);
        // Validation metrics are out of fold over every training row; the stored predictions cover them all.
        Assert.Equal(outer.Train.Count, meta.ValidationRows);
        var stored = outcome.Artifact.Predictions!;
        Assert.Equal(outer.Train, stored.TrainRows);
        Assert.Equal(outer.Test, stored.TestRows);
        Assert.Equal(outer.Train.Count * 3, stored.OutOfFold.Length);
        Assert.Equal(outcome.ValidationMetrics["accuracy"], meta.ValidationScore);
        Assert.InRange(meta.ValidationScore, 0.85, 1.0);
        // The refit is one fit on all training rows: a model on fewer rows would predict the test rows differently.
        var loaded = ModelArtifact.Load(new MemoryStream(outcome.Artifact.ToBytes()));
        Assert.Equal(meta.TrainRows, loaded.Metadata.TrainRows);
        Assert.Equal(TrainingModes.Refit, loaded.Metadata.TrainedAs);
    }

    [Fact]
    public void A_bagged_model_predicts_the_mean_of_its_fold_models()
    {
        var outcome = TrainingPipeline.Run(Request(Samples.Iris, "species",
            Samples.Hp(("family", "mlp"), ("epochs", 12), ("width", 16), ("layers", 1)), folds: 4));
        var artifact = ModelArtifact.Load(new MemoryStream(outcome.Artifact.ToBytes()));
        Assert.Equal(TrainingModes.Bagged, artifact.Metadata.TrainedAs);
        Assert.Equal(4, artifact.Members.Count);
        Assert.All(artifact.Metadata.Members, m => Assert.Equal(0.25, m.Weight, 12));
        Assert.All(artifact.Members, m => Assert.Equal(TrainingModes.Fold, m.Metadata.TrainedAs));
        Assert.Equal(Outer(Samples.Iris, "species", TaskKind.Classification).Train.Count, artifact.Metadata.TrainRows);
        Assert.Equal(artifact.Members.Sum(m => m.Metadata.ParameterCount), artifact.Metadata.ParameterCount);

        using var bag = Predictor.FromArtifact(artifact);
        var members = artifact.Members.Select(m => Predictor.FromArtifact(m)).ToList();
        try
        {
            var rows = Samples.Iris;
            var bagged = bag.Predict(rows);
            var each = members.Select(p => p.Predict(rows)).ToList();
            for (var r = 0; r < rows.RowCount; r++)
            {
                foreach (var label in bag.Classes)
                {
                    var mean = each.Average(p => p.Rows[r].Probabilities![label]);
                    Assert.Equal(mean, bagged.Rows[r].Probabilities![label], 5);
                }
            }
            // The members differ (they saw different folds): the bag is not one of them.
            Assert.Contains(Enumerable.Range(0, rows.RowCount), r => Math.Abs(each[0].Rows[r].Probabilities!["setosa"] - each[1].Rows[r].Probabilities!["setosa"]) > 1e-4);
        }
        finally
        {
            foreach (var p in members) p.Dispose();
        }
    }

    [Fact]
    public void Folds_are_reported_as_steps_and_a_stop_ends_before_the_last_fold()
    {
        var steps = new List<EpochReport>();
        var outcome = TrainingPipeline.Run(Request(Samples.Iris, "species", Samples.Hp(("family", "knn"), ("neighbours", 3))), report =>
        {
            steps.Add(report);
            return report.Epoch == 2 ? EpochDecision.Stop : EpochDecision.Continue;
        });

        Assert.Equal([1, 2], steps.Select(s => s.Epoch));
        Assert.True(outcome.StoppedByCallback);
        Assert.Equal(2, outcome.Curve.Count);
        // What was trained before the stop is kept as a bag of those folds, without predictions to ensemble.
        Assert.Equal(2, outcome.Artifact.Members.Count);
        Assert.Null(outcome.Artifact.Predictions);
        Assert.True(outcome.Artifact.Metadata.ValidationRows < Outer(Samples.Iris, "species", TaskKind.Classification).Train.Count);
    }

    [Fact]
    public void A_repeated_cross_validation_averages_each_rows_out_of_fold_outputs_over_its_repetitions()
    {
        var hp = Samples.Hp(("family", "gbdt"), ("trees", 10), ("min_leaf", 3));
        var once = TrainingPipeline.Run(Request(Samples.Iris, "species", hp, folds: 3));
        var steps = new List<int>();
        var twice = TrainingPipeline.Run(new TrainingRequest
        {
            Data = Samples.Iris, Target = "species", Hyperparameters = hp, Seed = 5, SplitSeed = 11, Device = "cpu", Folds = 3, Repeats = 2, TestFraction = 0.1,
        }, r =>
        {
            steps.Add(r.Epoch);
            return EpochDecision.Continue;
        });

        Assert.Equal(Enumerable.Range(1, 6), steps);
        Assert.Equal(6, twice.Artifact.Members.Count);
        Assert.All(twice.Artifact.Metadata.Members, m => Assert.Equal(1.0 / 6, m.Weight, 12));
        // The first repetition is the single cross-validation; the second deals other folds, so the averaged outputs differ.
        Assert.Equal(once.Artifact.Members[0].Metadata.TrainRows, twice.Artifact.Members[0].Metadata.TrainRows);
        Assert.NotEqual(once.Artifact.Predictions!.OutOfFold, twice.Artifact.Predictions!.OutOfFold);
        Assert.Equal(once.Artifact.Predictions.TrainRows, twice.Artifact.Predictions.TrainRows);
        var sums = twice.Artifact.Predictions.OutOfFold.Chunk(3).Select(p => p.Sum());
        Assert.All(sums, s => Assert.Equal(1.0, s, 4));
    }

    [Fact]
    public void Equal_seeds_give_equal_cross_validations()
    {
        var hp = Samples.Hp(("family", "gbdt"), ("trees", 20));
        var a = TrainingPipeline.Run(Request(Samples.Diabetes, "progression", hp));
        var b = TrainingPipeline.Run(Request(Samples.Diabetes, "progression", hp));

        Assert.Equal(a.ValidationMetrics["rmse"], b.ValidationMetrics["rmse"]);
        Assert.Equal(a.Artifact.Predictions!.OutOfFold, b.Artifact.Predictions!.OutOfFold);
        Assert.Equal(a.TestMetrics["rmse"], b.TestMetrics["rmse"]);
    }

    [Fact]
    public void Folds_of_the_training_rows_are_stratified_disjoint_and_seeded()
    {
        var outer = Outer(Samples.Iris, "species", TaskKind.Classification);
        var folds = DataSplitter.KFold(Samples.Iris, "species", TaskKind.Classification, 5, 11, outer.Train);
        var again = DataSplitter.KFold(Samples.Iris, "species", TaskKind.Classification, 5, 11, outer.Train);
        var other = DataSplitter.KFold(Samples.Iris, "species", TaskKind.Classification, 5, 12, outer.Train);

        Assert.Equal(folds.Select(f => f.Validation), again.Select(f => f.Validation));
        Assert.NotEqual(folds.Select(f => string.Join(",", f.Validation)), other.Select(f => string.Join(",", f.Validation)));
        // Every training row is validated exactly once, no test row ever, and each fold trains on the rest.
        Assert.Equal(outer.Train.OrderBy(r => r), folds.SelectMany(f => f.Validation).OrderBy(r => r));
        Assert.All(folds, f => Assert.Equal(outer.Train.Count, f.Train.Count + f.Validation.Count));
        Assert.DoesNotContain(folds.SelectMany(f => f.Validation), outer.Test.Contains);
        // Stratified: each class's share in a fold is within one row of its share overall.
        var labels = Samples.Iris.Column("species");
        foreach (var fold in folds)
        {
            foreach (var label in new[] { "setosa", "versicolor", "virginica" })
            {
                var expected = outer.Train.Count(r => labels[r] == label) / 5.0;
                Assert.InRange(fold.Validation.Count(r => labels[r] == label), Math.Floor(expected), Math.Ceiling(expected));
            }
        }
    }
}
