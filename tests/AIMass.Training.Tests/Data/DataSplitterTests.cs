using AIMass.Training.Data;
using AIMass.Training.Tests.Support;

namespace AIMass.Training.Tests.Data;

public sealed class DataSplitterTests
{
    [Fact]
    public void Splits_are_disjoint_complete_stratified_and_seeded()
    {
        var split = DataSplitter.Split(Samples.Iris, "species", TaskKind.Classification, 0.2, 0.2, seed: 5);
        var all = split.Train.Concat(split.Validation).Concat(split.Test).ToList();
        Assert.Equal(150, all.Count);
        Assert.Equal(150, all.Distinct().Count());
        Assert.Equal((90, 30, 30), (split.Train.Count, split.Validation.Count, split.Test.Count));
        foreach (var part in new[] { split.Validation, split.Test })
        {
            var counts = part.GroupBy(r => Samples.Iris[r, "species"]).Select(g => g.Count());
            Assert.All(counts, c => Assert.Equal(10, c));
        }
        var again = DataSplitter.Split(Samples.Iris, "species", TaskKind.Classification, 0.2, 0.2, seed: 5);
        Assert.Equal(split.Test, again.Test);
        var other = DataSplitter.Split(Samples.Iris, "species", TaskKind.Classification, 0.2, 0.2, seed: 6);
        Assert.NotEqual(split.Test, other.Test);
    }

    [Fact]
    public void Regression_splits_spread_the_target_range()
    {
        var split = DataSplitter.Split(Samples.Diabetes, "progression", TaskKind.Regression, 0.2, 0.2, seed: 1);
        Assert.Equal(442, split.Train.Count + split.Validation.Count + split.Test.Count);
        double Mean(IEnumerable<int> rows) => rows.Average(r => double.Parse(Samples.Diabetes[r, "progression"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(Mean(split.Test) - Mean(split.Train), -10, 10);
    }

    [Fact]
    public void Leaves_out_rows_without_a_target()
    {
        var table = Samples.Parse("x,y\n" + string.Join("\n", Enumerable.Range(0, 20).Select(i => $"{i},{(i % 5 == 0 ? "" : (i % 2).ToString())}")));
        var split = DataSplitter.Split(table, "y", TaskKind.Classification, 0.25, 0.25, 3);
        Assert.Equal(16, split.Train.Count + split.Validation.Count + split.Test.Count);
        Assert.DoesNotContain(0, split.Train.Concat(split.Validation).Concat(split.Test));
    }

    [Fact]
    public void K_fold_partitions_every_row_once()
    {
        var folds = DataSplitter.KFold(Samples.Iris, "species", TaskKind.Classification, 5, seed: 2);
        Assert.Equal(5, folds.Count);
        Assert.Equal(150, folds.SelectMany(f => f.Validation).Distinct().Count());
        Assert.All(folds, f =>
        {
            Assert.Equal(30, f.Validation.Count);
            Assert.Empty(f.Train.Intersect(f.Validation));
            Assert.Equal(120, f.Train.Count);
            Assert.All(f.Validation.GroupBy(r => Samples.Iris[r, "species"]), g => Assert.Equal(10, g.Count()));
        });
        Assert.Throws<ArgumentOutOfRangeException>(() => DataSplitter.KFold(Samples.Iris, "species", TaskKind.Classification, 1, 0));
    }

    [Fact]
    public void Refuses_bad_fractions()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DataSplitter.Split(Samples.Iris, "species", TaskKind.Classification, -0.1, 0.2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DataSplitter.Split(Samples.Iris, "species", TaskKind.Classification, 0.5, 0.45, 0));
    }
}
