using System.Globalization;
using AIMass.Training.Data;
using AIMass.Training.MetaFeatures;
using AIMass.Training.Tests.Support;
using N = AIMass.Training.MetaFeatures.MetaFeatureNames;

namespace AIMass.Training.Tests.MetaFeatures;

public sealed class MetaFeatureExtractorTests
{
    [Fact]
    public void IrisHasTheExpectedSimpleStatisticalAndLandmarkFeatures()
    {
        var f = MetaFeatureExtractor.Compute(Samples.Iris, "species", null, seed: 1);

        Assert.Equal(N.All, f.Keys);
        Assert.All(f.Values, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(150, f[N.Rows]);
        Assert.Equal(Math.Log(150), f[N.LogRows], 12);
        Assert.Equal(4, f[N.Columns]);
        Assert.Equal(3, f[N.Classes]);
        Assert.Equal(1.0, f[N.ClassRatio], 12);
        Assert.Equal(Math.Log2(3), f[N.ClassEntropy], 9);
        Assert.Equal(1.0, f[N.NumericShare]);
        Assert.Equal(0.0, f[N.CategoricalShare]);
        Assert.Equal(0.0, f[N.MissingShare]);
        Assert.InRange(f[N.MeanAbsCorrelation], 0.4, 0.8); // iris's petal and sepal lengths correlate strongly
        Assert.InRange(f[N.SkewnessMean], 0.05, 1.0);
        Assert.InRange(f[N.KurtosisMean], -2.0, 1.0);
        Assert.InRange(f[N.Landmark1Nn], 0.85, 1.0);
        Assert.InRange(f[N.LandmarkNaiveBayes], 0.85, 1.0);
        Assert.InRange(f[N.LandmarkLinear], 0.85, 1.0);
        Assert.InRange(f[N.LandmarkStump], 0.45, 0.8); // one split separates one class of three
        Assert.Equal(0, f[N.IsImage]);
        Assert.Equal(0, f[N.ImageChannels]);
    }

    [Fact]
    public void DigitsAsImagesReportTheModalityAndStrongNeighbourLandmarks()
    {
        var f = MetaFeatureExtractor.Compute(Samples.Digits, "digit", Samples.DigitsShape, seed: 3);

        Assert.Equal(1797, f[N.Rows]);
        Assert.Equal(64, f[N.Columns]);
        Assert.Equal(10, f[N.Classes]);
        Assert.InRange(f[N.ClassRatio], 0.9, 1.0);
        Assert.InRange(f[N.ClassEntropy], 3.3, Math.Log2(10));
        Assert.Equal(1, f[N.IsImage]);
        Assert.Equal(1, f[N.ImageChannels]);
        Assert.Equal(8, f[N.ImageHeight]);
        Assert.Equal(8, f[N.ImageWidth]);
        Assert.Equal(1, f[N.NumericShare]);
        Assert.InRange(f[N.Landmark1Nn], 0.93, 1.0);
        Assert.InRange(f[N.LandmarkLinear], 0.88, 1.0);
        Assert.InRange(f[N.LandmarkNaiveBayes], 0.5, 0.95);
        Assert.InRange(f[N.LandmarkStump], 0.12, 0.35); // a single split tells about two digits of ten apart
        Assert.True(f[N.KurtosisMax] > f[N.KurtosisMean]);
    }

    [Fact]
    public void DiabetesIsRegressionWithClippedRSquaredLandmarks()
    {
        var f = MetaFeatureExtractor.Compute(Samples.Diabetes, "progression", null, seed: 5);

        Assert.Equal(442, f[N.Rows]);
        Assert.Equal(10, f[N.Columns]);
        Assert.Equal(0, f[N.Classes]);
        Assert.Equal(0, f[N.ClassEntropy]);
        Assert.Equal(0, f[N.ClassRatio]);
        Assert.InRange(f[N.LandmarkLinear], 0.25, 0.7); // ridge regression explains about half the variance
        Assert.InRange(f[N.LandmarkStump], 0.0, 0.45);
        Assert.InRange(f[N.LandmarkNaiveBayes], -0.2, 0.6);
        Assert.InRange(f[N.Landmark1Nn], -1.0, 0.4); // 1-NN regression is noisy on diabetes
        Assert.True(f[N.LandmarkLinear] > f[N.Landmark1Nn]);
    }

    [Fact]
    public void EqualSeedsGiveEqualFeaturesAndTheSeedOnlyMovesSampledOnes()
    {
        var a = MetaFeatureExtractor.Compute(Samples.Digits, "digit", null, seed: 7, maxRows: 400);
        var b = MetaFeatureExtractor.Compute(Samples.Digits, "digit", null, seed: 7, maxRows: 400);
        var c = MetaFeatureExtractor.Compute(Samples.Digits, "digit", null, seed: 8, maxRows: 400);

        Assert.Equal(a, b);
        Assert.Equal(a[N.Rows], c[N.Rows]);
        Assert.Equal(a[N.ClassEntropy], c[N.ClassEntropy]);
        Assert.Contains(N.Landmarkers, name => a[name] != c[name]);
    }

    [Fact]
    public void ALargeWideTableIsDescribedFromABoundedSubsample()
    {
        const int rows = 20_000, columns = 200;
        var rng = new Random(11);
        var names = Enumerable.Range(0, columns).Select(i => $"x{i}").Append("label").ToArray();
        var data = new List<IReadOnlyList<string?>>(rows);
        for (var r = 0; r < rows; r++)
        {
            var cells = new string?[columns + 1];
            var sum = 0;
            for (var c = 0; c < columns; c++)
            {
                var v = rng.Next(16);
                if (c < 5) sum += v;
                cells[c] = rng.Next(50) == 0 ? null : v.ToString(CultureInfo.InvariantCulture);
            }
            cells[columns] = sum > 37 ? "high" : "low";
            data.Add(cells);
        }
        var table = CsvTable.FromRows(names, data);

        var (f, work) = MetaFeatureExtractor.ComputeWithWork(table, "label", null, seed: 1, maxRows: 300, task: null);

        Assert.Equal(300, work.SampleRows);
        Assert.Equal(columns, work.StatisticColumns);
        Assert.Equal(MetaFeatureExtractor.MaxCorrelationColumns, work.CorrelationColumns);
        Assert.Equal(MetaFeatureExtractor.MaxLandmarkFeatures, work.LandmarkFeatures);
        Assert.Equal(rows, f[N.Rows]);
        Assert.Equal(columns, f[N.Columns]);
        Assert.InRange(f[N.MissingShare], 0.01, 0.03);
        Assert.InRange(f[N.MeanAbsCorrelation], 0.0, 0.15); // independent columns
        Assert.All(f.Values, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void CategoricalAndMissingCellsShowInTheShares()
    {
        var text = "colour,size,weight,label\n" + string.Join("\n", Enumerable.Range(0, 60).Select(i =>
            $"{(i % 3 == 0 ? "red" : i % 3 == 1 ? "green" : "blue")},{(i % 2 == 0 ? "S" : "L")},{(i % 10 == 0 ? "" : (i * 0.7).ToString(CultureInfo.InvariantCulture))},{(i % 3 == 0 ? "a" : "b")}"));
        var f = MetaFeatureExtractor.Compute(Samples.Parse(text), "label", null, seed: 2);

        Assert.Equal(3, f[N.Columns]);
        Assert.Equal(2.0 / 3, f[N.CategoricalShare], 9);
        Assert.Equal(1.0 / 3, f[N.NumericShare], 9);
        Assert.Equal(6.0 / 180, f[N.MissingShare], 9);
        Assert.Equal(0.5, f[N.ClassRatio], 9);
        Assert.Equal(1.0, f[N.LandmarkStump]); // colour alone decides the label
    }

    [Fact]
    public void BadInputIsRefusedNamingWhatIsWrong()
    {
        var unknown = Assert.Throws<ArgumentException>(() => MetaFeatureExtractor.Compute(Samples.Iris, "kind", null, 1));
        Assert.Contains("'kind'", unknown.Message);
        var shape = Assert.Throws<ArgumentException>(() => MetaFeatureExtractor.Compute(Samples.Iris, "species", new ImageShape(1, 2, 3), 1));
        Assert.Contains("1x2x3", shape.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => MetaFeatureExtractor.Compute(Samples.Iris, "species", null, 1, maxRows: 3));
        var single = Samples.Parse("x,y\n1,a\n2,a\n3,a\n");
        var one = Assert.Throws<DataValidationException>(() => MetaFeatureExtractor.Compute(single, "y", null, 1, task: TaskKind.Classification));
        Assert.Contains("y", one.Message);
    }
}
