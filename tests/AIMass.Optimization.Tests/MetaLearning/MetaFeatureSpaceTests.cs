using AIMass.Optimization.MetaLearning;

namespace AIMass.Optimization.Tests.MetaLearning;

public sealed class MetaFeatureSpaceTests
{
    [Fact]
    public void CountsAreComparedOnALogScaleAndZScored()
    {
        var space = MetaFeatureSpace.Fit([new Dictionary<string, double> { ["rows"] = 100 }, new Dictionary<string, double> { ["rows"] = 10_000 }]);

        var small = space.Normalize(new Dictionary<string, double> { ["rows"] = 100 });
        var large = space.Normalize(new Dictionary<string, double> { ["rows"] = 10_000 });
        var middle = space.Normalize(new Dictionary<string, double> { ["rows"] = 1_000 });

        Assert.Equal(-1, small[0], 9);
        Assert.Equal(1, large[0], 9);
        Assert.InRange(middle[0], -0.01, 0.01); // 1,000 is half-way between 100 and 10,000 on a log scale
    }

    [Fact]
    public void MissingFeaturesSitAtTheMeanAndUnknownOnesAreIgnored()
    {
        var space = MetaFeatureSpace.Fit([
            new Dictionary<string, double> { ["a"] = 0, ["b"] = 2 },
            new Dictionary<string, double> { ["a"] = 2, ["b"] = 4 },
        ]);
        var z = space.Normalize(new Dictionary<string, double> { ["a"] = 2, ["zzz"] = 100 });

        Assert.Equal(["a", "b"], space.Names);
        Assert.Equal([1.0, 0.0], z);
    }

    [Fact]
    public void WeightsScaleTheDistanceAndZeroSwitchesAFeatureOff()
    {
        var vectors = new[]
        {
            new Dictionary<string, double> { ["a"] = 0, ["b"] = 0 },
            new Dictionary<string, double> { ["a"] = 2, ["b"] = 2 },
        };
        var plain = MetaFeatureSpace.Fit(vectors, new Dictionary<string, double> { ["a"] = 1, ["b"] = 1 });
        var onlyA = MetaFeatureSpace.Fit(vectors, new Dictionary<string, double> { ["a"] = 1, ["b"] = 0 });

        Assert.Equal(Math.Sqrt(8), plain.Distance(vectors[0], vectors[1]), 9);
        Assert.Equal(2, onlyA.Distance(vectors[0], vectors[1]), 9);
        Assert.Equal(0, onlyA.Distance(vectors[0], new Dictionary<string, double> { ["a"] = 0, ["b"] = 2 }), 9);
        Assert.Throws<ArgumentException>(() => MetaFeatureSpace.Fit(vectors, new Dictionary<string, double> { ["a"] = -1 }));
    }

    [Fact]
    public void AFeatureThatNeverVariesKeepsUnitScale()
    {
        var space = MetaFeatureSpace.Fit([new Dictionary<string, double> { ["c"] = 3 }, new Dictionary<string, double> { ["c"] = 3 }]);
        Assert.Equal([2.0], space.Normalize(new Dictionary<string, double> { ["c"] = 5 }));
    }
}
