namespace AIMass.Optimization.Tests.MultiObjective;

public sealed class HypervolumeTests
{
    [Fact]
    public void TwoDimensionalStaircase()
    {
        // Points (1,3), (2,2), (3,1) against (4,4): 3 + 2 + 1 = 6 unit squares.
        Assert.Equal(6, Hypervolume.Compute([[1.0, 3], [2.0, 2], [3.0, 1]], [4.0, 4]), 12);
        // A dominated point and a point beyond the reference add nothing.
        Assert.Equal(6, Hypervolume.Compute([[1.0, 3], [2.0, 2], [3.0, 1], [3.0, 3], [5.0, 0]], [4.0, 4]), 12);
    }

    [Fact]
    public void ThreeDimensionsByInclusionExclusion()
    {
        // Boxes [1,3]^3 style: a = (0,0,2), b = (2,0,0) against (3,3,3): 3*3*1 + 1*3*3 - 1*3*1 = 15.
        Assert.Equal(15, Hypervolume.Compute([[0.0, 0, 2], [2.0, 0, 0]], [3.0, 3, 3]), 12);
        // Unit axes against (3,3,3): everything but the cube [0,1)^3 is dominated.
        Assert.Equal(26, Hypervolume.Compute([[1.0, 0, 0], [0.0, 1, 0], [0.0, 0, 1]], [3.0, 3, 3]), 12);
    }

    [Fact]
    public void FourDimensionsMatchMonteCarlo()
    {
        var rng = new Random(5);
        var points = Enumerable.Range(0, 12).Select(_ => (IReadOnlyList<double>)Enumerable.Range(0, 4).Select(_ => rng.NextDouble()).ToArray()).ToArray();
        var exact = Hypervolume.Compute(points, [1.0, 1, 1, 1]);
        var inside = 0;
        const int n = 200_000;
        for (var i = 0; i < n; i++)
        {
            var p = Enumerable.Range(0, 4).Select(_ => rng.NextDouble()).ToArray();
            if (points.Any(q => q.Zip(p).All(z => z.First <= z.Second))) inside++;
        }
        Assert.Equal((double)inside / n, exact, 2);
    }

    [Fact]
    public void TrialsUseTheStudyDirections()
    {
        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Maximize], Seed = 1 });
        foreach (var (a, b) in new[] { (1.0, 1.0), (2.0, 3.0), (3.0, 2.0) }) study.Tell(study.Ask(), [a, b]);
        Assert.Equal([0, 1], study.BestTrials.Select(t => t.Number));
        // Minimise f1 against 4, maximise f2 against 0: (1,1) and (2,3): 3*1 + 2*2 = 7.
        Assert.Equal(7, Hypervolume.Compute(study.Trials, study.Directions, [4.0, 0.0]), 12);
    }
}
