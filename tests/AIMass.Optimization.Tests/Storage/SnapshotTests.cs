using AIMass.Optimization.Pruners;
using AIMass.Optimization.Samplers;

namespace AIMass.Optimization.Tests.Storage;

public sealed class SnapshotTests
{
    private static Study RichStudy()
    {
        var clock = new Studies.ManualClock(new DateTimeOffset(2025, 5, 6, 7, 8, 9, 123, TimeSpan.FromHours(2)).AddTicks(4567));
        var study = Study.Create(new StudyOptions { StudyName = "rich", Sampler = new RandomSampler(3), TimeProvider = clock });
        study.SetUserAttribute("owner", "tenant-1");
        study.SetUserAttribute("tags", new object?[] { "a", 1, 2.5, true, null });
        study.SetSystemAttribute("nested", new Dictionary<string, object?> { ["x"] = 3.0, ["big"] = 1L << 40, ["nan"] = double.NaN });
        var t0 = study.Ask();
        t0.SuggestFloat("lr", 1e-4, 1, log: true);
        t0.SuggestInt("layers", 1, 9, step: 2);
        t0.SuggestCategorical("act", new object?[] { "relu", 3, 2.0, false, null });
        t0.Report(0.5, 0);
        t0.Report(double.NaN, 1);
        t0.SetUserAttribute("note", "first");
        t0.SetUserAttribute("whole", 3.0);
        clock.Advance(TimeSpan.FromMilliseconds(1500));
        study.Tell(t0, double.PositiveInfinity);
        var t1 = study.Ask();
        t1.SuggestFloat("q", 0, 1, step: 0.1);
        t1.Report(-0.0, 4);
        study.Tell(t1, TrialState.Pruned);
        study.Tell(study.Ask(), TrialState.Fail);
        study.EnqueueTrial(new Dictionary<string, object?> { ["lr"] = 0.01, ["act"] = "relu" }, new Dictionary<string, object?> { ["source"] = "warm" });
        var running = study.Ask();
        running.SuggestFloat("lr", 1e-4, 1, log: true);
        study.EnqueueTrial(new Dictionary<string, object?> { ["layers"] = 5 });
        return study;
    }

    [Fact]
    public void JsonRoundTripIsExact()
    {
        var study = RichStudy();
        var json = study.ToSnapshot().ToJson();
        var back = StudySnapshot.FromJson(json);
        Assert.Equal(json, back.ToJson());
        var restored = Study.FromSnapshot(back, new RandomSampler(3), new NopPruner());
        Assert.Equal(json, restored.ToSnapshot().ToJson());
        Assert.Equal(5, restored.Trials.Count);
        Assert.Equal(TrialState.Waiting, restored.Trials[4].State);
        Assert.Equal(TrialState.Running, restored.Trials[3].State);
        Assert.Equal(0.01, restored.Trials[3].Params["lr"]);
        Assert.Equal("warm", restored.Trials[3].UserAttributes["source"]);
    }

    [Fact]
    public void ValuesKeepTheirTypesThroughJson()
    {
        var restored = Study.FromSnapshot(StudySnapshot.FromJson(RichStudy().ToSnapshot().ToJson()), new RandomSampler(3), new NopPruner());
        var first = restored.Trials[0];
        Assert.Equal(double.PositiveInfinity, first.Value);
        Assert.True(double.IsNaN(first.IntermediateValues[1]));
        Assert.IsType<double>(first.UserAttributes["whole"]);
        Assert.IsType<int>(first.Params["layers"]);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), first.Duration);
        Assert.Equal(new DateTimeOffset(2025, 5, 6, 7, 8, 9, 123, TimeSpan.FromHours(2)).AddTicks(4567), first.DatetimeStart);
        var act = (CategoricalDistribution)first.Distributions["act"];
        Assert.Equal(new object?[] { "relu", 3, 2.0, false, null }, act.Choices);
        Assert.True(double.IsNegative(restored.Trials[1].IntermediateValues[4]));
        var nested = (IReadOnlyDictionary<string, object?>)restored.SystemAttributes["nested"]!;
        Assert.Equal(1L << 40, nested["big"]);
        Assert.True(double.IsNaN((double)nested["nan"]!));
        var tags = (IReadOnlyList<object?>)restored.UserAttributes["tags"]!;
        Assert.Equal(new object?[] { "a", 1, 2.5, true, null }, tags);
    }

    [Fact]
    public void ARunningTrialCanBeReattachedAfterRestoring()
    {
        var study = RichStudy();
        var restored = Study.FromSnapshot(StudySnapshot.FromJson(study.ToSnapshot().ToJson()), new RandomSampler(3), new NopPruner());
        var trial = restored.GetRunningTrial(3);
        Assert.Equal(0.01, trial.SuggestFloat("lr", 1e-4, 1, log: true));
        Assert.Equal("relu", trial.SuggestCategorical("act", new object?[] { "relu", 3, 2.0, false, null }));
        trial.Report(1.5, 0);
        Assert.False(trial.ShouldPrune());
        restored.Tell(3, 0.25);
        Assert.Equal(0.25, restored.BestValue);
        Assert.Throws<ArgumentException>(() => restored.GetRunningTrial(0));
        // The waiting trial is taken by the next ask.
        Assert.Equal(4, restored.Ask().Number);
    }

    [Fact]
    public void MalformedSnapshotsAreRejectedWithAReason()
    {
        Assert.Throws<ArgumentException>(() => StudySnapshot.FromJson("{not json"));
        var snapshot = RichStudy().ToSnapshot();
        var renumbered = new StudySnapshot
        {
            StudyName = snapshot.StudyName,
            Directions = snapshot.Directions,
            Trials = [snapshot.Trials[1]],
        };
        var e = Assert.Throws<ArgumentException>(() => Study.FromSnapshot(renumbered, new RandomSampler(0), new NopPruner()));
        Assert.Contains("numbers must be 0..n-1", e.Message);
        var first = snapshot.Trials[0];
        var badParams = new Dictionary<string, double>(first.Params) { ["layers"] = 4 };
        var outside = new StudySnapshot
        {
            StudyName = snapshot.StudyName,
            Directions = snapshot.Directions,
            Trials = [new TrialSnapshot { Number = 0, State = first.State, Values = first.Values, Params = badParams, Distributions = first.Distributions }],
        };
        Assert.Contains("outside", Assert.Throws<ArgumentException>(() => Study.FromSnapshot(outside, new RandomSampler(0), new NopPruner())).Message);
    }

    [Fact]
    public void DistributionsRoundTripThroughJson()
    {
        Distribution[] all =
        [
            new FloatDistribution(-1.5, 2.25),
            new FloatDistribution(1e-5, 1, log: true),
            new FloatDistribution(0, 1, step: 0.1),
            new IntDistribution(-3, 11, step: 2),
            new IntDistribution(1, 1024, log: true),
            new CategoricalDistribution(["a", 1, 1.0, true, null, 1L << 33]),
        ];
        foreach (var d in all)
        {
            var back = Distribution.FromJson(d.ToJson());
            Assert.Equal(d, back);
            Assert.Equal(d.ToJson(), back.ToJson());
        }
    }
}
