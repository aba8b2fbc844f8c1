using AIMass.Training.Models.Host;
using AIMass.Training.Models.Knn;
using static AIMass.Training.Tests.Models.Host.HostSamples;

namespace AIMass.Training.Tests.Models.Host;

public sealed class KnnModelTests
{
    [Fact]
    public void One_neighbour_reproduces_the_training_labels()
    {
        var data = Blobs(300, 4, seed: 1);
        var model = KnnModel.Fit(data, Hp(("neighbours", 1)));
        var probabilities = model.Score(data.Features, data.Rows);
        Assert.Equal(1.0, Accuracy(probabilities, data));
        Assert.All(probabilities, p => Assert.True(p is 0f or 1f));
        Assert.Equal(300L * 4 + 300, model.ParameterCount);
    }

    [Fact]
    public void Classifies_blobs_and_regresses_a_smooth_function()
    {
        var (train, test) = (Blobs(600, 4, seed: 2), Blobs(400, 4, seed: 3));
        var classifier = KnnModel.Fit(train, Hp(("neighbours", 15)));
        var probabilities = classifier.Score(test.Features, test.Rows);
        AssertDistributions(probabilities, 3);
        Assert.True(Accuracy(probabilities, test) > 0.85, $"accuracy {Accuracy(probabilities, test)}");
        Assert.All(probabilities, p => Assert.Equal(0, Math.Round(p * 15) - p * 15, 4)); // uniform votes: shares of 15

        var (trainWave, testWave) = (Wave(2000, 2, seed: 4), Wave(500, 2, seed: 5));
        var regressor = KnnModel.Fit(trainWave, Hp(("neighbours", 10), ("weighting", "distance")));
        var r2 = R2(regressor.Score(testWave.Features, testWave.Rows), testWave);
        Assert.True(r2 > 0.9, $"r2 {r2}");
    }

    [Fact]
    public void Distance_weighting_lets_an_exact_match_win_and_weighs_by_inverse_distance()
    {
        var data = new HostFitData([0, 1, 3, 4], 4, 1, null, [10, 20, 30, 40], TaskKind.Regression, 1, 1, 1);
        var model = KnnModel.Fit(data, Hp(("neighbours", 3), ("weighting", "distance")));
        var scores = model.Score([1, 2], 2);
        Assert.Equal(20f, scores[0]); // exact match outvotes the others
        // At 2: neighbours 1 and 3 (distance 1), then 0 and 4 tie at 2 and the lower row (0) wins.
        Assert.Equal((20 + 30 + 10 / 2.0) / 2.5, scores[1], 4);
        var uniform = KnnModel.Fit(data, Hp(("neighbours", 3)));
        Assert.Equal(20f, uniform.Score([2], 1)[0]); // (10 + 20 + 30) / 3, again the lower row on the tie
    }

    [Fact]
    public void Caps_the_neighbours_at_the_rows_and_records_it()
    {
        var data = Blobs(6, 2, seed: 6);
        var hp = Hp(("neighbours", 50));
        var model = KnnModel.Fit(data, hp);
        Assert.Equal(6, model.Settings.Neighbours);
        Assert.Equal(6L, hp.Resolved["neighbours"]);
        Assert.Equal("uniform", hp.Resolved["weighting"]);
        Assert.All(model.Score(data.Features, data.Rows).Chunk(3), row => Assert.Equal([2f / 6, 2f / 6, 2f / 6], row));
    }

    [Theory]
    [InlineData(TaskKind.Classification)]
    [InlineData(TaskKind.Regression)]
    public void Save_and_load_round_trip_to_identical_scores(TaskKind task)
    {
        var data = task == TaskKind.Classification ? Blobs(150, 3, seed: 7) : Wave(150, 3, seed: 7);
        var model = KnnModel.Fit(data, Hp(("neighbours", 4), ("weighting", "distance")));
        var loaded = KnnModel.Load(model.Save(), ShapeOf(data, model));
        Assert.Equal(model.Score(data.Features, data.Rows), loaded.Score(data.Features, data.Rows));
        Assert.Equal(model.Settings, loaded.Settings);
        Assert.Throws<InvalidDataException>(() => KnnModel.Load(model.Save(), ShapeOf(data, model) with { Task = task == TaskKind.Regression ? TaskKind.Classification : TaskKind.Regression }));
    }
    [Theory]
    [InlineData(TaskKind.Classification)]
    [InlineData(TaskKind.Regression)]
    public void A_batch_scores_each_row_as_it_scores_alone(TaskKind task)
    {
        // 37 rows: tiles of queries share passes over the stored rows, and the last tile is partial.
        var (train, test) = task == TaskKind.Classification ? (Blobs(500, 13, seed: 8), Blobs(37, 13, seed: 9)) : (Wave(500, 13, seed: 8), Wave(37, 13, seed: 9));
        var model = KnnModel.Fit(train, Hp(("neighbours", 7), ("weighting", "distance")));
        var batch = model.Score(test.Features, test.Rows);
        var width = batch.Length / test.Rows;
        for (var i = 0; i < test.Rows; i++)
        {
            var alone = model.Score(test.Features.AsSpan(i * 13, 13).ToArray(), 1);
            Assert.Equal(alone, batch.AsSpan(i * width, width).ToArray());
        }
    }
}
