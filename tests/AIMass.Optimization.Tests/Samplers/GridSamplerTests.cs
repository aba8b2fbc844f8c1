using AIMass.Optimization.Samplers;

namespace AIMass.Optimization.Tests.Samplers;

public sealed class GridSamplerTests
{
    private static GridSampler Grid(int seed) => new(new Dictionary<string, IReadOnlyList<object?>>
    {
        ["x"] = [0.0, 0.5, 1.0],
        ["act"] = ["relu", "tanh"],
    }, seed);

    [Fact]
    public void VisitsEveryPointOnceThenStops()
    {
        var study = Study.Create(new StudyOptions { Sampler = Grid(1) });
        study.Optimize(t => t.SuggestFloat("x", 0, 1) + (t.SuggestCategorical("act", new[] { "relu", "tanh" }) == "relu" ? 0 : 1), nTrials: 50);
        Assert.Equal(6, study.Trials.Count);
        var points = study.Trials.Select(t => $"{t.Params["x"]}/{t.Params["act"]}").ToHashSet();
        Assert.Equal(6, points.Count);
    }

    [Fact]
    public void OrderDependsOnTheSeedOnly()
    {
        string Order(int seed)
        {
            var study = Study.Create(new StudyOptions { Sampler = Grid(seed) });
            study.Optimize(t => t.SuggestFloat("x", 0, 1) + t.SuggestCategorical("act", new[] { "relu", "tanh" }).Length, nTrials: 6);
            return string.Join(",", study.Trials.Select(t => t.SystemAttributes["grid_id"]));
        }
        Assert.Equal(Order(4), Order(4));
        Assert.NotEqual(Order(4), Order(5));
    }

    [Fact]
    public void ParametersOutsideTheGridAreErrors()
    {
        var study = Study.Create(new StudyOptions { Sampler = Grid(1) });
        var trial = study.Ask();
        Assert.Contains("'y'", Assert.Throws<ArgumentException>(() => trial.SuggestFloat("y", 0, 1)).Message);
        Assert.Throws<ArgumentException>(() => trial.SuggestFloat("x", 0.1, 0.4));
        Assert.Throws<ArgumentException>(() => new GridSampler(new Dictionary<string, IReadOnlyList<object?>> { ["x"] = [] }));
    }

    [Fact]
    public void SamplerCatalogRejectsUnknownNamesListingTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => SamplerCatalog.Create("annealing", 1));
        foreach (var name in new[] { "random", "tpe", "tpe-multivariate", "qmc", "cmaes", "gp", "nsga2" })
        {
            Assert.Contains(name, e.Message);
            Assert.Contains(name, SamplerCatalog.Names);
        }
    }
}
