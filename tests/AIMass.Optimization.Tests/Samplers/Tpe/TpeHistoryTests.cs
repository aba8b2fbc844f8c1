using AIMass.Optimization.Samplers;
using AIMass.Optimization.Samplers.Tpe;

namespace AIMass.Optimization.Tests.Samplers.Tpe;

/// <summary>A history extended trial by trial must equal the history gathered afresh, whatever order trials finish in.</summary>
public sealed class TpeHistoryTests
{
    [Theory]
    [InlineData(StudyDirection.Minimize)]
    [InlineData(StudyDirection.Maximize)]
    public void AnExtendedHistoryEqualsAFreshOne(StudyDirection direction)
    {
        var study = Study.Create(new StudyOptions { Direction = direction, Sampler = new RandomSampler(3) });
        TpeHistory? history = null;
        for (var i = 0; i < 70; i++)
        {
            var trial = study.Ask();
            var x = trial.SuggestInt("x", 0, 5);
            if (i % 3 == 0) trial.SuggestFloat("y", 1e-3, 1, log: true);
            switch (i % 7)
            {
                case 2:
                    trial.Report(x, i % 4);
                    study.Tell(trial, TrialState.Pruned);
                    break;
                case 5:
                    study.Tell(trial, TrialState.Fail);
                    break;
                case 6:
                    study.Tell(trial, double.PositiveInfinity);
                    break;
                default:
                    study.Tell(trial, x % 3);
                    break;
            }
            history = TpeHistory.OfFinished(study, history);
            if (i == 5) _ = history.Column("y", true);
            AssertSame(TpeHistory.OfFinished(study, null), history);
        }
    }

    [Fact]
    public void TrialsFinishingOutOfOrderAreGatheredAfresh()
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(4) });
        TpeHistory? history = null;
        for (var round = 0; round < 3; round++)
        {
            var trials = Enumerable.Range(0, 5).Select(_ => study.Ask()).ToArray();
            foreach (var t in trials) t.SuggestFloat("x", 0, 1);
            foreach (var k in new[] { 4, 1, 0, 3, 2 })
            {
                study.Tell(trials[k], trials[k].Params["x"] is double v ? v : 0);
                history = TpeHistory.OfFinished(study, history);
                _ = history.Column("x", false);
                AssertSame(TpeHistory.OfFinished(study, null), history);
            }
        }
        Assert.Equal(15, history!.Trials.Length);
    }

    [Fact]
    public void AnUnchangedStudyKeepsItsHistory()
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(5) });
        study.Optimize(t => t.SuggestFloat("x", 0, 1), nTrials: 12);
        var history = TpeHistory.OfFinished(study, null);
        study.Ask();
        Assert.Same(history, TpeHistory.OfFinished(study, history));
    }

    [Fact]
    public void EqualLossesRankByTrialNumber()
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(6) });
        foreach (var v in new[] { 2.0, 1, 2, 1, 0, 1, 2, 0 })
        {
            var t = study.Ask();
            study.Tell(t, v);
        }
        var (below, above) = TpeHistory.OfFinished(study, null).Split(4);
        Assert.Equal([1, 3, 4, 7], below);
        Assert.Equal([0, 2, 5, 6], above);
    }

    private static void AssertSame(TpeHistory expected, TpeHistory actual)
    {
        Assert.Equal(expected.Trials.Select(t => t.Number), actual.Trials.Select(t => t.Number));
        Assert.Equal(expected.Steps, actual.Steps);
        Assert.Equal(expected.Scores.Select(s => s[0]), actual.Scores.Select(s => s[0]));
        Assert.Equal(expected.Finished, actual.Finished);
        for (var gamma = 0; gamma <= expected.Trials.Length; gamma += 3)
        {
            var (eb, ea) = expected.Split(gamma);
            var split = actual.CachedSplit(gamma);
            Assert.Equal(eb, split.Below);
            Assert.Equal(ea, split.Above);
            Assert.Equal(Enumerable.Range(0, expected.Trials.Length).Select(i => eb.Contains(i)), split.BelowMask);
        }
        foreach (var (name, log) in new[] { ("x", false), ("y", true) })
        {
            var e = expected.Column(name, log);
            var a = actual.Column(name, log);
            Assert.Equal(e.Internal, a.Internal);
            Assert.Equal(e.Values, a.Values);
            Assert.Equal(e.Sorted, a.Sorted);
        }
    }
}
