using AIMass.Training.Data;
using AIMass.Training.Inference;
using AIMass.Training.Metrics;
using AIMass.Training.Tests.Support;

namespace AIMass.Training.Tests.Inference;

public sealed class PredictorTests
{
    private static readonly Lazy<TrainingOutcome> Iris = new(() => TrainingPipeline.Run(new TrainingRequest
    {
        Data = Samples.Iris, Target = "species", Seed = 2, SplitSeed = 7, Device = "cpu",
    }));

    private static readonly Lazy<TrainingOutcome> Diabetes = new(() => TrainingPipeline.Run(new TrainingRequest
    {
        Data = Samples.Diabetes, Target = "progression", Seed = 2, SplitSeed = 7, Device = "cpu", Hyperparameters = Samples.Hp(("epochs", 30)),
    }));

    private static Predictor Load(TrainingOutcome outcome) => Predictor.Load(new MemoryStream(outcome.Artifact.ToBytes()));

    [Fact]
    public void Predicts_original_labels_with_probabilities()
    {
        using var predictor = Load(Iris.Value);
        Assert.Equal(new[] { "sepal_length_(cm)", "sepal_width_(cm)", "petal_length_(cm)", "petal_width_(cm)" }, predictor.InputColumns);
        var result = predictor.Predict(Samples.Iris);
        Assert.Equal(150, result.Rows.Count);
        Assert.Equal("setosa", result.Rows[0].Label);
        Assert.Equal("virginica", result.Rows[149].Label);
        Assert.All(result.Rows, r =>
        {
            Assert.Equal(1.0, r.Probabilities!.Values.Sum(), 4);
            Assert.Equal(r.Label, r.Probabilities.MaxBy(kv => kv.Value).Key);
        });
        var correct = result.Rows.Select((r, i) => r.Label == Samples.Iris[i, "species"]).Count(x => x);
        Assert.True(correct >= 135, $"{correct}/150");
    }

    [Fact]
    public void Reproduces_the_trained_models_test_metrics_exactly()
    {
        foreach (var (outcome, table, target) in new[] { (Iris.Value, Samples.Iris, "species"), (Diabetes.Value, Samples.Diabetes, "progression") })
        {
            var meta = outcome.Artifact.Metadata;
            var split = DataSplitter.Split(table, target, meta.Task, meta.ValidationFraction, meta.TestFraction, meta.SplitSeed);
            using var predictor = Load(outcome);
            var rows = predictor.Predict(table.SelectRows(split.Test)).Rows;
            IReadOnlyDictionary<string, double> metrics;
            if (meta.Task == TaskKind.Classification)
            {
                var labels = split.Test.Select(r => (long)meta.Classes.ToList().IndexOf(table[r, target]!)).ToArray();
                var probabilities = rows.SelectMany(r => meta.Classes.Select(c => (float)r.Probabilities![c])).ToArray();
                metrics = ClassificationMetrics.Compute(labels, probabilities, meta.Classes.Count);
            }
            else
            {
                var actual = split.Test.Select(r => double.Parse(table[r, target]!, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
                metrics = RegressionMetrics.Compute(actual, rows.Select(r => r.Value!.Value).ToArray());
            }
            Assert.Equal(outcome.TestMetrics, metrics);
        }
    }

    [Fact]
    public void Regression_values_come_back_in_original_units()
    {
        using var predictor = Load(Diabetes.Value);
        var values = predictor.Predict(Samples.Diabetes).Rows.Select(r => r.Value!.Value).ToArray();
        Assert.InRange(values.Average(), 120, 185); // the target's mean is 152
        Assert.True(values.Max() - values.Min() > 100);
        Assert.All(predictor.Predict(Samples.Diabetes).Rows, r => Assert.Null(r.Label));
    }

    [Fact]
    public void Refuses_rows_without_a_required_column_and_ignores_extra_ones()
    {
        using var predictor = Load(Iris.Value);
        var e = Assert.Throws<ArgumentException>(() => predictor.Predict(new[]
        {
            (IReadOnlyDictionary<string, string?>)new Dictionary<string, string?> { ["sepal_length_(cm)"] = "5.1", ["sepal_width_(cm)"] = "3.5", ["petal_length_(cm)"] = "1.4" },
        }));
        Assert.Contains("'petal_width_(cm)'", e.Message);
        Assert.Contains("'petal_width_(cm)'", Assert.Throws<ArgumentException>(() => predictor.Predict(Samples.Parse("sepal_length_(cm),sepal_width_(cm),petal_length_(cm)\n5,3,1\n"))).Message);
        var result = predictor.Predict(new[]
        {
            (IReadOnlyDictionary<string, string?>)new Dictionary<string, string?>
            {
                ["species"] = "ignored", ["petal_width_(cm)"] = "2.3", ["petal_length_(cm)"] = "6.0", ["sepal_width_(cm)"] = "3.0", ["sepal_length_(cm)"] = "7.2", ["note"] = "x",
            },
        });
        Assert.Equal("virginica", result.Rows.Single().Label);
    }

    [Fact]
    public void Concurrent_predictions_equal_sequential_ones()
    {
        using var predictor = Load(Iris.Value);
        var expected = predictor.Predict(Samples.Iris).Rows.Select(r => r.Probabilities!["versicolor"]).ToArray();
        var results = new double[8][];
        Parallel.For(0, 8, i => results[i] = predictor.Predict(Samples.Iris).Rows.Select(r => r.Probabilities!["versicolor"]).ToArray());
        Assert.All(results, r => Assert.Equal(expected, r));
    }
}
