using AIMass.Optimization.Samplers;

namespace AIMass.Optimization.Tests.Storage;

/// <summary>The in-memory storage's views: immutable snapshots of a moment, whatever happens to the study later.</summary>
public sealed class InMemoryStudyStorageTests
{
    [Fact]
    public void ATrialsViewKeepsItsMomentWhileTheStudyMovesOn()
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(1) });
        for (var i = 0; i < 20; i++) study.Tell(study.Ask(), i);
        var running = study.Ask();
        running.SuggestFloat("x", 0, 1);
        study.Tell(study.Ask(), 100.0);
        var before = study.Trials;
        Assert.Equal(22, before.Count);
        Assert.Equal(TrialState.Running, before[20].State);
        Assert.Single(before[20].Params);

        running.SuggestFloat("y", 0, 1);
        study.Tell(running, 7.0);
        for (var i = 0; i < 40; i++) study.Tell(study.Ask(), i);
        var after = study.Trials;

        Assert.Equal(22, before.Count);
        Assert.Equal(TrialState.Running, before[20].State);
        Assert.Single(before[20].Params);
        Assert.Equal(Enumerable.Range(0, 22), before.Select(t => t.Number));
        Assert.Equal(62, after.Count);
        Assert.Equal(TrialState.Complete, after[20].State);
        Assert.Equal(2, after[20].Params.Count);
        Assert.Equal(Enumerable.Range(0, 62), after.Select(t => t.Number));
        Assert.Same(before[5], after[5]);
        Assert.Same(after[20], after.ElementAt(20));
        Assert.Throws<ArgumentOutOfRangeException>(() => after[62]);
        Assert.Throws<NotSupportedException>(() => ((IList<FrozenTrial>)after).Add(after[0]));
    }

    [Fact]
    public void RunningAndWaitingTrialsAreFoundBehindTheFinishedOnes()
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(2) });
        var early = study.Ask();
        for (var i = 0; i < 10; i++) study.Tell(study.Ask(), i);
        var late = study.Ask();
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.5 });
        _ = study.Trials;
        Assert.Equal([early.Number, late.Number], study.GetTrials(TrialState.Running).Select(t => t.Number));
        Assert.Equal([12], study.GetTrials(TrialState.Waiting).Select(t => t.Number));
        study.Tell(early, 3.0);
        Assert.Equal([late.Number], study.GetTrials(TrialState.Running).Select(t => t.Number));
        Assert.Equal(11, study.GetTrials(TrialState.Complete, TrialState.Waiting).Count - 1);
    }

    [Fact]
    public void SnapshotsShareFinishedTrialsAndCopyRunningOnes()
    {
        var study = Study.Create(new StudyOptions { Sampler = new RandomSampler(3) });
        var t0 = study.Ask();
        t0.SuggestFloat("x", 0, 1);
        study.Tell(t0, 1.0);
        var running = study.Ask();
        running.SuggestFloat("x", 0, 1);
        var first = study.ToSnapshot();
        running.SetUserAttribute("note", "later");
        study.Tell(running, 2.0);
        var second = study.ToSnapshot();

        Assert.Same(first.Trials![0], second.Trials![0]);
        Assert.Equal(TrialState.Running, first.Trials[1].State);
        Assert.Empty(first.Trials[1].UserAttributes);
        Assert.Equal(TrialState.Complete, second.Trials[1].State);
        Assert.Equal("later", second.Trials[1].UserAttributes["note"]);
        var restored = Study.FromSnapshot(StudySnapshot.FromJson(second.ToJson()), new RandomSampler(3), new AIMass.Optimization.Pruners.NopPruner());
        Assert.Equal(2.0, restored.Trials[1].Values![0]);
    }
}
