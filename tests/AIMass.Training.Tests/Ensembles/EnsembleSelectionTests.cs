using AIMass.Training.Ensembles;

namespace AIMass.Training.Tests.Ensembles;

public sealed class EnsembleSelectionTests
{
    [Fact]
    public void Two_models_right_on_different_rows_are_combined_and_a_useless_one_is_not()
    {
        // Model A is confidently right on rows 0-5 and mildly wrong on 6-9; B the other way round; C is always wrong.
        long[] labels = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
        float[] Model(Func<int, float> pOne) => Enumerable.Range(0, 10).SelectMany(r => new[] { 1 - pOne(r), pOne(r) }).ToArray();
        var a = Model(r => r < 6 ? (labels[r] == 1 ? 0.95f : 0.05f) : (labels[r] == 1 ? 0.4f : 0.6f));
        var b = Model(r => r >= 6 ? (labels[r] == 1 ? 0.95f : 0.05f) : (labels[r] == 1 ? 0.45f : 0.55f));
        var c = Model(r => labels[r] == 1 ? 0.1f : 0.9f);

        var weights = EnsembleSelection.Select([a, b, c], 2, labels, null, rounds: 20);

        Assert.Equal(1.0, weights.Sum(), 12);
        Assert.Equal(0, weights[2]);
        Assert.True(weights[0] > 0 && weights[1] > 0, $"weights {string.Join(", ", weights)}");
        var combined = Enumerable.Range(0, 20).Select(i => weights[0] * a[i] + weights[1] * b[i]).ToArray();
        Assert.Equal(0, EnsembleSelection.Loss(combined, 2, labels, null).Primary);
        Assert.True(EnsembleSelection.Loss(a.Select(v => (double)v).ToArray(), 2, labels, null).Primary > 0);
        Assert.Equal(weights, EnsembleSelection.Select([a, b, c], 2, labels, null, rounds: 20));
    }

    [Fact]
    public void Regression_averages_models_whose_errors_cancel()
    {
        double[] targets = [1, 2, 3, 4, 5, 6];
        var high = targets.Select(t => (float)(t + 1)).ToArray();
        var low = targets.Select(t => (float)(t - 1)).ToArray();

        var weights = EnsembleSelection.Select([high, low], 1, null, targets, rounds: 10);

        Assert.Equal(0.5, weights[0], 12);
        Assert.Equal(0.5, weights[1], 12);
    }

    [Fact]
    public void The_best_single_model_stands_alone_when_no_mixture_beats_it()
    {
        double[] targets = [1, 2, 3];
        float[] exact = [1, 2, 3];
        float[] off = [2, 3, 4];

        Assert.Equal([1.0, 0.0], EnsembleSelection.Select([exact, off], 1, null, targets));
    }
}
