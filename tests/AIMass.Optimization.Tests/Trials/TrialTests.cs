using AIMass.Optimization.Samplers;

namespace AIMass.Optimization.Tests.Trials;

public sealed class TrialTests
{
    private static Study NewStudy() => Study.Create(new StudyOptions { Sampler = new RandomSampler(7) });

    [Fact]
    public void TheSameNameTwiceReturnsTheSameValue()
    {
        var trial = NewStudy().Ask();
        var x = trial.SuggestFloat("x", 0, 10);
        Assert.Equal(x, trial.SuggestFloat("x", 0, 10));
        var c = trial.SuggestCategorical("c", new[] { 1, 2, 3 });
        Assert.Equal(c, trial.SuggestCategorical("c", new[] { 1, 2, 3 }));
    }

    [Fact]
    public void IncompatibleRedefinitionNamesTheParameter()
    {
        var study = NewStudy();
        var trial = study.Ask();
        trial.SuggestFloat("x", 0, 10);
        var e = Assert.Throws<ArgumentException>(() => trial.SuggestInt("x", 0, 10));
        Assert.Contains("'x'", e.Message);
        Assert.Throws<ArgumentException>(() => trial.SuggestFloat("x", 0, 11));
        study.Tell(trial, 1);
        var next = study.Ask();
        // Across trials a range may change, the kind and the log setting may not.
        next.SuggestFloat("x", 5, 20);
        var kind = Assert.Throws<ArgumentException>(() => study.Ask().SuggestFloat("x", 1, 20, log: true));
        Assert.Contains("'x'", kind.Message);
        var choices = study.Ask();
        choices.SuggestCategorical("c", new[] { "a", "b" });
        Assert.Throws<ArgumentException>(() => study.Ask().SuggestCategorical("c", new[] { "a", "b", "c" }));
    }

    [Fact]
    public void BadDomainsAreRejectedAndChangeNothing()
    {
        var trial = NewStudy().Ask();
        Assert.Throws<ArgumentException>(() => trial.SuggestFloat("x", 2, 1));
        Assert.Throws<ArgumentException>(() => trial.SuggestFloat("x", 0, 1, log: true));
        Assert.Throws<ArgumentException>(() => trial.SuggestFloat("x", 1, 2, log: true, step: 0.1));
        Assert.Throws<ArgumentException>(() => trial.SuggestInt("n", 0, 10, log: true));
        Assert.Throws<ArgumentException>(() => trial.SuggestInt("n", 1, 10, step: 0));
        Assert.Throws<ArgumentException>(() => trial.SuggestCategorical("c", Array.Empty<string>()));
        Assert.Throws<ArgumentException>(() => trial.SuggestCategorical("c", new object?[] { new object() }));
        Assert.Throws<ArgumentException>(() => trial.SuggestFloat("", 0, 1));
        Assert.Empty(trial.Params);
    }

    [Fact]
    public void SingleValueRangesNeedNoSampling()
    {
        var trial = NewStudy().Ask();
        Assert.Equal(3.5, trial.SuggestFloat("x", 3.5, 3.5));
        Assert.Equal(4, trial.SuggestInt("n", 4, 4));
        Assert.Equal("only", trial.SuggestCategorical("c", new[] { "only" }));
        Assert.Equal(0.0, trial.SuggestFloat("s", 0, 0.05, step: 0.1));
    }

    [Fact]
    public void StepsLowerTheHighBoundOntoTheGrid()
    {
        Assert.Equal(0.9, new FloatDistribution(0, 0.95, step: 0.1).High, 12);
        Assert.Equal(9, new IntDistribution(1, 10, step: 2).High);
    }

    [Fact]
    public void EnqueuedParametersAreUsedWhenTheyFit()
    {
        var study = NewStudy();
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.25, ["n"] = 3, ["c"] = "b", ["outside"] = 50.0 },
            new Dictionary<string, object?> { ["origin"] = "meta" });
        var trial = study.Ask();
        Assert.Equal(0.25, trial.SuggestFloat("x", 0, 1));
        Assert.Equal(3, trial.SuggestInt("n", 0, 10));
        Assert.Equal("b", trial.SuggestCategorical("c", new[] { "a", "b" }));
        Assert.InRange(trial.SuggestFloat("outside", 0, 1), 0, 1); // out of range: sampled instead
        Assert.Equal("meta", trial.UserAttributes["origin"]);
        Assert.Equal(0, trial.Number);
        Assert.Equal(1, study.Ask().Number);
    }

    [Fact]
    public void FinishedTrialsRefuseChanges()
    {
        var study = NewStudy();
        var trial = study.Ask();
        study.Tell(trial, 1);
        Assert.Throws<InvalidOperationException>(() => trial.SuggestFloat("x", 0, 1));
        Assert.Throws<InvalidOperationException>(() => trial.Report(1, 0));
        Assert.Throws<ArgumentException>(() => trial.SetUserAttribute("k", 1));
    }

    [Fact]
    public void AskWithFixedDistributionsSuggestsThemAtOnce()
    {
        var study = NewStudy();
        var trial = study.Ask(new Dictionary<string, Distribution> { ["x"] = new FloatDistribution(0, 1), ["n"] = new IntDistribution(1, 3) });
        Assert.Equal(2, trial.Params.Count);
    }

    [Fact]
    public void MultiObjectiveStudiesRejectReportsAndSingleBest()
    {
        var study = Study.Create(new StudyOptions { Directions = [StudyDirection.Minimize, StudyDirection.Maximize], Seed = 1 });
        var trial = study.Ask();
        Assert.Throws<InvalidOperationException>(() => trial.Report(1, 0));
        Assert.Throws<InvalidOperationException>(() => trial.ShouldPrune());
        Assert.Throws<ArgumentException>(() => study.Tell(trial, 1.0));
        study.Tell(trial, [1.0, 2.0]);
        Assert.Throws<InvalidOperationException>(() => study.BestTrial);
        Assert.Single(study.BestTrials);
    }
}
